"""The interview's logic, apart from any terminal or page: which questions come next, and
how a typed reply becomes an answer (or a plain message saying what was wrong).

``next_turn`` is the one mechanism every front end uses (the web check, the JSON API, the
terminal). It is stateless: it is given all the answers so far and the paths she skipped,
and says what to ask on the next screen, or that the interview is done. Danger signs come
first, alone; a danger answer ends the interview at once; then only the questions whose
answer could still change the result, in the order of the engine's own ranking of missing
answers (``Assessment.next_questions``). The quick check leaves out questions that need a
reading, a test result or the food log (unless the pack's ``quick_when`` says the answers
so far make one worth asking), and stops after ``QUICK_QUESTIONS``; the full one asks
everything that could change the result.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from symptom_decoder.answers import NumberError, get_path, read_entry, read_number, set_path
from symptom_decoder.engine._build import assess
from symptom_decoder.engine._decide import Ctx, decide
from symptom_decoder.engine._plan import compile_pack
from symptom_decoder.engine.result import Assessment
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.conditions import leaves
from symptom_decoder.knowledge.graph import answer_paths
from symptom_decoder.knowledge.models import Question
from symptom_decoder.nutrition import blank_estimates, blank_unknowns
from symptom_decoder.types import Level

YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}

Mode = Literal["quick", "full"]
MODES: tuple[Mode, ...] = ("quick", "full")
SCREEN_SIZE = 5
"""Questions on one phone screen."""
QUICK_QUESTIONS = 15
"""The most questions the quick check asks, the danger checklist counted as one."""


class ReplyError(ValueError):
    """A reply that cannot be an answer; the message says why in plain words."""


__all__ = ["MODES", "QUICK_QUESTIONS", "SCREEN_SIZE", "Mode", "ReplyError", "Turn",
           "is_question_path", "level_of", "needs_care_now", "next_turn", "parse_reply",
           "plain_entries", "question_for", "set_path", "should_ask", "supplement_units"]


def should_ask(question: Question, answers: dict[str, Any], pack: Pack) -> bool:
    """False for a follow-up whose lead question does not make it apply."""
    if question.ask_when is None:
        return True
    return compile_pack(pack).ask_when[question.path](Ctx(answers, compile_pack(pack)))


# ---------------------------------------------------------------- the next screen


@dataclass(frozen=True)
class Turn:
    """The interview's next step: a screen of questions, or (none left) the result."""

    assessment: Assessment
    """The result of the answers so far."""
    questions: tuple[Question, ...] = ()
    checklist: bool = False
    """The danger signs: a sign left unticked is a "no"."""
    mode: Mode = "quick"
    asked: int = 0
    """Questions put so far (answered or skipped), the danger checklist counted as one."""
    left: int = 0
    """At most this many more in the quick check; about this many in the full one."""
    more: int = 0
    """When done: how many questions the full check could still ask."""
    danger: bool = False
    """Done at once because the answers need care today or now (above the level seen)."""

    @property
    def done(self) -> bool:
        return not self.questions

    @property
    def screen(self) -> int:
        """This screen's number, counted from the answers (the danger signs are screen 1)."""
        return 1 if self.checklist else 1 + math.ceil(self.asked / SCREEN_SIZE)

    @property
    def screens(self) -> int:
        """How many screens the check takes at most (quick) or about (full)."""
        if self.mode == "quick":
            return 1 + math.ceil((QUICK_QUESTIONS - 1) / SCREEN_SIZE)
        return self.screen + max(0, math.ceil((self.left - len(self.questions)) / SCREEN_SIZE))


def _checklist(pack: Pack) -> list[Question]:
    return [q for q in pack.questions if q.red_flag and q.ask_when is None]


def _given(answers: Mapping[str, Any], path: str, skipped: Collection[str]) -> bool:
    return path in skipped or get_path(answers, path) is not None


def _asked(answers: Mapping[str, Any], pack: Pack, skipped: Collection[str], mode: Mode
           ) -> int:
    checklist = {q.path for q in _checklist(pack)}  # by path: model equality is slow
    count = int(all(_given(answers, path, skipped) for path in checklist))
    for q in pack.questions:
        if q.path in checklist or (mode == "quick" and q.needs is not None):
            continue
        count += _given(answers, q.path, skipped)
    return count


