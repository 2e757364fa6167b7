"""Answers the app already knows about a signed-in person, to start her interview with.

Only facts she recorded herself: the week of pregnancy from her due date (diary profile),
the daily averages of the last week's food log, and her supplement stack. Every value is
shown in the form, so she can change or clear it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder import foodlog, stack
from symptom_decoder.diary import profile
from symptom_decoder.interview import set_path
from symptom_decoder.store.models import Person

MAX_WEEK = 44
FOOD_DAYS = 7


def known_answers(session: Session, person: Person, *, today: date) -> dict[str, Any]:
    answers: dict[str, Any] = {"schema": "answers/v1"}
    view = profile.profile_view(profile.get_profile(session, person), today)
    week = view.get("gestational_week_today")
    if isinstance(week, int) and 1 <= week <= MAX_WEEK:
        set_path(answers, "gestational_week", week)
    food = foodlog.day_answers(session, person_id=person.id, last=today, days=FOOD_DAYS)
    if food:
        answers["intake"] = dict(food)
    supplements = [stack.as_answer(i) for i in stack.items_for(session, person_id=person.id)]
    if supplements:
        answers["supplements"] = supplements
    return answers
