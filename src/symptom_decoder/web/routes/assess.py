"""The interview, one step per page, and the result. Works with no JavaScript at all."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from symptom_decoder.answers import get_path
from symptom_decoder.diary import times
from symptom_decoder.diet import known
from symptom_decoder.types import Level, ValidAnswers
from symptom_decoder.web import episode_form, services, steps
from symptom_decoder.web.deps import clock, current, person_of, unit
from symptom_decoder.web.templating import render

router = APIRouter()

DANGER = {Level.emergency.value, Level.urgent.value}


def _step_page(
    request: Request,
    index: int,
    answers: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    follow_up: bool = False,
    seen: str = "",
) -> Response:
    """One step of the interview; TYPED holds what she typed into text boxes, shown again
    as it was when the step is refused, so nothing she entered is lost."""
    pack = request.app.state.pack
    step = steps.STEPS[index]
    shown = steps.questions(pack, step, answers)
    typed = typed or {}
    values = {q.id: get_path(answers, q.path) for q in shown}
    values.update({q.id: typed[q.id] for q in shown
                   if q.type in ("integer", "number") and typed.get(q.id)})
    return render(
        request,
        "assess_step.html",
        {
            "step": step,
            "index": index,
            "total": len(steps.STEPS),
            "questions": shown,
            "values": values,
            "typed": typed,
            "errors": errors or {},
            "follow_up": follow_up,
            "seen": seen,
            "state": steps.dump_state(answers),
            "kinds": steps.supplement_kinds(request.app.state.pack),
            "amounts": steps.supplement_fields(request.app.state.pack),
            "rows": steps.supplement_rows(answers.get("supplements"), typed),
        },
        status=422 if errors else 200,
        title=step.title,
    )


def result_page(request: Request, answers: ValidAnswers) -> Response:
    doc = services.assessment(answers, request.app.state.pack)
    return render(
        request,
        "result.html",
        {"doc": doc, "state": steps.dump_state(answers), "questions": _labels(request),
         "can_save": True},
        title="Your result",
    )


def _labels(request: Request) -> dict[str, str]:
    return {q.path: q.text for q in request.app.state.pack.questions}


@router.get("/assess")
def start(request: Request) -> Response:
    """The first step: danger signs. A signed-in person starts with what she recorded."""
    answers: dict[str, Any] = {"schema": "answers/v1"}
    who = current(request)
    if who is not None:
        today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
        with unit(request) as session:
            answers = known.known_answers(session, person_of(session, who), today=today)
    return _step_page(request, 0, answers)


@router.post("/assess")
async def answer(request: Request) -> Response:
    """Take one step's answers and show the next step, the danger page or the result."""
    pack = request.app.state.pack
    raw = await request.form()
    form = steps.Form({k: [v for v in raw.getlist(k) if isinstance(v, str)] for k in raw})
    answers = steps.load_state(form.one("state"), pack)
    index = steps.step_index(form.one("step"))
    step = steps.STEPS[index]
    action = form.one("action") or "next"
    seen = form.one("seen") if form.one("seen") in DANGER else ""
    if action.startswith("goto:"):
        target = steps.step_index(action.removeprefix("goto:"))
        return _step_page(request, target, answers, seen=seen)
    if action != "continue":
        read, errors = steps.read_step(pack, step, form, answers)
        valid, problems = steps.validated(pack, read) if not errors else (None, {})
        if valid is None:
            typed = {k: form.one(k) for k in raw if k not in ("csrf_token", "state")}
            return _step_page(request, index, read, errors=errors or problems, typed=typed,
                              seen=seen)
        answers = valid
    if action == "back":
        return _step_page(request, max(index - 1, 0), answers, seen=seen)
    if action == "more":
        return _step_page(request, index, answers, seen=seen)
    if action != "continue":
        doc = services.assessment(answers, pack)
        level = doc["triage"]["level"]
        # Shown once per level reached: going on with the questions does not show it again
        # unless a new answer makes things more urgent.
        if level in DANGER and (not seen or Level(level).rank > Level(seen).rank):
            return render(
                request,
                "danger.html",
                {"doc": doc, "state": steps.dump_state(answers), "step": step, "seen": level},
                title="Do this now",
            )
    shown = {k.removeprefix("shown_") for k in raw if k.startswith("shown_")}
    if action != "result" and steps.pending_follow_ups(pack, step, answers, shown):
        return _step_page(request, index, answers, follow_up=True, seen=seen)
    if action == "result" or index + 1 >= len(steps.STEPS):
        return result_page(request, answers)
    return _step_page(request, index + 1, answers, seen=seen)
