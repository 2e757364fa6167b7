"""The interview as web pages: the pack's questions in steps, danger signs first on their own.

A step's form fields are named by question id. ``read_step`` turns a submitted form into
answers and plain messages per question; the answers so far travel in a hidden field and
are validated against ``answers/v1`` before use, so nothing is trusted from the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from symptom_decoder.answers import (
    AnswersError,
    get_path,
    set_path,
    validate_answers,
)
from symptom_decoder.answers import supplement_kinds as supplement_kind_values
from symptom_decoder.engine import ReplyError, parse_reply, should_ask
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Question
from symptom_decoder.types import ValidAnswers


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    prefixes: tuple[str, ...]


STEPS = (
    Step(
        "danger",
        "Danger signs first",
        "Tick any that are true for you now. Leave the rest unticked.",
        ("red_flags.",),
    ),
    Step("you", "About you", "Skip anything you do not know.", ("age_years", "gestational_week",
                                                                  "postpartum_weeks")),
    Step("readings", "Readings", "Only if you have them: from a home blood pressure monitor, a "
         "thermometer or your maternity notes. Skip the rest.", ("measurements.",)),
    Step("cramps", "Your cramps", "Think of a typical cramp.", ("cramps.",)),
    Step("feelings", "Other things you notice", "", ("other_symptoms.",)),
    Step("food", "Food and drink", "Rough guesses are fine.", ("intake.",)),
    Step("pills", "Supplements and medicines", "Amounts are on the label, per tablet.",
         ("supplements", "medications")),
    Step("health", "Your health", "", ("risk_factors.",)),
    Step("day", "Your day", "", ("activity.",)),
    Step("labs", "Test results", "Only if you have them. Your notes from the midwife may "
         "show them.", ("labs.",)),
)

def supplement_kinds(pack: Pack) -> tuple[tuple[str, str], ...]:
    """(kind, label) for the supplements form: the contract's kinds in the pack's words."""
    return pack.choices("supplements", supplement_kind_values())


def supplement_fields(pack: Pack) -> tuple[tuple[str, str], ...]:
    """(key, label) for each amount asked per product; the contract checks the values."""
    return pack.fields("supplements")
SUPPLEMENT_ROWS = 1
MAX_SUPPLEMENT_ROWS = 20


def supplement_rows(value: Any, typed: Mapping[str, str] | None = None) -> range:
    """Rows for the supplements form: every product given (or typed into a refused form),
    and one or more empty ones."""
    given = len(value) if isinstance(value, list) else 0
    for name in typed or {}:
        found = re.fullmatch(r"sup(\d+)_kind", name)
        if found and (typed or {})[name]:
            given = max(given, int(found.group(1)) + 1)
    return range(min(max(SUPPLEMENT_ROWS, given + 1), MAX_SUPPLEMENT_ROWS))


def step_of(question: Question) -> Step:
    for step in STEPS:
        if any(question.path == p or question.path.startswith(p) for p in step.prefixes):
            return step
    return STEPS[-1]


def step_index(step_id: str) -> int:
    for i, step in enumerate(STEPS):
        if step.id == step_id:
            return i
    return 0


def questions(pack: Pack, step: Step, answers: Mapping[str, Any]) -> list[Question]:
    """The step's questions that apply given the answers so far."""
    return [q for q in pack.questions if step_of(q) == step and should_ask(q, dict(answers), pack)]


def drop_path(answers: dict[str, Any], path: str) -> None:
    """Remove the answer at PATH, and any group left empty by it."""
    parts = path.split(".")
    chain = [answers]
    for part in parts[:-1]:
        child = chain[-1].get(part)
        if not isinstance(child, dict):
            return
        chain.append(child)
    chain[-1].pop(parts[-1], None)
    for depth in range(len(parts) - 1, 0, -1):
        if chain[depth]:
            break
        chain[depth - 1].pop(parts[depth - 1], None)


def load_state(text: str, pack: Pack) -> ValidAnswers:
    """The answers carried in the hidden field, checked; anything invalid starts afresh."""
    try:
        doc = json.loads(text) if text else {}
        return validate_answers(doc, pack.answers_schema)
    except (ValueError, AnswersError):
        return ValidAnswers({"schema": "answers/v1"})


def dump_state(answers: Mapping[str, Any]) -> str:
    return json.dumps(answers, separators=(",", ":"), sort_keys=True)


