"""The interview in a terminal (Rich prompts), screen by screen as ``engine.next_turn`` says,
the same mechanism as the web check and the JSON API. Danger signs come first; a danger
answer stops the questions at once and shows what to do now."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt

from symptom_decoder.answers import NumberError, read_number, set_path, supplement_amounts
from symptom_decoder.engine import (
    Assessment,
    Mode,
    ReplyError,
    needs_care_now,
    next_turn,
    parse_reply,
)
from symptom_decoder.engine.interview import QUICK_QUESTIONS, supplement_units
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Question
from symptom_decoder.types import Level

UNITS_PER_DAY_MAX = 50.0


def _ask(console: Console, question: Question, pack: Pack) -> Any:
    hint = {"boolean": " [y/n]", "integer": "", "number": ""}.get(question.type, "")
    if question.unit:
        hint += f" ({question.unit})"
    if question.help:
        console.print(f"[dim]{escape(question.help)}[/dim]")
    if question.choices:
        for i, c in enumerate(question.choices, start=1):
            console.print(f"  {i}. {escape(c.label)}")
        if question.type == "multi_choice":
            hint += " (numbers, separated by commas)"
    while True:
        reply = Prompt.ask(f"[bold]{escape(question.text)}[/bold]{escape(hint)}", default="",
                           show_default=False, console=console)
        try:
            return parse_reply(question, reply, pack)
        except ReplyError as exc:
            console.print(f"[yellow]{escape(str(exc))}[/yellow]")


def _number(console: Console, text: str, *, unit: str | None, high: float) -> float | None:
    while True:
        reply = Prompt.ask(text, default="", show_default=False, console=console).strip()
        if not reply:
            return None
        try:
            value = read_number(reply, unit)
        except NumberError as exc:
            console.print(f"[yellow]{escape(str(exc))} Or press Enter to skip.[/yellow]")
            continue
        if 0 <= value <= high:
            return value
        console.print(f"[yellow]Please type a number from 0 to {high:g}.[/yellow]")


def _supplements(console: Console, question: Question) -> list[dict[str, Any]] | None:
    console.print(f"[bold]{escape(question.text)}[/bold]")
    if question.help:
        console.print(f"[dim]{escape(question.help)}[/dim]")
    kinds = [(c.value, c.label) for c in question.choices or []]
    highs = dict(supplement_amounts())
    units = dict(supplement_units())
    items: list[dict[str, Any]] = []
    while True:
        more = Prompt.ask("Add one? \\[y/n]", default="n", show_default=False, console=console)
        if more.strip().lower() not in ("y", "yes"):
            return items if items or more.strip().lower() in ("n", "no") else None
        for i, (_, label) in enumerate(kinds, start=1):
            console.print(f"  {i}. {escape(label)}")
        pick = Prompt.ask("Which kind", choices=[str(i) for i in range(1, len(kinds) + 1)],
                          console=console)
        item: dict[str, Any] = {"kind": kinds[int(pick) - 1][0]}
        name = Prompt.ask("Its name (optional)", default="", show_default=False, console=console)
        if name.strip():
            item["name"] = name.strip()[:200]
        for field in question.fields or []:
            amount = _number(console, escape(field.label), unit=units.get(field.key),
                             high=highs.get(field.key, UNITS_PER_DAY_MAX))
            if amount is not None:
                item[field.key] = amount
        items.append(item)


def _yes(console: Console, text: str) -> bool:
    reply = Prompt.ask(text, default="", show_default=False, console=console)
    return reply.strip().lower() in ("y", "yes")


def _show_danger(console: Console, result: Assessment, maternity: str | None,
                 where: str | None) -> None:
    triage = result.triage
    style = "bold white on red" if triage.level is Level.emergency else "bold black on yellow"
    console.print(Panel(escape(triage.do_now or triage.headline), style=style,
                        title="Do this now"))
    if maternity:
        console.print(f"[bold]Your maternity unit:[/bold] {escape(maternity)}")
    elif where:
        console.print(f"[bold]Your maternity unit:[/bold] {escape(where)}")
    if triage.if_no_answer:
        console.print(f"[bold]If no one answers:[/bold] {escape(triage.if_no_answer)}")
    for reason in triage.reasons:
        console.print(f"  - {escape(reason.text)}")


def interview(pack: Pack, console: Console | None = None, *, mode: Mode = "quick",
              maternity: str | None = None) -> dict[str, Any]:
    """Ask what ``next_turn`` asks, screen by screen, and return the answers given.

    MATERNITY is the maternity unit's number (the server's setting), shown with a danger
    result."""
    console = console or Console()
    intro = (f"A quick check: the danger signs, then at most {QUICK_QUESTIONS - 1} questions."
             if mode == "quick" else "The full check: every question that could change "
             "the result.")
    console.print(Panel(f"{escape(pack.manifest.title)}\n{intro}\nPress Enter to skip any "
                        "question.", title="Symptom Decoder"))
    answers: dict[str, Any] = {"schema": pack.manifest.answers_schema} \
        if pack.manifest.answers_schema == "answers/v1" else {}
    skipped: list[str] = []
    seen: Level | None = None
    where = pack.manifest.contacts.maternity_unit_where if pack.manifest.contacts else None
    while True:
        turn = next_turn(answers, pack, skipped=skipped, mode=mode, seen=seen)
        if turn.danger:
            _show_danger(console, turn.assessment, maternity, where)
            if not _yes(console, "Do not wait for the rest of this check. Answer the other "
                        "questions anyway? \\[y/N]"):
                return answers
            seen, mode = turn.assessment.triage.level, "full"
            continue
        if turn.done:
            if turn.more and mode == "quick" and _yes(
                    console, f"Answer more to sharpen this ({turn.more} more questions "
                    "at most)? \\[y/N]"):
                mode = "full"
                continue
            return answers
        title = "Danger signs first" if turn.checklist else "A few questions"
        console.rule(f"{title} (screen {turn.screen} of "
                     f"{'at most' if mode == 'quick' else 'about'} {turn.screens})")
        for question in turn.questions:
            value = _supplements(console, question) if question.type == "supplements" \
                else _ask(console, question, pack)
            if value is None or value == []:
                skipped.append(question.path)
                continue
            set_path(answers, question.path, value)
            if (question.red_flag and value is not False) or needs_care_now(answers, pack, seen):
                break  # a danger answer (a reading too) is looked at before any other question
