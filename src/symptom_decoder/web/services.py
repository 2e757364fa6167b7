"""The service calls that a page and its JSON twin share, so that both always agree.

Each takes the request (for the app's store, pack and food catalog) and the signed-in person,
calls the domain services (engine, diary, diet, foods) and returns plain data; the routers in
``routes`` render it as a page or as JSON. Routers never import each other: what two of them
need lives here.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import date, datetime
from typing import Any

from fastapi import Request
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from symptom_decoder.answers import AnswersError, validate_answers
from symptom_decoder.diary import episodes as diary
from symptom_decoder.diary import profile, report, times
from symptom_decoder.diary.views import episode_view
from symptom_decoder.diet import foodlog, stack
from symptom_decoder.diet.suggest import Suggester
from symptom_decoder.engine import MODES, Mode, Turn, assess
from symptom_decoder.engine.interview import is_question_path, plain_entries
from symptom_decoder.errors import ProblemList
from symptom_decoder.foods.catalog import Catalog, missing_help
from symptom_decoder.foods.database import FoodDataError
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Question
from symptom_decoder.store.db import Base
from symptom_decoder.store.models import Person
from symptom_decoder.types import Level, ValidAnswers
from symptom_decoder.web import episode_form, steps
from symptom_decoder.web.deps import User, clock, person_of, unit
from symptom_decoder.web.steps import drop_path
from symptom_decoder.web.templating import render

SEARCH_LIMIT = 8


def assessment(answers: ValidAnswers, pack: Pack) -> dict[str, Any]:
    """The ``assessment/v1`` document for answers already checked at the edge."""
    return assess(answers, pack).to_json()


# ---------------------------------------------------------------- the interview

INTERVIEW_KEYS = ("answers", "skipped", "mode", "seen")


def read_skipped(value: Any, pack: Pack) -> tuple[list[str], list[str]]:
    """The skipped paths, and a ``skipped: message`` line for each that is not one."""
    if not isinstance(value, list):
        return [], [f"skipped: must be a list of question paths (got {_show(value)})"]
    paths = [p for p in value if is_question_path(pack, p)]
    problems = [f"skipped: {_show(p)} is not a question's path" for p in value
                if not is_question_path(pack, p)]
    return list(dict.fromkeys(paths)), problems


def interview_input(body: Any, pack: Pack
                    ) -> tuple[ValidAnswers, list[str], Mode, Level | None]:
    """The interview's request checked once: answers (numbers typed as text read as numbers,
    as the pages read them), skipped paths, mode and the level already seen; an
    ``InvalidInput`` naming every field at fault otherwise."""
    if not isinstance(body, dict):
        raise ProblemList([f"body: must be a JSON object (got {_show(body)})"])
    problems = [f"{key}: unknown field" for key in body if key not in INTERVIEW_KEYS]
    given = body.get("answers", {"schema": "answers/v1"})
    answers: ValidAnswers | None = None
    if not isinstance(given, dict):
        problems.append(f"answers: must be a JSON object (got {_show(given)})")
    else:
        doc, unread = plain_entries(given, pack)
        problems += [f"answers.{line}" for line in unread]
        for line in unread:
            drop_path(doc, line.partition(":")[0])
        try:
            answers = validate_answers(doc, pack.answers_schema)
        except AnswersError as exc:
            problems += [f"answers.{line}" for line in exc.problems]
    skipped, unknown = read_skipped(body.get("skipped", []), pack)
    problems += unknown
    mode = body.get("mode", "quick")
    if mode not in MODES:
        problems.append(f"mode: must be one of {', '.join(MODES)} (got {_show(mode)})")
    seen = body.get("seen")
    levels = [Level.urgent.value, Level.emergency.value]
    if seen is not None and seen not in levels:
        problems.append(f"seen: must be one of {', '.join(levels)} (got {_show(seen)})")
    if problems or answers is None:
        raise ProblemList(problems)
    return answers, skipped, mode, None if seen is None else Level(seen)


def question_json(q: Question) -> dict[str, Any]:
    """One question as a front end shows it: the pack's words, its type and unit."""
    doc: dict[str, Any] = {
        "path": q.path, "id": q.id, "text": q.text, "help": q.help, "type": q.type,
        "choices": None if q.choices is None else [c.model_dump() for c in q.choices],
        "unit": q.unit,
    }
    if q.fields is not None:
        doc["fields"] = [f.model_dump() for f in q.fields]
    return doc