class Form:
    """The submitted form, as a read-only view over one or many values per name."""

    def __init__(self, values: Mapping[str, Sequence[str]]) -> None:
        self._values = values

    def one(self, name: str) -> str:
        found = self._values.get(name) or []
        return found[-1].strip() if found else ""

    def many(self, name: str) -> list[str]:
        return [v.strip() for v in self._values.get(name) or [] if v.strip()]

    def has(self, name: str) -> bool:
        return name in self._values


def _supplements(pack: Pack, form: Form) -> tuple[list[dict[str, Any]], dict[str, str]]:
    items: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    kinds = set(supplement_kind_values())
    for row in range(MAX_SUPPLEMENT_ROWS):
        kind = form.one(f"sup{row}_kind")
        if not kind:
            continue
        if kind not in kinds:
            errors[f"sup{row}_kind"] = "Please pick a kind from the list."
            continue
        item: dict[str, Any] = {"kind": kind}
        name = form.one(f"sup{row}_name")
        if name:
            item["name"] = name[:200]
        for key, label in supplement_fields(pack):
            text = form.one(f"sup{row}_{key}").replace(",", ".")
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                errors[f"sup{row}_{key}"] = f"{label}: please type a number."
                continue
            item[key] = int(value) if value.is_integer() else value
        items.append(item)
    return items, errors


def read_step(
    pack: Pack, step: Step, form: Form, answers: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """ANSWERS updated with this step's form; and a plain message per field that was unclear."""
    out = json.loads(json.dumps(answers))
    errors: dict[str, str] = {}
    for q in questions(pack, step, out):
        if not form.has(f"shown_{q.id}"):
            continue
        if q.type == "supplements":
            items, problems = _supplements(pack, form)
            errors.update(problems)
            if items:
                set_path(out, q.path, items)
            else:
                drop_path(out, q.path)
            continue
        if q.type == "multi_choice":
            values = [c.value for c in q.choices or [] if c.value in form.many(q.id)]
            if values:
                set_path(out, q.path, values)
            else:
                drop_path(out, q.path)
            continue
        if q.type == "boolean" and q.red_flag:
            # The danger list is a checklist: a sign left unticked was read and is absent.
            set_path(out, q.path, form.one(q.id) == "yes")
            continue
        text = form.one(q.id)
        if q.type == "boolean":
            text = {"yes": "y", "no": "n"}.get(text, "")
        try:
            value = parse_reply(q, text, pack)
        except ReplyError as exc:
            errors[q.id] = str(exc).replace(", or press Enter to skip", "")
            continue
        if value is None:
            drop_path(out, q.path)
        else:
            set_path(out, q.path, value)
    _forget_unasked(pack, out)
    return out, errors


def _forget_unasked(pack: Pack, answers: dict[str, Any]) -> None:
    """A follow-up whose question no longer applies (say, the leg after 'no swelling')
    is dropped, so the answers never hold a reply to a question that was not asked."""
    for q in pack.questions:
        if q.ask_when is not None and get_path(answers, q.path) is not None \
                and not should_ask(q, answers, pack):
            drop_path(answers, q.path)


_SUPPLEMENT_FIELD = re.compile(r"^supplements\.(\d+)\.(\w+)$")


def validated(pack: Pack, answers: dict[str, Any]) -> tuple[ValidAnswers | None, dict[str, str]]:
    """ANSWERS checked against ``answers/v1`` once, as the typed value the services take; or
    the problems keyed by the form field that holds each one (``_form`` when none does), so a
    value the form let through is named, never a crash."""
    try:
        return validate_answers(answers, pack.answers_schema), {}
    except AnswersError as exc:
        by_path = {q.path: q.id for q in pack.questions}
        errors: dict[str, str] = {}
        for line in exc.problems:
            path, _, message = line.partition(": ")
            found = _SUPPLEMENT_FIELD.match(path)
            if found:
                errors[f"sup{found.group(1)}_{found.group(2)}"] = message
            else:
                errors[by_path.get(path, "_form")] = message if path in by_path else line
        return None, errors


def pending_follow_ups(pack: Pack, step: Step, answers: dict[str, Any], shown: set[str]) -> bool:
    """True when the answers just given open a question on this step not yet shown."""
    return any(
        q.ask_when is not None and q.id not in shown and get_path(answers, q.path) is None
        for q in questions(pack, step, answers)
    )
