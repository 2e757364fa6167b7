"""The PDF is one page on A4 and on Letter, even for a busy month, with its font embedded.

Each page is rendered with pdftoppm (``scripts/pdftools.sh`` installs it; ``make test`` runs
that first) and kept as a picture in test-artifacts/pdf/ for a person to look at.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from summary_support import ROUTINE, TODAY, emergency, fill, pdf_text
from symptom_decoder.knowledge import load_pack
from symptom_decoder.store.db import make_engine, session_factory, transaction, upgrade
from symptom_decoder.store.people import person_by_handle
from symptom_decoder.summary.model import Summary
from symptom_decoder.summary.pdf import render_pdf
from symptom_decoder.summary.service import period_ending, summary_for

ROOT = Path(__file__).resolve().parents[1]
PICTURES = ROOT / "test-artifacts" / "pdf"
NOW = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
SIZES = {"a4": (595, 842), "letter": (612, 792)}  # points, rounded
PACK = load_pack()


def _summary(tmp_path: Path, answers: dict[str, Any] | None, name: str | None) -> Summary:
    stack = answers["supplements"] if answers else None
    engine = make_engine(f"sqlite:///{tmp_path / 'pdf.sqlite3'}")
    upgrade(engine)
    try:
        with transaction(session_factory(engine)) as session:
            who = person_by_handle(session)
            fill(session, who, answers=answers, stack=stack)
            return summary_for(session, who, PACK, period=period_ending(TODAY, 28), now=NOW,
                               name=name)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Summary]]:
    yield {
        "routine": _summary(tmp_path_factory.mktemp("routine"), ROUTINE, "A. B."),
        "emergency": _summary(tmp_path_factory.mktemp("emergency"), emergency(), None),
        "no-check": _summary(tmp_path_factory.mktemp("no-check"), None, None),
    }


def _pages_as_pictures(pdf: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: run scripts/pdftools.sh (make test does)",
                    pytrace=False)
    for old in pdf.parent.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(pdf), str(pdf.with_suffix(""))],
                   check=True)
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("case", ["routine", "emergency", "no-check"])
def test_it_fits_a_month_of_60_cramps_on_one_page(
    summaries: dict[str, Summary], case: str, paper: str,
) -> None:
    body = render_pdf(summaries[case], PACK, paper)
    PICTURES.mkdir(parents=True, exist_ok=True)
    pdf = PICTURES / f"summary-{case}-{paper}.pdf"
    pdf.write_bytes(body)
    pictures = _pages_as_pictures(pdf)
    assert [p.name for p in pictures] == [f"summary-{case}-{paper}-1.png"]
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == SIZES[paper]


def test_it_puts_who_when_how_often_and_the_triage_first(summaries: dict[str, Summary]) -> None:
    text = pdf_text(summaries["routine"])
    assert text.startswith("Leg cramps in pregnancy: a summary for the midwife or doctor")
    for expected in ("Name: A. B.", "Week of pregnancy: 30+3 weeks, due 5 Feb 2027",
                     "Period: 3–30 Nov 2026 (28 days)", "ROUTINE (kept 20 Nov 2026)",
                     "Danger signs asked: 17. None present.", "60 cramps, 15.0 a week",
                     "No trend yet: the diary's comparison needs at least 4 logged weeks"):
        assert expected in text, expected
    assert text.index("ROUTINE") < text.index("LEG CRAMPS") < text.index("SUPPLEMENTS")


def test_it_marks_what_is_over_a_limit_or_out_of_range(summaries: dict[str, Summary]) -> None:
    text = pdf_text(summaries["routine"])
    assert "2,900 OVER" in text
    assert "300*" in text and "Left blank on the label" in text
    assert "Ferritin 18 micrograms per litre 30 or more LOW" in text
    assert "Blood potassium 3.9 millimoles per litre 3.5 to 5.0" in text


def test_it_names_the_danger_signs_present(summaries: dict[str, Summary]) -> None:
    text = pdf_text(summaries["emergency"], "letter")
    assert "EMERGENCY (kept 20 Nov 2026)" in text
    assert "Present: One leg more swollen; Which leg is swollen: left" in text
    assert "Not answered: Changes in sight, Pain below the ribs." in text
    assert "684 OVER" in text  # magnesium from the stack and the blank laxative dose


def test_it_says_when_no_check_was_kept(summaries: dict[str, Summary]) -> None:
    text = pdf_text(summaries["no-check"])
    assert "No check was kept, so the tool has not asked about danger signs." in text
    assert "Name:" not in text


def test_its_footer_gives_the_knowledge_the_date_and_that_it_is_not_a_diagnosis(
    summaries: dict[str, Summary],
) -> None:
    text = pdf_text(summaries["routine"])
    assert "this is not a diagnosis" in text
    assert "Knowledge pregnancy-leg-cramps@" in text
    assert "Made 30 Nov 2026, 14:05" in text
    assert "Page 1 of 1" in text


def test_it_embeds_its_font(summaries: dict[str, Summary]) -> None:
    page: Any = PdfReader(io.BytesIO(render_pdf(summaries["routine"], PACK))).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font: Any = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
        names.append(str(font["/BaseFont"]))
    assert names and all("DejaVuSans" in name for name in names)
