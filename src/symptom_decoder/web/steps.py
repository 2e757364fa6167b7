"""The interview as web pages: each screen that ``engine.next_turn`` chooses, as one form.

A screen's form fields are named by question id, and ``shown`` lists the paths on it.
``read_screen`` turns a submitted form into answers, skipped paths and a plain message per
unclear field. The answers and the skipped paths travel in hidden fields and are checked
again before use, so nothing is trusted from the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from symptom_decoder.answers import (
    AnswersError,
    NumberError,
    get_path,
    read_number,
    set_path,
    validate_answers,
)
from symptom_decoder.answers import supplement_kinds as supplement_kind_values
from symptom_decoder.engine import ReplyError, parse_reply, should_ask
from symptom_decoder.engine.interview import is_question_path, question_for, supplement_units
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Question
from symptom_decoder.types import ValidAnswers


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


def drop_path(answers: dict[str, Any], path: str) -> None:
    """Remove the answer at PATH, and any group left empty by it."""
    parts = path.split(".")
    chain: list[Any] = [answers]
    for part in parts[:-1]:
        node = chain[-1]
        child = (node[int(part)] if isinstance(node, list) and part.isdigit()
                 and int(part) < len(node) else
                 node.get(part) if isinstance(node, dict) else None)
        if not isinstance(child, dict | list):
            return
        chain.append(child)
    if not isinstance(chain[-1], dict):
        return
    chain[-1].pop(parts[-1], None)
    for depth in range(len(parts) - 1, 0, -1):
        if chain[depth] or isinstance(chain[depth], list):
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


def load_skipped(text: str, pack: Pack) -> list[str]:
    """The skipped paths carried in the hidden field; anything that is not a question's
    path is left out."""
    try:
        doc = json.loads(text) if text else []
    except ValueError:
        return []
    items = doc if isinstance(doc, list) else []
    return list(dict.fromkeys(p for p in items if is_question_path(pack, p)))


def dump_skipped(skipped: Sequence[str]) -> str:
    return json.dumps(list(skipped), separators=(",", ":"))


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


def shown_questions(pack: Pack, form: Form, answers: Mapping[str, Any]) -> list[Question]:
    """The questions the submitted screen showed (its ``shown`` paths), in the pack's order."""
    found = [question_for(pack, answers, path) for path in dict.fromkeys(form.many("shown"))]
    return [q for q in found if q is not None]


def _supplements(pack: Pack, form: Form) -> tuple[list[dict[str, Any]], dict[str, str]]:
    items: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    kinds = set(supplement_kind_values())
    units = dict(supplement_units())
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
            text = form.one(f"sup{row}_{key}")
            if not text:
                continue
            try:
                value = read_number(text, units.get(key))
            except NumberError as exc:
                errors[f"sup{row}_{key}"] = f"{label}: {exc}"
                continue
            item[key] = int(value) if value.is_integer() else value
        items.append(item)
    return items, errors


def read_screen(
    pack: Pack, shown: Sequence[Question], form: Form, answers: Mapping[str, Any],
    skipped: Sequence[str],
) -> tuple[dict[str, Any], list[str], dict[str, str]]:
    """ANSWERS and SKIPPED updated with one screen's form; and a plain message per field
    that was unclear. A question left blank is skipped: it is not asked again."""
    out: dict[str, Any] = json.loads(json.dumps(answers))
    skip = list(skipped)
    errors: dict[str, str] = {}

    def given(q: Question, value: Any) -> None:
        if value is None or value == []:
            drop_path(out, q.path)
            if q.path not in skip:
                skip.append(q.path)
        else:
            set_path(out, q.path, value)
            if q.path in skip:
                skip.remove(q.path)

    for q in shown:
        if q.type == "supplements":
            items, problems = _supplements(pack, form)
            errors.update(problems)
            given(q, items)
        elif q.type == "multi_choice":
            given(q, [c.value for c in q.choices or [] if c.value in form.many(q.id)])
        elif q.type == "boolean" and q.red_flag:
            # The danger list is a checklist: a sign left unticked was read and is absent.
            given(q, form.one(q.id) == "yes")
        else:
            text = form.one(q.id)
            if q.type == "boolean":
                text = {"yes": "y", "no": "n"}.get(text, "")
            try:
                given(q, parse_reply(q, text, pack))
            except ReplyError as exc:
                errors[q.id] = str(exc).replace(" Or press Enter to skip.", "").replace(
                    ", or press Enter to skip", "")
    _forget_unasked(pack, out)
    return out, skip, errors


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
                errors[f"amount{found.group(1)}_{found.group(2)}"] = message
            else:
                errors[by_path.get(path, "_form")] = message if path in by_path else line
        return None, errors


def answered_questions(pack: Pack, answers: Mapping[str, Any], skipped: Sequence[str]
                       ) -> list[Question]:
    """Every question she answered or skipped that still applies, in the pack's order:
    the screen for changing her answers."""
    out = []
    for q in pack.questions:
        if (get_path(answers, q.path) is not None or q.path in skipped) \
                and should_ask(q, dict(answers), pack):
            out.append(q)
    return out
