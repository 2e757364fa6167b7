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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastapi import Request
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from symptom_decoder.answers import AnswersError, validate_answers
from symptom_decoder.diary import days as diary_days
from symptom_decoder.diary import episodes as diary
from symptom_decoder.diary import profile, report, times
from symptom_decoder.diary.assessments import save_assessment
from symptom_decoder.diary.compare import Comparison
from symptom_decoder.diary.days import DayEntry
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.views import episode_view
from symptom_decoder.diet import choices as foodchoices
from symptom_decoder.diet import foodlog, ledger, stack
from symptom_decoder.diet.personal import Personal, personal
from symptom_decoder.diet.suggest import Suggester
from symptom_decoder.engine import MODES, Mode, Turn, assess
from symptom_decoder.engine.interview import is_question_path, plain_entries
from symptom_decoder.errors import ProblemList
from symptom_decoder.foods.catalog import Catalog, missing_help
from symptom_decoder.foods.database import FoodDataError
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Intake, Question
from symptom_decoder.store.db import Base
from symptom_decoder.store.models import Person
from symptom_decoder.types import Level, ValidAnswers
from symptom_decoder.web import episode_form, shares, steps
from symptom_decoder.web.deps import User, clock, person_of, unit
from symptom_decoder.web.steps import drop_path
from symptom_decoder.web.templating import render

SEARCH_LIMIT = 8


def assessment(answers: ValidAnswers, pack: Pack) -> dict[str, Any]:
    """The ``assessment/v1`` document for answers already checked at the edge."""
    return assess(answers, pack).to_json()


def assessment_json(answers: ValidAnswers, pack: Pack) -> bytes:
    """The same document as JSON text (UTF-8), for the API."""
    return assess(answers, pack).to_json_bytes()


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
                      "where": "" if phone or known is None else known.maternity_unit_where,
                      "unsaid": known.where_in_headlines if phone and known else None},
    }


def alarm(doc: dict[str, Any], calls: dict[str, Any] | None) -> str:
    """What the top of a result says to do: the assessment's words, less the headline's
    note on where to find the maternity unit's number when CALLS (``contacts``) show it."""
    triage = doc["triage"]
    text: str = triage.get("do_now") or triage["headline"]
    unsaid = calls["maternity"]["unsaid"] if calls else None
    return text.replace(unsaid, "") if unsaid else text


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


@dataclass(frozen=True)
class Overrides:
    """What a request says instead of her saved profile (the API's ``age``, ``exclude``,
    ``ignore_profile``); the pages use the profile as it is."""

    age: int | None = None
    exclude: tuple[str, ...] = ()
    ignore_profile: bool = False


def mine(request: Request, session: Session, who: User,
         overrides: Overrides | None = None) -> Personal:
    """Her age band, exclusions and stage from the profile, as every diet view reads them."""
    given = overrides or Overrides()
    return personal(session, person_of(session, who), today=today(request), age=given.age,
                    exclude=given.exclude, ignore_profile=given.ignore_profile)


def intakes(request: Request, who: User, overrides: Overrides | None = None
            ) -> tuple[Mapping[str, Intake], dict[str, Any], Personal]:
    """Her reference intakes and limits, for the age in her profile or the request (an
    adult's when none is given: the pack's ``unknown_age``), which ages they are for, and
    what the profile says. The one place every diet view, page or JSON, takes its figures."""
    with unit(request) as session:
        her = mine(request, session, who, overrides)
    pack: Pack = request.app.state.pack
    first, last = pack.intake_ages(her.age_years)
    ages = {"first": first, "last": last, "age_given": her.age_years is not None}
    return pack.intakes_for(her.age_years), ages, her


