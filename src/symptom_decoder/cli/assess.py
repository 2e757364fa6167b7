"""``symptom-decoder assess``: from answers to an assessment, or an interview in the terminal."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Format(StrEnum):
    json = "json"
    text = "text"
    markdown = "markdown"


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(f"answers: no such file: {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"answers: cannot read {source} ({exc.__class__.__name__})") from None


def _fail(line: str | list[str]) -> typer.Exit:
    from symptom_decoder.cli._common import fail

    return fail(line)


def _emit(doc: dict[str, Any], fmt: Format) -> None:
    from symptom_decoder import render

    if fmt is Format.json:
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    elif fmt is Format.markdown:
        typer.echo(render.to_markdown(doc), nl=False)
    else:
        typer.echo(render.to_text(doc), nl=False)


def _with_log(answers: dict[str, Any], days: int) -> dict[str, Any]:
    """ANSWERS completed from what she recorded (the same service the web interview uses):
    the food log's daily figures, her week of pregnancy, and her saved supplements."""
    from symptom_decoder.cli._common import diary_session, today, zone
    from symptom_decoder.diet.known import known_answers, with_known

    with diary_session() as (session, person):
        known = known_answers(session, person, today=today(zone()), food_days=days)
    return with_known(answers, known)


def register(app: typer.Typer) -> None:
    @app.command()
    def assess(
        answers: Annotated[str | None, typer.Option(
            "--answers", "-a", help="An answers/v1 JSON file, or - for standard input. "
            "Without it, an interview in the terminal.")] = None,
        fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
        pack: Annotated[str | None, typer.Option(
            help="Knowledge pack name or folder (default: SD_PACK, else pregnancy-leg-cramps).")]
            = None,
        save: Annotated[Path | None, typer.Option(
            help="Also write the answers given in the interview to this file.")] = None,
        from_log: Annotated[int | None, typer.Option(
            "--from-log", min=1, max=60, metavar="DAYS",
            help="Fill food magnesium, calcium, iron and caffeine from your food log (average "
            "of the last DAYS days), and your saved supplements when the answers list none.")]
            = None,
        keep: Annotated[bool, typer.Option(
            "--keep", help="Keep the assessment in your data, with its knowledge version.")]
            = False,
        full: Annotated[bool, typer.Option(
            "--full", help="In the interview, ask every question that could change the "
            "result (the quick check asks at most 15).")] = False,
    ) -> None:
        """Decode answers into an assessment: danger signs first, then likely drivers."""
        from symptom_decoder.answers import AnswersError, parse_answers, validate_answers
        from symptom_decoder.engine import assess as run
        from symptom_decoder.knowledge import PackError, load_pack
        from symptom_decoder.settings import get_settings

        settings = get_settings()
        try:
            knowledge = load_pack(pack or settings.pack)
        except PackError as exc:
            raise _fail(exc.problems) from None
        if answers is None:
            from symptom_decoder.cli.interview import interview

            try:
                given = interview(knowledge, mode="full" if full else "quick",
                                  maternity=settings.maternity_phone)
            except EOFError:
                raise _fail("answers: the interview needs someone at the keyboard, and input "
                            "ended; for scripts use --answers FILE (or - for standard input)"
                            ) from None
            if save is not None:
                save.write_text(json.dumps(given, indent=2) + "\n", encoding="utf-8")
        else:
            try:
                given = parse_answers(_read(answers), knowledge.answers_schema)
            except AnswersError as exc:
                raise _fail(exc.problems) from None
        if from_log is not None:
            given = _with_log(given, from_log)
        try:
            validate_answers(given, knowledge.answers_schema)
        except AnswersError as exc:
            raise _fail(exc.problems) from None
        doc = run(given, knowledge).to_json()
        if keep:
            from symptom_decoder.cli._common import diary_session
            from symptom_decoder.diary.assessments import save_assessment

            with diary_session() as (session, person):
                save_assessment(session, person, given, doc)
        _emit(doc, fmt)


VERDICTS = {"supported": "Supported", "mixed": "Mixed", "not_supported": "Not supported",
            "unknown": "Not known"}


def register_claims(app: typer.Typer) -> None:
    @app.command()
    def claims(
        fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
        pack: Annotated[str | None, typer.Option(
            help="Knowledge pack name or folder (default: SD_PACK, else pregnancy-leg-cramps).")]
            = None,
    ) -> None:
        """What the article this tool grew from claims, and what studies show."""
        import textwrap

        from symptom_decoder.knowledge import PackError, load_pack

        if pack is None:
            from symptom_decoder.settings import get_settings

            pack = get_settings().pack
        try:
            knowledge = load_pack(pack)
        except PackError as exc:
            raise _fail(exc.problems) from None
        if not knowledge.claims:
            raise _fail(f"claims: the pack {knowledge.id} lists no claims")
        if fmt is Format.json:
            typer.echo(json.dumps([c.model_dump(mode="json") for c in knowledge.claims],
                                  indent=2, ensure_ascii=False))
            return
        lines: list[str] = []
        for i, c in enumerate(knowledge.claims, start=1):
            text = " ".join(c.text.split())
            if fmt is Format.markdown:
                lines += [f"{i}. **{c.claim}**", f"   *{VERDICTS[c.verdict]}.* {text} "
                          f"[{', '.join(c.sources)}]", ""]
            else:
                lines.append(textwrap.fill(f"{i}. The article says: {c.claim}", width=80,
                                           subsequent_indent="   "))
                lines.append(textwrap.fill(f"{VERDICTS[c.verdict]}. {text} "
                                           f"[{', '.join(c.sources)}]", width=80,
                                           initial_indent="   ", subsequent_indent="   "))
                lines.append("")
        header = ("What the article claims, and what studies show",
                  "Nobody knows for sure what causes leg cramps in pregnancy.", "")
        typer.echo("\n".join([*header, *lines]).rstrip() + "\n", nl=False)
