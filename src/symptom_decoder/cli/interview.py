"""The interview in a terminal (Rich prompts). Danger signs come first; when one is
present, what to do now is shown at once, before any other question."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt

from symptom_decoder.answers import set_path, supplement_amounts
from symptom_decoder.engine import ReplyError, assess, parse_reply, should_ask
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
            console.print(f"[yellow]{exc}[/yellow]")


def _number(console: Console, text: str, *, high: float) -> float | None:
    while True:
        reply = Prompt.ask(text, default="", show_default=False, console=console).strip()
        if not reply:
            return None
        try:
            value = float(reply.replace(",", "."))
        except ValueError:
            console.print("[yellow]Please type a number, or press Enter to skip.[/yellow]")
            continue
        if 0 <= value <= high:
            return value
        console.print(f"[yellow]Please type a number from 0 to {high:g}.[/yellow]")


def _supplements(console: Console, question: Question) -> list[dict[str, Any]] | None:
    console.print(f"[bold]{question.text}[/bold]")
    if question.help:
        console.print(f"[dim]{question.help}[/dim]")
    kinds = [(c.value, c.label) for c in question.choices or []]
    highs = dict(supplement_amounts())
    items: list[dict[str, Any]] = []
    while True:
        more = Prompt.ask("Add one? \\[y/n]", default="n", show_default=False, console=console)
        if more.strip().lower() not in ("y", "yes"):
            return items if items or more.strip().lower() in ("n", "no") else None
        for i, (_, label) in enumerate(kinds, start=1):
            console.print(f"  {i}. {label}")
        pick = Prompt.ask("Which kind", choices=[str(i) for i in range(1, len(kinds) + 1)],
                          console=console)
        item: dict[str, Any] = {"kind": kinds[int(pick) - 1][0]}
        name = Prompt.ask("Its name (optional)", default="", show_default=False, console=console)
        if name.strip():
            item["name"] = name.strip()[:200]
        for field in question.fields or []:
            amount = _number(console, field.label, high=highs.get(field.key, UNITS_PER_DAY_MAX))
            if amount is not None:
                item[field.key] = amount
        items.append(item)


def _show_danger(console: Console, answers: dict[str, Any], pack: Pack) -> Level:
    result = assess(answers, pack)
    level = result.triage.level
    if level in (Level.emergency, Level.urgent):
        style = "bold white on red" if level is Level.emergency else "bold black on yellow"
        console.print(Panel(result.triage.do_now or result.triage.headline, style=style,
                            title="Do this now"))
        for reason in result.triage.reasons:
            console.print(f"  - {reason.text}")
    return level


def interview(pack: Pack, console: Console | None = None) -> dict[str, Any]:
    """Ask the pack's questions in order and return the answers given."""
    console = console or Console()
    console.print(Panel(pack.manifest.title + "\nPress Enter to skip any question.",
                        title="Symptom Decoder"))
    answers: dict[str, Any] = {"schema": pack.manifest.answers_schema} \
        if pack.manifest.answers_schema == "answers/v1" else {}
    shown = Level.self_care
    for question in pack.questions:
        if not should_ask(question, answers, pack):
            continue
        if question.type == "supplements":
            value: Any = _supplements(console, question)
        else:
            value = _ask(console, question, pack)
        if value is None or value == []:
            continue
        set_path(answers, question.path, value)
        if question.red_flag and value:
            level = assess(answers, pack).triage.level
            if level.rank > shown.rank and level in (Level.emergency, Level.urgent):
                shown = _show_danger(console, answers, pack)
                console.print("[dim]The advice above stands. You can go on answering, "
                              "or stop here with Ctrl+C.[/dim]")
    return answers
