"""``symptom-decoder report``: one command, three formats, a clear line for every mistake."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from summary_support import ROUTINE
from symptom_decoder.cli import app
from symptom_decoder.settings import get_settings

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, env={"SD_TZ": "Europe/London"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ROUTINE), encoding="utf-8")
    return path


def test_it_says_what_to_record_first_when_there_is_nothing(tmp_path: Path) -> None:
    code, out, err = run("report", "--out", str(tmp_path / "summary.pdf"))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "report: nothing to summarise yet. Record one of these first:",
        "  - a check of your cramps: symptom-decoder assess --keep (or give --answers FILE "
        "here)",
        "  - your cramps as they come: symptom-decoder diary log",
        "  - your supplements and antacids: symptom-decoder supplements add NAME --kind KIND",
        "  - and, for the week of pregnancy, your due date: symptom-decoder profile set "
        "--due-date YYYY-MM-DD",
    ]
    assert not (tmp_path / "summary.pdf").exists()


def test_it_writes_a_one_page_pdf_from_the_kept_check_and_the_diary(tmp_path: Path,
                                                                    answers: Path) -> None:
    assert run("assess", "--answers", str(answers), "--keep")[0] == 0
    for severity in (4, 7, 9):
        assert run("diary", "log", "--severity", str(severity), "--woke")[0] == 0
    out = tmp_path / "summary.pdf"
    code, stdout, err = run("report", "--out", str(out), "--name", "A. B.", "--paper", "letter")
    assert code == 0, err
    assert stdout.startswith(f"Wrote {out}: PDF, one page, 28 days from ")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == 792
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Name: A. B." in text and "3 cramps" in text and "ROUTINE" in text


def test_it_writes_fhir_and_markdown_from_answers_given_on_the_command_line(
    tmp_path: Path, answers: Path,
) -> None:
    fhir = tmp_path / "summary.json"
    assert run("report", "--format", "fhir", "--out", str(fhir), "--answers", str(answers))[0] \
        == 0
    bundle = json.loads(fhir.read_text())
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "document")
    code, out, err = run("report", "-f", "markdown", "--out", "-", "--answers", "-",
                         input=json.dumps(ROUTINE))
    assert code == 0, err
    assert out.startswith("# Leg cramps in pregnancy: a summary for the midwife or doctor")
    assert "**ROUTINE** (answers given with this summary)" in out


def test_it_takes_the_paper_from_sd_paper(tmp_path: Path, answers: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SD_PAPER", "letter")
    get_settings.cache_clear()
    out = tmp_path / "summary.pdf"
    assert run("report", "--out", str(out), "--answers", str(answers))[0] == 0
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612


def test_it_names_a_wrong_sd_paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SD_PAPER", "a5")
    get_settings.cache_clear()
    code, _, err = run("report", "--out", str(tmp_path / "x.pdf"))
    assert code == 2
    assert err.startswith("SD_PAPER: Input should be 'a4' or 'letter' (got 'a5')")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "docx"], "--format: must be one of fhir, markdown, pdf (got 'docx')"),
    (["--paper", "a5"], "--paper: must be a4 or letter (got 'a5')"),
    (["--days", "0"], "--days: must be a whole number from 1 to 90 (got 0)"),
    (["--days", "91"], "--days: must be a whole number from 1 to 90 (got 91)"),
    (["--name", "x" * 81], "--name: must be at most 80 characters (got 81)"),
    (["--answers", "no-such.json"], "--answers: no such file: no-such.json"),
], ids=["format", "paper", "no days", "too many days", "long name", "missing answers"])
def test_it_names_the_option_that_is_wrong(tmp_path: Path, args: list[str],
                                           message: str) -> None:
    out = tmp_path / "summary.pdf"
    code, _, err = run("report", "--out", str(out), *args)
    assert (code, err.strip()) == (2, message)
    assert not out.exists()


def test_it_names_each_bad_answer(tmp_path: Path) -> None:
    code, _, err = run("report", "--out", str(tmp_path / "x.pdf"), "--answers", "-",
                       input=json.dumps({"gestational_week": 50}))
    assert (code, err.strip()) == (2, "gestational_week: must be at most 44 (got 50)")


def test_it_leaves_an_existing_file_alone_when_it_cannot_write(tmp_path: Path,
                                                               answers: Path) -> None:
    code, _, err = run("report", "--out", str(tmp_path / "no-folder" / "x.pdf"),
                       "--answers", str(answers))
    assert code == 2
    assert err.startswith("--out: cannot write ")
    kept = tmp_path / "summary.pdf"
    kept.write_bytes(b"the old summary")
    assert run("report", "--out", str(kept), "--format", "docx")[0] == 2
    assert kept.read_bytes() == b"the old summary"
    assert list(tmp_path.glob(".summary.pdf.*")) == []
