"""Settings come from SD_* variables with plain errors; kept assessments land in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symptom_decoder.cli import app
from symptom_decoder.settings import SettingsError, get_settings


def test_sd_data_dir_chooses_where_data_lives(isolated_data_dir: Path) -> None:
    settings = get_settings()
    assert settings.data_dir == isolated_data_dir
    assert settings.effective_database_url == (
        f"sqlite:///{isolated_data_dir / 'symptom-decoder.sqlite3'}")


def test_database_url_switches_to_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://sd@db.example/sd")
    get_settings.cache_clear()
    assert get_settings().effective_database_url == "postgresql://sd@db.example/sd"


def test_a_wrong_value_names_the_variable_and_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SD_PORT", "eighty")
    get_settings.cache_clear()
    with pytest.raises(SettingsError, match=r"^SD_PORT: .*\(got 'eighty'\); fix or unset it$"):
        get_settings()


def test_keep_saves_the_assessment_with_its_knowledge_version() -> None:
    from symptom_decoder.diary.assessments import list_assessments
    from symptom_decoder.store.db import make_engine, session_factory, transaction
    from symptom_decoder.store.people import person_by_handle

    answers = {"gestational_week": 30, "labs": {"ferritin_ug_per_l": 20}}
    result = CliRunner().invoke(app, ["assess", "-a", "-", "-f", "json", "--keep"],
                                input=json.dumps(answers))
    assert result.exit_code == 0, result.output
    engine = make_engine(get_settings().effective_database_url)
    with transaction(session_factory(engine)) as session:
        saved = list_assessments(session, person_by_handle(session))
    engine.dispose()
    assert len(saved) == 1
    assert saved[0].answers == answers
    assert saved[0].knowledge_version == json.loads(result.stdout)["knowledge_version"]


def test_from_log_feeds_the_food_log_and_saved_supplements_into_the_assessment() -> None:
    from datetime import date

    from symptom_decoder.diet.stack import add_item
    from symptom_decoder.store.db import make_engine, session_factory, transaction, upgrade
    from symptom_decoder.store.diet_models import FoodLogEntry
    from symptom_decoder.store.people import person_by_handle

    engine = make_engine(get_settings().effective_database_url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        person = person_by_handle(session)
        add_item(session, person_id=person.id, kind="calcium_antacid", name="chews",
                 units_per_day=8, amounts={"calcium_mg": 200})
        session.add(FoodLogEntry(person_id=person.id, day=date.today(), text="30 g seeds",
                                 food_id=12014, ndb_no="12014", description="Pumpkin seeds",
                                 portion="30 g", grams=30, magnesium_mg=177.6, calcium_mg=13.8))
    engine.dispose()
    result = CliRunner().invoke(app, ["assess", "-a", "-", "-f", "json", "--from-log", "1"],
                                input=json.dumps({"gestational_week": 30}))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    mg = next(f for f in doc["factors"] if f["id"] == "magnesium")
    assert any("about 178 milligrams of magnesium" in r["text"] for r in mg["reasons"])
    chews = doc["warnings"] and [w for w in doc["warnings"] if w["id"] == "iron_calcium_timing"]
    assert not chews  # no iron taken: the saved antacids alone bring no timing warning
    assert "calcium_without_magnesium" not in {w["id"] for w in doc["warnings"]}
    calcium = next(f for f in doc["factors"] if f["id"] == "calcium_magnesium_balance")
    assert any("antacid" in r["text"] for r in calcium["reasons"])


def test_from_log_takes_the_week_of_pregnancy_from_the_profile_as_the_web_does() -> None:
    from datetime import date, timedelta

    due = (date.today() + timedelta(weeks=10)).isoformat()
    assert CliRunner().invoke(app, ["profile", "set", "--due-date", due]).exit_code == 0
    result = CliRunner().invoke(app, ["assess", "-a", "-", "-f", "json", "--from-log", "7"],
                                input=json.dumps({}))
    assert result.exit_code == 0, result.output
    circulation = next(f for f in json.loads(result.stdout)["factors"]
                       if f["id"] == "circulation")
    assert any("third trimester" in r["text"] for r in circulation["reasons"])
    typed = CliRunner().invoke(app, ["assess", "-a", "-", "-f", "json", "--from-log", "7"],
                               input=json.dumps({"gestational_week": 12}))
    circulation = next(f for f in json.loads(typed.stdout)["factors"] if f["id"] == "circulation")
    assert any("first trimester" in r["text"] for r in circulation["reasons"])
