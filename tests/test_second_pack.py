"""A second decoder is data, not code: a small pack on another topic runs unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symptom_decoder.cli import app
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import load_pack_dir

HEARTBURN = Path(__file__).parent / "fixtures" / "packs" / "heartburn"


def test_a_second_pack_loads_and_runs_through_the_same_engine() -> None:
    pack = load_pack_dir(HEARTBURN)
    result = assess({"gestational_week": 30, "coffee_cups_per_day": 4,
                     "symptoms": {"worse_lying_down": True}}, pack).to_json()
    assert result["knowledge_version"] == "pregnancy-heartburn@0.1.0"
    assert result["triage"]["level"] == "self_care"
    assert [f["id"] for f in result["factors"]] == ["posture", "coffee"]
    assert result["factors"][1]["reasons"][0]["text"] == "You drink 4 cups a day."
    assert [p["id"] for p in result["plan"]] == ["small_meals", "less_coffee"]
    assert result["missing_answers"][:2] == ["symptoms.vomiting_blood",
                                             "symptoms.upper_abdominal_pain"]


def test_the_second_pack_has_its_own_danger_rules_and_answers() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["assess", "--pack", str(HEARTBURN), "-a", "-", "-f", "json"],
                           input=json.dumps({"symptoms": {"vomiting_blood": True}}))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["triage"]["headline"].startswith("Call your local emergency")
    bad = runner.invoke(app, ["assess", "--pack", str(HEARTBURN), "-a", "-"],
                        input=json.dumps({"gestational_week": 30, "cramps": {}}))
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "cramps: unknown field"


def test_sd_pack_chooses_the_pack_when_no_option_is_given(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from symptom_decoder.settings import get_settings

    monkeypatch.setenv("SD_PACK", str(HEARTBURN))
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["assess", "-a", "-", "-f", "json"],
                                input=json.dumps({"coffee_cups_per_day": 4}))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["knowledge_version"] == "pregnancy-heartburn@0.1.0"
