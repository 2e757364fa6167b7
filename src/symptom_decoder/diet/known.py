"""Answers the app already knows about a person, for the web interview and ``assess``.

Only facts she recorded herself: the week of pregnancy from her due date (diary profile),
the daily averages of the food log, and her supplement stack. The web form shows every value
so she can change or clear it; ``assess --from-log`` adds them to the answers she gave.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from symptom_decoder.answers import set_path
from symptom_decoder.diary import profile
from symptom_decoder.diet import foodlog, stack
from symptom_decoder.store.models import Person

MAX_WEEK = 44
FOOD_DAYS = 7


def known_answers(session: Session, person: Person, *, today: date,
                  food_days: int = FOOD_DAYS) -> dict[str, Any]:
    """What she recorded: the week of pregnancy today, food-log averages over FOOD_DAYS days
    ending TODAY, and her saved supplements; keys she has not recorded are left out."""
    answers: dict[str, Any] = {"schema": "answers/v1"}
    view = profile.profile_view(profile.get_profile(session, person), today)
    week = view.get("gestational_week_today")
    if isinstance(week, int) and 1 <= week <= MAX_WEEK:
        set_path(answers, "gestational_week", week)
    food = foodlog.day_answers(session, person_id=person.id, last=today, days=food_days)
    if food:
        answers["intake"] = dict(food)
    supplements = [stack.as_answer(i) for i in stack.items_for(session, person_id=person.id)]
    if supplements:
        answers["supplements"] = supplements
    return answers


def with_known(given: dict[str, Any], known: dict[str, Any]) -> dict[str, Any]:
    """GIVEN answers completed from KNOWN: the food log's daily figures replace rough
    intake answers, the week of pregnancy fills in when neither stage was given, and saved
    supplements are used when the answers list none."""
    merged = {**given, "intake": {**given.get("intake", {}), **known.get("intake", {})}}
    if not merged["intake"]:
        del merged["intake"]
    stage_given = "gestational_week" in given or "postpartum_weeks" in given
    if not stage_given and "gestational_week" in known:
        merged["gestational_week"] = known["gestational_week"]
    if "supplements" not in given and known.get("supplements"):
        merged["supplements"] = known["supplements"]
    return merged
