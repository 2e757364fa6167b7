"""The interview's logic, apart from any terminal or page: which question comes next, and
how a typed reply becomes an answer (or a plain message saying what was wrong)."""

from __future__ import annotations

from typing import Any

from symptom_decoder.answers import set_path
from symptom_decoder.engine._decide import Ctx
from symptom_decoder.engine._plan import compile_pack
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.graph import answer_paths
from symptom_decoder.knowledge.models import Question

YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}


class ReplyError(ValueError):
    """A reply that cannot be an answer; the message says why in plain words."""


__all__ = ["ReplyError", "parse_reply", "set_path", "should_ask"]


def should_ask(question: Question, answers: dict[str, Any], pack: Pack) -> bool:
    """False for a follow-up whose lead question does not make it apply."""
    if question.ask_when is None:
        return True
    return compile_pack(pack).ask_when[question.path](Ctx(answers, compile_pack(pack)))


def _number(question: Question, text: str, sub: dict[str, Any]) -> float | int:
    cleaned = text.replace(",", ".").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ReplyError("Please type a number, or press Enter to skip.") from None
    if question.type == "integer":
        if not value.is_integer():
            raise ReplyError("Please type a whole number.")
        value = int(value)
    low, high = sub.get("minimum"), sub.get("maximum")
    if low is not None and value < low:
        raise ReplyError(f"That is below {low:g}; please check it.")
    if high is not None and value > high:
        raise ReplyError(f"That is above {high:g}; please check it.")
    return value


def parse_reply(question: Question, text: str, pack: Pack) -> Any:
    """The answer for TEXT, or None when the person skipped; ReplyError when unclear."""
    text = text.strip()
    if not text:
        return None
    sub = answer_paths(pack.answers_schema).get(question.path, {})
    if question.type == "boolean":
        low = text.lower()
        if low in YES:
            return True
        if low in NO:
            return False
        raise ReplyError("Please answer y (yes) or n (no), or press Enter to skip.")
    if question.type in ("integer", "number"):
        return _number(question, text, sub)
    choices = question.choices or []
    if question.type == "choice":
        return _pick(choices, text)
    if question.type == "multi_choice":
        picked = [_pick(choices, part) for part in text.replace(" ", ",").split(",") if part]
        return list(dict.fromkeys(picked))
    raise ReplyError("This question is answered in its own steps.")


def _pick(choices: list[Any], text: str) -> str:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return str(choices[int(text) - 1].value)
    for c in choices:
        if text in (c.value.lower(), c.label.lower()):
            return str(c.value)
    raise ReplyError(f"Please pick a number from 1 to {len(choices)}.")