def turn_json(turn: Turn) -> dict[str, Any]:
    """The interview's answer: the next screen's questions, or the result."""
    if turn.done:
        return {"done": True, "mode": turn.mode, "danger": turn.danger, "more": turn.more,
                "assessment": turn.assessment.to_json()}
    return {"done": False, "mode": turn.mode, "checklist": turn.checklist,
            "next": [question_json(q) for q in turn.questions],
            "progress": {"asked": turn.asked, "left": turn.left, "screen": turn.screen,
                         "screens": turn.screens}}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def tel(number: str) -> str:
    """A ``tel:`` link for a number as people write it ("+44 (0)1632 960 000")."""
    plus = "+" if number.strip().startswith("+") else ""
    return "tel:" + plus + re.sub(r"\D", "", number.replace("(0)", ""))


def contacts(request: Request) -> dict[str, Any]:
    """Whom an urgent or emergency result asks her to call, with ``tel:`` links: the
    emergency number (the server's, else the pack's list) and the maternity unit (the
    server's number, else the pack's words on where to find it)."""
    pack = request.app.state.pack
    settings = request.app.state.settings
    known = pack.manifest.contacts
    if settings.emergency_number:
        emergency = [{"number": settings.emergency_number, "where": "",
                      "tel": tel(settings.emergency_number)}]
    else:
        emergency = [{"number": e.number, "where": e.where, "tel": tel(e.number)}
                     for e in (known.emergency if known else [])]
    phone = settings.maternity_phone
    return {
        "emergency": emergency,
        "maternity": {"name": known.maternity_unit if known else "your maternity unit",
                      "number": phone, "tel": tel(phone) if phone else None,
                      "where": "" if phone or known is None else known.maternity_unit_where},
    }


# ---------------------------------------------------------------- the food catalog

_lock = threading.Lock()


def catalog(request: Request) -> Catalog | None:
    """The app's catalog, or None (with the reason kept for the page) when there is none."""
    state: Any = request.app.state
    with _lock:
        found: Catalog | None = getattr(state, "catalog", None)
        if found is not None:
            return found
        path = state.settings.food_db_path
        try:
            found = Catalog.open(path)
            found.index  # noqa: B018  (build the search index once, not on a first search)
        except FoodDataError:
            state.catalog_help = missing_help(path)
            return None
        state.catalog = found
        return found


def missing(request: Request) -> list[str]:
    return list(getattr(request.app.state, "catalog_help", []) or missing_help(
        request.app.state.settings.food_db_path))


def suggester(request: Request) -> Suggester | None:
    """The diet suggester over the catalog, built once (about a third of a second)."""
    found = catalog(request)
    if found is None:
        return None
    state: Any = request.app.state
    with _lock:
        made: Suggester | None = getattr(state, "suggester", None)
        if made is None:
            made = Suggester(found)
            state.suggester = made
        return made


# ---------------------------------------------------------------- food log and stack


def today(request: Request) -> date:
    return times.local(clock(), episode_form.browser_zone(request.cookies)).date()



def vocabulary(request: Request) -> dict[str, Any]:
    """The supplement kinds and amounts, in the pack's words (the values are the contract's)."""
    pack = request.app.state.pack
    return {"kinds": steps.supplement_kinds(pack),
            "amounts": [(key, label) for key, label in steps.supplement_fields(pack)
                        if key != "units_per_day"]}


def day_view(request: Request, who: User, day: date) -> dict[str, Any]:
    """A day's entries and totals against the pregnancy reference intakes."""
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        entries = [foodlog.entry_view(e) for e in totals.entries]
    rows = foodlog.compare(totals, request.app.state.pack.intakes_for(None))
    return {
        "date": day.isoformat(),
        "entries": entries,
        "totals": [
            {"key": r.key, "name": r.name, "unit": r.unit,
             "total": None if r.total is None else round(r.total, 1),
             "target": r.target, "percent_of_target": None if r.percent_of_target is None
             else round(r.percent_of_target), "upper_limit": r.upper_limit,
             "note": r.note, "references": r.references}
            for r in rows
        ],
    }