def day_view(request: Request, who: User, day: date,
             overrides: Overrides | None = None) -> dict[str, Any]:
    """A day's entries and totals against the pregnancy reference intakes for her age band."""
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        entries = [foodlog.entry_view(e) for e in totals.entries]
    found, ages, her = intakes(request, who, overrides)
    rows = foodlog.compare(totals, found)
    return {
        "date": day.isoformat(),
        "entries": entries,
        "ages": ages,
        "totals": [
            {"key": r.key, "name": r.name, "unit": r.unit,
             "total": None if r.total is None else round(r.total, 1 if r.total >= 1 else 2),
             "complete": r.complete,
             "target": r.target, "percent_of_target": None if r.percent_of_target is None
             else round(r.percent_of_target), "upper_limit": r.upper_limit,
             "upper_limit_scope": r.upper_limit_scope,
             "note": r.note, "references": r.references}
            for r in rows
        ],
        "profile": her.view(),
        "profile_sentence": her.sentence(age_note=False),
    }


def search(request: Request, query: str, limit: int = SEARCH_LIMIT,
           who: User | None = None) -> list[dict[str, Any]]:
    """Foods for QUERY ranked by the food log's resolver, her own choice for the words first."""
    found = catalog(request)
    if found is None or len(query.strip()) < 2:
        return []
    with unit(request) as session:
        foods = foodchoices.search(session if who else None, found, query,
                                   person_id=who.person_id if who else None, limit=limit)
    return [{"name": f.description, **found.as_result(f)} for f in foods]


def suggestions(request: Request, who: User, *, limit: int = 5,
                overrides: Overrides | None = None) -> list[dict[str, Any]]:
    """Foods that would close today's magnesium gap, leaving out what her profile excludes
    (allergies and diet) and what pregnancy food-safety rules exclude."""
    made = suggester(request)
    if made is None:
        return []
    day = today(request)
    with unit(request) as session:
        totals = foodlog.day_totals(session, person_id=who.person_id, day=day)
        her = mine(request, session, who, overrides)
    intake = request.app.state.pack.intakes_for(her.age_years).get("magnesium")
    target = getattr(intake, "rda", None)
    eaten = (totals.value("magnesium_mg") or 0.0) if totals.entries else 0.0
    gap = None if target is None else max(0.0, target - eaten)
    found = made.suggest("magnesium_mg", gap=gap, exclude=her.exclusions, limit=limit)
    return [{**s.as_json(), "log_text": f"{s.grams:g} g {s.food.description}"} for s in found]


def food_note(request: Request, food_id: int | None) -> str | None:
    """What the food-safety rules say about a food she logged, or None."""
    found = catalog(request)
    if found is None or food_id is None:
        return None
    food = found.food(food_id)
    return None if food is None else foodlog.safety_note(found, food)


def log_food(request: Request, who: User, *, text: str, food_id: int | None,
             day: date, portion: str | None = None) -> dict[str, Any]:
    """Resolve TEXT ('1 cup cooked spinach') with her remembered choices and store it;
    FoodLogError when unclear. A food she picks is her first choice next time."""
    found = catalog(request)
    if found is None:
        raise foodlog.FoodLogError("There is no food data on this server yet.")
    with unit(request) as session:
        entry, resolved = foodchoices.log_food(session, found, person_id=who.person_id,
                                               day=day, text=text, food_id=food_id,
                                               portion=portion)
        return {**foodlog.entry_view(entry), "note": resolved.note}


def stack_view(request: Request, who: User,
               overrides: Overrides | None = None) -> dict[str, Any]:
    """The stack and the food log against the upper limits for her age band, with the
    engine's warnings and the ledger's own (``ledger.check_stack``)."""
    with unit(request) as session:
        rows = stack.items_for(session, person_id=who.person_id)
        items = [{"item": i.id, **stack.as_answer(i)} for i in rows]
        her = mine(request, session, who, overrides)
        found = ledger.check_stack(session, person_id=who.person_id,
                                   pack=request.app.state.pack, today=today(request), who=her)
    first, last = request.app.state.pack.intake_ages(her.age_years)
    ages = {"first": first, "last": last, "age_given": her.age_years is not None}
    return {**found.document(), "items": items, "ages": ages,
            "profile_sentence": her.sentence(age_note=False)}


# ---------------------------------------------------------------- diary


def keep_result(session: Session, person: Person, answers: ValidAnswers, pack: Pack) -> int:
    """Save the result of ANSWERS in PERSON's diary with the answers behind it; its id."""
    doc = assessment(answers, pack)
    return save_assessment(session, person, dict(answers), doc, now=clock()).id