def _blank_question(pack: Pack, answers: Mapping[str, Any], path: str) -> Question | None:
    """A supplement amount left blank (``supplements.1.calcium_mg``), asked as a number;
    the pack's words for its estimate, or for an amount it cannot estimate, are the help."""
    main = next((q for q in pack.questions if q.type == "supplements"), None)
    if main is None:
        return None
    est = pack.manifest.estimates
    texts: dict[tuple[str, str], str] = {(row.kind, row.nutrient): row.text
                                         for row in est.blank_amounts} if est else {}
    labels = {f.key: f.label for f in main.fields or []}
    kinds = {c.value: c.label for c in main.choices or []}
    items = answers.get("supplements") or []
    units = dict(supplement_units())

    def name_of(index: int, kind: str) -> str:
        return str(items[index].get("name") or kinds.get(kind, kind))

    def question(index: int, nutrient: str, name: str, help_text: str) -> Question:
        return Question(id=f"amount{index}_{nutrient}", path=path,
                        text=f"{name}: {labels.get(nutrient, nutrient)}",
                        help=" ".join(help_text.split()), type="number", unit=units.get(nutrient))

    for e in blank_estimates(items, pack.blanks):
        if e.path == path:
            name = name_of(e.index, e.kind)
            return question(e.index, e.nutrient, name, texts[(e.kind, e.nutrient)].format(
                name=name, units=e.units, per_unit=e.per_unit, total=e.total))
    for u in blank_unknowns(items, pack.expected, pack.blanks):  # none without a ledger
        if u.path == path:
            name = name_of(u.index, u.kind)
            return question(u.index, u.nutrient, name, pack.unknown_amount(u.nutrient, name))
    return None


_AMOUNT = re.compile(r"supplements\.\d{1,2}\.(\w+)")


def is_question_path(pack: Pack, path: object) -> bool:
    """True for a path a question fills: one of the pack's, or a supplement's amount
    (``supplements.1.calcium_mg``); what a skip or a screen may name."""
    if not isinstance(path, str):
        return False
    found = _AMOUNT.fullmatch(path)
    if found is not None:
        return found.group(1) in dict(supplement_units())
    return any(q.path == path for q in pack.questions)


def question_for(pack: Pack, answers: Mapping[str, Any], path: str) -> Question | None:
    """The question that fills PATH: one of the pack's, or a blank supplement amount."""
    found = next((q for q in pack.questions if q.path == path), None)
    return found or _blank_question(pack, answers, path)


def _lead(question: Question, answers: Mapping[str, Any], skipped: Collection[str],
          by_path: Mapping[str, Question]) -> Question | None:
    """The unanswered question a follow-up depends on ("weeks pregnant" before "weeks since
    the birth"): a follow-up is asked only once its lead was answered or skipped."""
    if question.ask_when is None:
        return None
    for leaf in leaves(question.ask_when):
        lead = by_path.get(leaf.path)
        if lead is not None and not _given(answers, lead.path, skipped):
            return lead
    return None


def _quick_anyway(question: Question, ctx: Ctx) -> bool:
    """True when the pack says the quick check asks this reading after all, given the
    answers (a blood pressure reading from someone who said she has high blood pressure)."""
    check = ctx.plan.quick_when.get(question.path)
    return check is not None and check(ctx)


def _eligible(result: Assessment, answers: Mapping[str, Any], pack: Pack,
              skipped: Collection[str], mode: Mode) -> list[Question]:
    """The questions worth asking now, most useful first (the engine's ranking)."""
    by_path = {q.path: q for q in pack.questions}
    out: dict[str, Question] = {}
    ctx = Ctx(dict(answers), compile_pack(pack)) if mode == "quick" else None
    for missing in result.next_questions:
        if missing.path in skipped:
            continue
        found = by_path.get(missing.path) or _blank_question(pack, answers, missing.path)
        if found is None:
            continue
        found = _lead(found, answers, skipped, by_path) or found
        if ctx is not None and (found.path not in by_path
                                or (found.needs is not None and not _quick_anyway(found, ctx))):
            continue  # the quick check
        out.setdefault(found.path, found)
    return list(out.values())


def _needs_care_now(level: Level, seen: Level | None) -> bool:
    return level.at_least(Level.urgent) and (seen is None or level.rank > seen.rank)


def level_of(answers: dict[str, Any], pack: Pack) -> Level:
    """The triage level of the answers, from the decision alone (without ranking the
    missing answers, which is most of an assessment's cost)."""
    return decide(compile_pack(pack), answers)[0].level


def needs_care_now(answers: dict[str, Any], pack: Pack, seen: Level | None = None) -> bool:
    """True when the answers so far need care today or now, above SEEN (the level she was
    already shown): the test ``next_turn`` ends the interview on, from the decision alone,
    for a front end that asks a screen one question at a time."""
    return _needs_care_now(level_of(answers, pack), seen)