def search(request: Request, query: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    found = catalog(request)
    if found is None or len(query.strip()) < 2:
        return []
    return [{"name": f.description, **found.as_result(f)}
            for f in found.search(query, limit=limit)]


def suggestions(request: Request, who: User, *, limit: int = 5) -> list[dict[str, Any]]:
    """Foods that would close today's magnesium gap, leaving out what her profile excludes
    (allergies and diet) and what pregnancy food-safety rules exclude."""
    made = suggester(request)
    if made is None:
        return []
    day = today(request)
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        mine = profile.profile_view(profile.get_profile(session, person_of(session, who)), day)
    intake = request.app.state.pack.intakes_for(None).get("magnesium")
    target = getattr(intake, "rda", None)
    eaten = (totals.value("magnesium_mg") or 0.0) if totals.entries else 0.0
    gap = None if target is None else max(0.0, target - eaten)
    exclude = [*mine["allergies"], *mine["diets"]]  # type: ignore[misc]
    found = made.suggest("magnesium_mg", gap=gap, exclude=exclude, limit=limit)
    return [{**s.as_json(), "log_text": f"{s.grams:g} g {s.food.description}"} for s in found]


def log_food(request: Request, who: User, *, text: str, food_id: int | None,
             day: date) -> dict[str, Any]:
    """Resolve TEXT ('1 cup cooked spinach') and store it; FoodLogError when unclear."""
    found = catalog(request)
    if found is None:
        raise foodlog.FoodLogError("There is no food data on this server yet.")
    resolved = foodlog.resolve(found, text, food_id=food_id)
    with unit(request) as session:
        entry = foodlog.add_entry(session, person_id=who.person_id, day=day, text=text,
                                  resolved=resolved)
        return foodlog.entry_view(entry)


def stack_view(request: Request, who: User) -> dict[str, Any]:
    """The stack, its daily totals against the upper limits, and the engine's warnings."""
    with unit(request) as session:
        rows = stack.items_for(session, person_id=who.person_id)
        answers = [stack.as_answer(i) for i in rows]
        items = [{"item": i.id, **a} for i, a in zip(rows, answers, strict=True)]
        food = foodlog.day_answers(session, person_id=who.person_id, last=today(request),
                                   days=7)
    pack = request.app.state.pack
    result = stack.check(answers, intakes=pack.intakes_for(None), food=food,
                         warnings=stack.engine_warnings({"supplements": answers,
                                                         "intake": food}),
                         **stack.pack_estimates(pack))
    return {"items": items, "totals": [r.__dict__ for r in result.rows],
            "warnings": result.warnings, "estimates": result.estimates}


# ---------------------------------------------------------------- diary


def own_episode(request: Request, who: User, episode_id: int) -> dict[str, Any]:
    """The signed-in person's episode, as the page and the API show it; NotFound (404) for
    anyone else's."""
    with unit(request) as session:
        return episode_view(diary.get_episode(session, person_of(session, who), episode_id))


def stats(request: Request, who: User) -> dict[str, Any]:
    zone = episode_form.browser_zone(request.cookies)
    with unit(request) as session:
        return report.stats_for(session, person_of(session, who),
                                today=times.local(clock(), zone).date())


# ---------------------------------------------------------------- settings and my data


def settings_page(
    request: Request, who: User, *, errors: dict[str, str] | None = None, saved: str = "",
    status: int = 200,
) -> Response:
    today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
    with unit(request) as session:
        view = profile.profile_view(profile.get_profile(session, person_of(session, who)), today)
    return render(
        request, "settings.html",
        {"errors": errors or {}, "saved": saved, "profile": view, "bands": profile.AGE_BANDS,
         "allergies": profile.ALLERGIES, "diets": profile.DIETS},
        status=status, title="Profile and settings",
    )


# Secrets are never exported: the password hash and the session tokens' hashes.
HIDDEN = {"accounts": {"password_hash"}, "web_sessions": {"token_hash"}}
SKIPPED = {"web_sessions"}


def _personal_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if "person_id" in t.c]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_my_data(session: Session, person_id: int, *, now: datetime) -> dict[str, Any]:
    """One JSON-ready document with every row that belongs to the person."""
    person = session.get(Person, person_id)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _personal_tables():
        if table.name in SKIPPED:
            continue
        hidden = HIDDEN.get(table.name, set())
        rows = session.execute(
            select(table).where(table.c.person_id == person_id).order_by(*table.primary_key)
        ).mappings()
        tables[table.name] = [
            {k: _plain(v) for k, v in row.items() if k not in hidden and k != "person_id"}
            for row in rows
        ]
    return {
        "schema": "symptom-decoder-export/v1",
        "exported_at": now.isoformat(),
        "person": {"created_at": _plain(person.created_at) if person else None},
        "tables": tables,
    }


def erase_my_data(session: Session, person_id: int) -> None:
    """Delete the person and every row that belongs to them, children first."""
    for table in reversed(_personal_tables()):
        session.execute(delete(table).where(table.c.person_id == person_id))
    session.execute(delete(Person).where(Person.id == person_id))
