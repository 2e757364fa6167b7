"""``symptom-decoder assess`` as a person or a script uses it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SHARED
from symptom_decoder.cli import app

runner = CliRunner()
EXAMPLES = SHARED / "contract" / "examples"


def _answers(name: str) -> str:
    return json.dumps(json.loads((EXAMPLES / f"{name}.json").read_text())["answers"])


def test_it_prints_an_assessment_as_json_from_standard_input() -> None:
    result = runner.invoke(app, ["assess", "--answers", "-", "--format", "json"],
                           input=_answers("classic-night-cramps"))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == "assessment/v1"
    assert doc["triage"]["level"] == "self_care"
    assert doc["factors"][0]["id"] == "magnesium"


def test_it_reads_answers_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(_answers("one-swollen-leg"))
    result = runner.invoke(app, ["assess", "--answers", str(path), "--format", "json"])
    assert json.loads(result.stdout)["triage"]["level"] == "urgent"


def test_the_text_report_puts_the_danger_first_and_fits_80_columns() -> None:
    result = runner.invoke(app, ["assess", "-a", "-"], input=_answers("one-swollen-leg"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("URGENT - today: Get checked today.")
    assert max(len(line) for line in lines) <= 80
    order = [result.stdout.index(h) for h in (
        "GET HELP NOW IF", "WHAT MAY BE BEHIND", "NOT ORDINARY CRAMPS", "TESTS TO DISCUSS",
        "RELIEF NOW", "PLAN FOR", "REFERENCES")]
    assert order == sorted(order)
    assert "does not diagnose" in result.stdout


def test_a_reason_against_a_look_alike_is_marked_as_against() -> None:
    """At 14 weeks, 'pre-eclampsia is rare before 20 weeks' counts against it: it must not
    read as one more sign for it."""
    early = {"gestational_week": 14,
             "measurements": {"bp_systolic_mmhg": 150, "bp_diastolic_mmhg": 95}}
    result = runner.invoke(app, ["assess", "-a", "-"], input=json.dumps(early))
    marks = {line.strip()[:1] for line in result.stdout.splitlines()
             if "pre-eclampsia is rare" in line}
    assert marks == {"-"}
    assert any(line.strip().startswith("+ Your blood pressure reading of 150 over 95")
               for line in result.stdout.splitlines())


def test_the_markdown_report_has_headings_and_linked_references() -> None:
    result = runner.invoke(app, ["assess", "-a", "-", "-f", "markdown"],
                           input=_answers("calcium-antacids"))
    assert result.stdout.startswith("# Routine")
    assert "## Warnings" in result.stdout
    headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Get help now if"
    assert "](https://" in result.stdout


@pytest.mark.parametrize(
    ("given", "lines"),
    [
        pytest.param(_answers("bad-input"), [
            "cramp: unknown field",
            'cramps.episodes_per_week: must be a number (got "often")',
            "gestational_week: must be at most 44 (got 50)"], id="three problems"),
        pytest.param("{not json", ["answers: not valid JSON (line 1, column 2: "
                                   "Expecting property name enclosed in double quotes)"],
                     id="broken JSON"),
    ],
)
def test_invalid_answers_exit_2_with_one_line_per_problem(given: str, lines: list[str]) -> None:
    result = runner.invoke(app, ["assess", "-a", "-", "-f", "json"], input=given)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == lines


def test_a_missing_file_is_a_plain_error() -> None:
    result = runner.invoke(app, ["assess", "-a", "/no/such/file.json"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "answers: no such file: /no/such/file.json"


def test_the_interview_stops_at_once_when_a_danger_sign_is_given(tmp_path: Path) -> None:
    # "y" to the first question (sudden breathlessness); Enter declines to go on.
    replies = "y\n" + "\n" * 200
    saved = tmp_path / "answers.json"
    result = runner.invoke(app, ["assess", "--save", str(saved)], input=replies)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Do this now" in out
    assert "Call your local emergency number now" in out
    assert "Do you have chest pain?" not in out
    assert "If no one answers" in out
    assert json.loads(saved.read_text()) == {
        "schema": "answers/v1", "red_flags": {"sudden_shortness_of_breath": True}}
    assert "EMERGENCY" in out


def test_the_interview_asks_again_when_a_reply_makes_no_sense() -> None:
    replies = "maybe\nn\n" + "\n" * 200
    result = runner.invoke(app, ["assess", "-f", "json"], input=replies)
    assert "Please answer y (yes) or n (no)" in result.stdout
    assert '"self_care"' in result.stdout


def test_the_quick_interview_asks_at_most_15_questions_and_reads_plain_numbers(
        tmp_path: Path) -> None:
    from symptom_decoder.knowledge import load_pack

    danger_signs = len([q for q in load_pack().questions if q.red_flag and not q.ask_when])
    replies = "n\n" * danger_signs + "30 weeks\n" + "\n" * 200
    saved = tmp_path / "answers.json"
    result = runner.invoke(app, ["assess", "--save", str(saved)], input=replies)
    assert result.exit_code == 0, result.output
    assert json.loads(saved.read_text())["gestational_week"] == 30
    asked = result.stdout.count("screen ")
    assert asked <= 4
    assert "Answer more to sharpen this" in result.stdout


def test_the_contract_check_passes_against_the_installed_command() -> None:
    command = Path(sys.executable).with_name("symptom-decoder")
    proc = subprocess.run([sys.executable, str(SHARED / "contract" / "check.py"), str(command)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    examples = len(list((SHARED / "contract" / "examples").glob("*.json")))
    assert f"{examples}/{examples} cases pass" in proc.stdout


def test_the_interview_says_what_to_do_when_input_ends() -> None:
    result = runner.invoke(app, ["assess"], input="")
    assert result.exit_code == 2
    assert "use --answers FILE" in result.stderr


def test_the_reports_show_likelihood_in_words_and_evidence_for_every_factor() -> None:
    import re

    for fmt in ("text", "markdown"):
        result = runner.invoke(app, ["assess", "-a", "-", "-f", fmt],
                               input=_answers("classic-night-cramps"))
        assert not re.search(r"\b0\.\d{2}\b", result.stdout), fmt
        assert result.stdout.count("Evidence (") == 7, fmt
        assert "Nobody knows for sure what causes leg cramps" in result.stdout


def test_claims_lists_what_the_article_says_and_what_studies_show() -> None:
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 0
    assert "Nobody knows for sure" in result.stdout
    assert "Not supported." in result.stdout and "Mixed." in result.stdout
    doc = json.loads(runner.invoke(app, ["claims", "-f", "json"]).stdout)
    assert {c["verdict"] for c in doc} >= {"supported", "mixed", "not_supported"}
    assert all(c["sources"] for c in doc)


def test_a_reading_that_needs_care_today_stops_the_screen_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # NICE NG133: 150 systolic at 34 weeks needs assessment the same day. The terminal asks
    # a screen one question at a time, so the reading ends it before the next question;
    # going on, the lower number comes first, since it alone could make it an emergency.
    from rich.console import Console

    from symptom_decoder.cli import interview as terminal
    from symptom_decoder.knowledge import load_pack

    given = {"gestational_week": 34, "risk_factors.high_blood_pressure": True,
             "measurements.bp_systolic_mmhg": 150.0, "measurements.bp_diastolic_mmhg": 100.0}
    asked: list[str] = []
    out = Console(file=io.StringIO(), width=100)
    shown_at: list[int] = []

    def reply(console: object, question: Any, pack: object) -> Any:
        asked.append(question.path)
        if question.red_flag and question.path.startswith("red_flags."):
            return False
        return given.get(question.path)

    def go_on(console: object, text: str) -> bool:
        shown_at.append(len(asked))
        return "Do not wait" in text

    monkeypatch.setattr(terminal, "_ask", reply)
    monkeypatch.setattr(terminal, "_supplements", lambda console, question: None)
    monkeypatch.setattr(terminal, "_yes", go_on)
    answers = terminal.interview(load_pack(), out)
    systolic = asked.index("measurements.bp_systolic_mmhg")
    assert shown_at[0] == systolic + 1  # the danger screen, before any other question
    assert asked[systolic + 1] == "measurements.bp_diastolic_mmhg"
    assert answers["measurements"] == {"bp_systolic_mmhg": 150.0, "bp_diastolic_mmhg": 100.0}
    assert "Do this now" in out.file.getvalue()  # type: ignore[attr-defined]
