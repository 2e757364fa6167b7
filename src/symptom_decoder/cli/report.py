"""``symptom-decoder report``: the summary for the midwife or doctor, as a file.

Thin: check the options, load what is stored for the local person, build the summary, hand
it to the exporter named by ``--format``, write the file whole or not at all.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from symptom_decoder.summary.build import KeptCheck

WHAT_TO_RECORD = {
    "check": "a check of your cramps: symptom-decoder assess --keep (or give --answers FILE "
             "here)",
    "cramps": "your cramps as they come: symptom-decoder diary log",
    "supplements": "your supplements and antacids: symptom-decoder supplements add NAME "
                   "--kind KIND",
    "due_date": "and, for the week of pregnancy, your due date: symptom-decoder profile set "
                "--due-date YYYY-MM-DD",
}


def _fail(lines: list[str] | str) -> typer.Exit:
    from symptom_decoder.cli._common import fail

    return fail(lines)


def _answers(source: str, pack: object) -> KeptCheck:
    """A check made now from an answers/v1 file (or - for standard input)."""
    from symptom_decoder.answers import AnswersError, parse_answers
    from symptom_decoder.engine import assess
    from symptom_decoder.knowledge import Pack
    from symptom_decoder.summary.build import KeptCheck

    assert isinstance(pack, Pack)
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(f"--answers: no such file: {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"--answers: cannot read {source} ({exc.__class__.__name__})") from None
    try:
        given = parse_answers(text, pack.answers_schema)
    except AnswersError as exc:
        raise _fail(exc.problems) from None
    return KeptCheck(assessment=assess(given, pack).to_json(), answers=given, made_at=None)


def _write(out: str, body: bytes) -> None:
    """BODY to OUT whole (a temporary file renamed over it), or to standard output."""
    if out == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    path = Path(out)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        try:
            with os.fdopen(handle, "wb") as fh:
                fh.write(body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _fail(f"--out: cannot write {out} ({exc.strerror or exc})") from None


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        out: Annotated[str, typer.Option(
            "--out", "-o", help="The file to write, or - for standard output.")],
        fmt: Annotated[str, typer.Option(
            "--format", "-f", help="pdf (one page), fhir (a FHIR R4B document) or markdown.")]
            = "pdf",
        days: Annotated[int, typer.Option(
            help="How many days of the diary to summarise, ending today (1 to 90).")] = 28,
        answers: Annotated[str | None, typer.Option(
            "--answers", "-a", help="An answers/v1 file (or -) to use instead of your latest "
            "kept check.")] = None,
        name: Annotated[str | None, typer.Option(
            help="A name or initials to print on it; not kept.")] = None,
        paper: Annotated[str | None, typer.Option(
            help="a4 or letter (default: SD_PAPER, else a4).")] = None,
        pack: Annotated[str | None, typer.Option(
            help="Knowledge pack name or folder (default: SD_PACK, else pregnancy-leg-cramps).")]
            = None,
    ) -> None:
        """A summary for your midwife or doctor: danger signs, cramps, supplements, results."""
        from symptom_decoder.cli import _common as edge
        from symptom_decoder.diary.errors import FieldError
        from symptom_decoder.knowledge import PackError, load_pack
        from symptom_decoder.settings import SettingsError, get_settings
        from symptom_decoder.summary import exporters, service
        from symptom_decoder.summary.fhir import MissingRecords
        from symptom_decoder.summary.pdf import FontMissing

        try:
            exporter = exporters.get(fmt)
        except exporters.UnknownFormat as exc:
            raise _fail(f"--format: {exc}") from None
        try:
            settings = get_settings()
        except SettingsError as exc:
            raise _fail(str(exc).splitlines()) from None
        chosen = paper or settings.paper
        if chosen not in exporters.PAPERS:
            raise _fail(f"--paper: must be a4 or letter (got {chosen!r})")
        sheet: exporters.Paper = "letter" if chosen == "letter" else "a4"
        try:
            printed = service.clean_name(name)
            period = service.period_ending(edge.today(edge.zone()), days)
        except FieldError as exc:
            raise _fail(f"--{exc.field}: {exc.problem}") from None
        try:
            knowledge = load_pack(pack or settings.pack)
        except PackError as exc:
            raise _fail(exc.problems) from None
        check = _answers(answers, knowledge) if answers is not None else None
        try:
            with edge.diary_session() as (session, person):
                summary = service.summary_for(session, person, knowledge, period=period,
                                              now=edge.now(), name=printed, check=check,
                                              zone=edge.zone())
        except service.NothingToSummarise as exc:
            lines = ["report: nothing to summarise yet. Record one of these first:"]
            lines += [f"  - {WHAT_TO_RECORD[item]}" for item in exc.missing]
            raise _fail(lines) from None
        try:
            body = exporter.render(summary, knowledge, exporters.Options(paper=sheet))
        except (FontMissing, MissingRecords) as exc:
            raise _fail(f"--format: {exc}") from None
        _write(out, body)
        if out != "-":
            typer.echo(f"Wrote {out}: {exporter.title}, {summary.period.days} days "
                       f"from {summary.period.first} to {summary.period.last}.")