def next_turn(answers: dict[str, Any], pack: Pack, *, skipped: Collection[str] = (),
              mode: Mode = "quick", seen: Level | None = None) -> Turn:
    """What to ask next, given every answer so far and the paths she skipped; or the result.

    The result comes at once when the answers reach urgent or emergency above SEEN (the
    level she has already been shown and chose to go on from).
    """
    result = assess(answers, pack)
    asked = _asked(answers, pack, skipped, mode)
    if _needs_care_now(result.triage.level, seen):
        return Turn(result, mode=mode, asked=asked, danger=True,
                    more=len(_eligible(result, answers, pack, skipped, "full")))
    checklist = [q for q in _checklist(pack) if not _given(answers, q.path, skipped)]
    if checklist:
        left = QUICK_QUESTIONS if mode == "quick" else 1 + len(
            _eligible(result, answers, pack, skipped, "full"))
        return Turn(result, tuple(checklist), checklist=True, mode=mode, asked=asked,
                    left=left)
    eligible = _eligible(result, answers, pack, skipped, mode)
    room = QUICK_QUESTIONS - asked if mode == "quick" else len(eligible)
    screen = eligible[:max(0, min(SCREEN_SIZE, room))]
    if not screen:
        return Turn(result, mode=mode, asked=asked,
                    more=len(_eligible(result, answers, pack, skipped, "full")))
    order = {q.path: i for i, q in enumerate(pack.questions)}
    supplements = order.get("supplements", len(order))
    screen.sort(key=lambda q: order.get(q.path, supplements + 0.5))
    return Turn(result, tuple(screen), mode=mode, asked=asked,
                left=min(room, len(eligible)))


# ---------------------------------------------------------------- typed replies


def _number(question: Question, text: str, sub: dict[str, Any]) -> float | int:
    also = {spelling.lower().replace(" ", ""): (u.offset, u.factor)
            for u in question.other_units for spelling in (u.unit, *u.spellings)}
    try:
        value, typed_unit = read_entry(text, question.unit, also)
    except NumberError as exc:
        raise ReplyError(f"{exc} Or press Enter to skip.") from None
    check = question.unit_check
    if check is not None and not typed_unit and value > check.above:
        raise ReplyError(check.text.format(value=f"{value:g}"))
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
    if not sub and question.path.startswith("supplements."):
        sub = _supplement_amount(pack, question.path)
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


def plain_entries(answers: Mapping[str, Any], pack: Pack) -> tuple[dict[str, Any], list[str]]:
    """ANSWERS with each number typed as text ("30 weeks", "2 litres", "3,5") read as the
    number, by the same reader as the pages and the terminal; and a ``path: message`` line
    for each that cannot be read. Everything else is left for the schema to check."""
    out: dict[str, Any] = json.loads(json.dumps(answers))
    problems: list[str] = []
    numbers = [q for q in pack.questions if q.type in ("integer", "number")]
    for q in numbers:
        value = get_path(out, q.path)
        if isinstance(value, str):
            try:
                set_path(out, q.path, _number(q, value, {}))
            except ReplyError as exc:
                problems.append(f"{q.path}: {str(exc).removesuffix(' Or press Enter to skip.')}")
    main = next((q for q in pack.questions if q.type == "supplements"), None)
    items = out.get("supplements")
    if main is not None and isinstance(items, list):
        units = {key: unit for key, unit in supplement_units()}
        for i, item in enumerate(items):
            for key, value in list(item.items()) if isinstance(item, dict) else []:
                if key in units and isinstance(value, str):
                    try:
                        item[key] = read_number(value, units[key])
                    except NumberError as exc:
                        problems.append(f"supplements.{i}.{key}: {exc}")
    return out, problems


def supplement_units() -> tuple[tuple[str, str], ...]:
    """The unit each supplement amount is typed in: (key, unit)."""
    return (("units_per_day", "tablets"), ("magnesium_mg", "milligrams"),
            ("calcium_mg", "milligrams"), ("iron_mg", "milligrams"),
            ("vitamin_d_iu", "IU"), ("potassium_mg", "milligrams"))


def _supplement_amount(pack: Pack, path: str) -> dict[str, Any]:
    """The schema of one supplement amount (``supplements.1.calcium_mg``)."""
    items = pack.answers_schema.get("properties", {}).get("supplements", {}).get("items", {})
    return dict(items.get("properties", {}).get(path.rsplit(".", 1)[-1], {}))


def _pick(choices: list[Any], text: str) -> str:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return str(choices[int(text) - 1].value)
    for c in choices:
        if text in (c.value.lower(), c.label.lower()):
            return str(c.value)
    raise ReplyError(f"Please pick a number from 1 to {len(choices)}.")
