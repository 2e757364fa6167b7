"""The check, one screen at a time, and its result. Works with no JavaScript at all.

Every screen comes from ``engine.next_turn``, the mechanism the JSON API and the terminal
use too: the danger signs alone first, then only the questions that can still change the
result. The answers and the skipped paths travel in hidden fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from symptom_decoder.answers import get_path
from symptom_decoder.diary import times
from symptom_decoder.diet import known
from symptom_decoder.engine import Mode, Turn, next_turn
from symptom_decoder.engine.interview import (
    QUICK_QUESTIONS,
    SCREEN_SIZE,
    level_of,
    question_for,
)
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Question
from symptom_decoder.types import Level, ValidAnswers
from symptom_decoder.web import episode_form, services, steps
from symptom_decoder.web.deps import clock, current, person_of, unit
from symptom_decoder.web.templating import render

router = APIRouter()

DANGER = {Level.emergency.value, Level.urgent.value}
SECONDS_A_QUESTION = 10


def _minutes(questions: int) -> int:
    return max(1, round(questions * SECONDS_A_QUESTION / 60))


def _hidden(answers: dict[str, Any], skipped: Sequence[str], mode: Mode,
            seen: Level | None) -> dict[str, Any]:
    return {"state": steps.dump_state(answers), "skipped": steps.dump_skipped(skipped),
            "mode": mode, "seen": seen.value if seen else ""}


def _screen_page(
    request: Request, questions: Sequence[Question], answers: dict[str, Any], *,
    skipped: Sequence[str], mode: Mode, seen: Level | None, turn: Turn | None,
    errors: dict[str, str] | None = None, typed: dict[str, str] | None = None,
    editing: bool = False,
) -> Response:
    """One screen of questions; TYPED holds what she typed into text boxes, shown again as
    it was when the screen is refused, so nothing she entered is lost."""
    pack = request.app.state.pack
    typed = typed or {}
    values = {q.id: get_path(answers, q.path) for q in questions}
    values.update({q.id: typed[q.id] for q in questions
                   if q.type in ("integer", "number") and typed.get(q.id)})
    checklist = bool(questions) and all(q.red_flag and q.ask_when is None for q in questions)
    return render(
        request,
        "assess_step.html",
        {
            "questions": questions,
            "turn": turn,
            "checklist": checklist and not editing,
            "editing": editing,
            "first": turn is not None and turn.checklist and turn.asked == 0,
            "quick_questions": QUICK_QUESTIONS,
            "quick_screens": 1 + -(-(QUICK_QUESTIONS - 1) // SCREEN_SIZE),
            "minutes": _minutes(QUICK_QUESTIONS if mode == "quick" else
                                (turn.left if turn else len(questions))),
            "minutes_left": _minutes(turn.left) if turn else 1,
            "values": values,
            "typed": typed,
            "errors": errors or {},
            **_hidden(answers, skipped, mode, seen),
            "kinds": steps.supplement_kinds(pack),
            "amounts": steps.supplement_fields(pack),
            "rows": steps.supplement_rows(answers.get("supplements"), typed),
        },
        status=422 if errors else 200,
        title="Danger signs first" if checklist else "The check",
    )


def _could_change(doc: dict[str, Any], answers: dict[str, Any], skipped: Sequence[str],
                  pack: Pack) -> tuple[list[str], list[str]]:
    """The questions that could change the result: those she saw and left blank, and
    those she was not asked (kept apart, so the page never lists a question she never
    saw as if she had skipped it)."""
    seen_ones: list[str] = []
    unseen: list[str] = []
    for n in doc.get("next_questions", []):
        found = question_for(pack, answers, n["path"])
        text = found.text if found is not None else n["question"]
        (seen_ones if n["path"] in skipped else unseen).append(text)
    return list(dict.fromkeys(seen_ones)), list(dict.fromkeys(unseen))


def result_page(request: Request, answers: ValidAnswers, *, skipped: Sequence[str] = (),
                mode: Mode = "quick", seen: Level | None = None, more: int = 0,
                doc: dict[str, Any] | None = None) -> Response:
    """The result of ANSWERS; DOC is their assessment when the caller already has it."""
    pack = request.app.state.pack
    if doc is None:
        doc = services.assessment(answers, pack)
    skipped_texts, unseen = _could_change(doc, answers, skipped, pack)
    calls = services.contacts(request)
    return render(
        request,
        "result.html",
        {"doc": doc, **_hidden(answers, skipped, mode, seen), "can_save": True,
         "skipped_questions": skipped_texts, "unasked": unseen, "more": more,
         "contacts": calls, "alarm": services.alarm(doc, calls)},
        title="Your result",
    )


def _danger_page(request: Request, answers: dict[str, Any], *, skipped: Sequence[str],
                 mode: Mode, doc: dict[str, Any]) -> Response:
    level = Level(doc["triage"]["level"])
    calls = services.contacts(request)
    return render(
        request,
        "danger.html",
        {"doc": doc, **_hidden(answers, skipped, mode, level),
         "contacts": calls, "alarm": services.alarm(doc, calls)},
        title="Do this now",
    )


def _next(request: Request, answers: ValidAnswers, *, skipped: Sequence[str], mode: Mode,
          seen: Level | None, stop: bool = False) -> Response:
    """The next screen, or the danger page, or the result."""
    pack = request.app.state.pack
    turn = next_turn(answers, pack, skipped=skipped, mode=mode, seen=seen)
    if turn.danger:
        return _danger_page(request, answers, skipped=skipped, mode=mode,
                            doc=turn.assessment.to_json())
    if turn.done or stop:
        more = turn.more if turn.done else turn.left
        return result_page(request, answers, skipped=skipped, mode=mode, seen=seen, more=more,
                           doc=turn.assessment.to_json())
    return _screen_page(request, turn.questions, answers, skipped=skipped, mode=mode,
                        seen=seen, turn=turn)


@router.get("/assess")
def start(request: Request) -> Response:
    """The first screen: the danger signs. A signed-in person starts with what she recorded."""
    answers: dict[str, Any] = {"schema": "answers/v1"}
    who = current(request)
    if who is not None:
        today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
        with unit(request) as session:
            answers = known.known_answers(session, person_of(session, who), today=today)
    turn = next_turn(answers, request.app.state.pack, mode="quick")
    return _screen_page(request, turn.questions, answers, skipped=[], mode="quick",
                        seen=None, turn=turn)


@router.post("/assess")
async def answer(request: Request) -> Response:
    """Take one screen's answers and show the next screen, the danger page or the result."""
    pack = request.app.state.pack
    raw = await request.form()
    form = steps.Form({k: [v for v in raw.getlist(k) if isinstance(v, str)] for k in raw})
    answers = steps.load_state(form.one("state"), pack)
    skipped = steps.load_skipped(form.one("skipped"), pack)
    mode: Mode = "full" if form.one("mode") == "full" else "quick"
    seen = Level(form.one("seen")) if form.one("seen") in DANGER else None
    action = form.one("action") or "next"
    if action == "edit":
        return _screen_page(request, steps.answered_questions(pack, answers, skipped),
                            answers, skipped=skipped, mode=mode, seen=seen, turn=None,
                            editing=True)
    if action == "sharpen":
        return _next(request, answers, skipped=skipped, mode="full", seen=seen)
    if action == "continue":
        level = level_of(answers, pack)
        return _next(request, answers, skipped=skipped, mode="full",
                     seen=level if level.value in DANGER else seen)
    shown = steps.shown_questions(pack, form, answers)
    read, skipped_now, errors = steps.read_screen(pack, shown, form, answers, skipped)
    valid, problems = steps.validated(pack, read) if not errors else (None, {})
    if valid is None:
        typed = {k: form.one(k) for k in raw if k not in ("csrf_token", "state", "skipped")}
        return _screen_page(request, shown, read, skipped=skipped_now, mode=mode, seen=seen,
                            turn=None, errors=errors or problems, typed=typed,
                            editing=form.one("editing") == "1")
    if action == "add_row":
        return _screen_page(request, shown, valid, skipped=skipped_now, mode=mode, seen=seen,
                            turn=None, editing=form.one("editing") == "1")
    return _next(request, valid, skipped=skipped_now, mode=mode, seen=seen,
                 stop=action == "result")