def carried_result(state: str, pack: Pack) -> ValidAnswers | None:
    """The answers a visitor's result page carried to sign-up or sign-in (even none at all,
    when she skipped every question); None when nothing, or nothing valid, was carried."""
    try:
        return validate_answers(json.loads(state), pack.answers_schema) if state else None
    except (ValueError, AnswersError):
        return None


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


_DAY_KEYS = ("day", "no_cramps", "fluids_ml", "supplements", "stretching_min", "hours_standing")


def day_from_json(body: Any) -> DayEntry:
    """A day entry from an API body; what is left out stays as it was. FieldError names the
    first bad field."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    unknown = sorted(str(key) for key in set(body) - set(_DAY_KEYS))
    if unknown:
        raise FieldError(unknown[0] or "body", "unknown field")
    when = body.get("day")
    if not isinstance(when, str):
        raise FieldError("day", "is needed, as YYYY-MM-DD")
    supplements = body.get("supplements") or []
    if not isinstance(supplements, list) or not all(isinstance(s, str) for s in supplements):
        raise FieldError("supplements", "must be a list of names")
    return DayEntry(
        day=times.parse_day(when, field="day"),
        no_cramps=body.get("no_cramps"),
        fluids_ml=body.get("fluids_ml"),
        supplements=tuple(supplements),
        stretching_min=body.get("stretching_min"),
        hours_standing=body.get("hours_standing"),
    ).checked()


def no_cramps_from_form(form: Mapping[str, str], *, today: date) -> DayEntry:
    """The "No cramps today" button: the day the page was drawn for (or TODAY)."""
    when = form.get("day", "").strip()
    return DayEntry(
        day=times.parse_day(when, field="day") if when else today, no_cramps=True
    ).checked()


def save_day(request: Request, who: User, entry: DayEntry) -> dict[str, Any]:
    with unit(request) as session:
        return diary_days.day_view(diary_days.set_day(session, person_of(session, who), entry))


def day_views(request: Request, who: User) -> list[dict[str, Any]]:
    with unit(request) as session:
        return [diary_days.day_view(row)
                for row in diary_days.list_days(session, person_of(session, who))]


def marked_no_cramps(request: Request, who: User, day: date) -> bool:
    with unit(request) as session:
        row = diary_days.get_day(session, person_of(session, who), day)
        return bool(row and row.no_cramps)


def comparison(
    request: Request, who: User, *, change: str, since: str = "", until: str = ""
) -> Comparison:
    """The diary's one comparison for the signed-in person; FieldError names ``change``,
    ``from`` or ``to``."""
    if not change.strip():
        raise FieldError("change", "is needed: the day you made the change, as YYYY-MM-DD")
    changed = times.parse_day(change, field="change")
    first = times.parse_day(since, field="from") if since.strip() else None
    last = times.parse_day(until, field="to") if until.strip() else None
    with unit(request) as session:
        return report.compare_for(
            session, person_of(session, who), change=changed, since=first, until=last
        )


# ---------------------------------------------------------------- settings and my data


def settings_page(
    request: Request, who: User, *, errors: dict[str, str] | None = None, saved: str = "",
    imported: str = "", typed: dict[str, str] | None = None, status: int = 200,
) -> Response:
    today = times.local(clock(), episode_form.browser_zone(request.cookies)).date()
    with unit(request) as session:
        me = person_of(session, who)
        view = profile.profile_view(profile.get_profile(session, me), today)
        links = [shares.view(s) for s in shares.live(session, me, now=clock())]
    return render(
        request, "settings.html",
        {"errors": errors or {}, "saved": saved, "imported": imported, "typed": typed or {},
         "profile": view, "bands": profile.AGE_BANDS,
         "allergies": profile.ALLERGIES, "diets": profile.DIETS, "shares": links},
        status=status, title="Profile and settings",
    )


# Secrets are never exported: the password hash and the session tokens' hashes.
HIDDEN = {"accounts": {"password_hash"}, "web_sessions": {"token_hash"},
          "known_devices": {"token_hash"}, "shares": {"token_hash"}}
SKIPPED = {"web_sessions", "known_devices"}


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
