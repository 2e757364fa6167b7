"""What the food, log, supplement and diet commands share: formats, the catalog, the
unit of work, dates and numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from symptom_decoder.diet.personal import Personal
    from symptom_decoder.foods.catalog import Catalog
    from symptom_decoder.knowledge.models import Intake


class Format(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="table (default) or json.")]
AgeOption = Annotated[
    int | None,
    typer.Option("--age", min=12, max=60,
                 help="Your age in years: picks the reference intakes for your age band "
                      "(default: the age band in your profile)."),
]
IgnoreProfileOption = Annotated[
    bool,
    typer.Option("--ignore-profile",
                 help="Leave out your saved profile (age band, allergies, diet, stage)."),
]


def _fail(lines: list[str] | str) -> typer.Exit:
    from symptom_decoder.cli._common import fail

    return fail(lines)


def _print_json(document: Any) -> None:
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _settings() -> Any:
    from symptom_decoder.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        raise _fail(str(exc).splitlines()) from None


def _catalog() -> Catalog:
    from symptom_decoder.foods.catalog import Catalog
    from symptom_decoder.foods.database import FoodDataError

    try:
        return Catalog.open(_settings().food_db_path)
    except FoodDataError as exc:
        raise _fail(str(exc).splitlines()) from None


@contextmanager
def _session() -> Iterator[tuple[Session, int]]:
    """A unit of work on the personal store, for the local person (the diary's, shared)."""
    from symptom_decoder.cli._common import diary_session

    with diary_session() as (session, person):
        yield session, person.id


def _personal(session: Session, person_id: int, *, age: int | None = None,
              exclude: list[str] | None = None, ignore_profile: bool = False) -> Personal:
    """What her saved profile says (age band, allergies, diet, stage), flags winning."""
    from symptom_decoder.diet.personal import personal
    from symptom_decoder.store.models import Person

    return personal(session, session.get(Person, person_id), today=_today(), age=age,
                    exclude=exclude or [], ignore_profile=ignore_profile)


def _profile_line(who: Personal) -> str:
    """What was used from the profile, and how to add an age when there is none."""
    line = who.sentence()
    if who.age_years is None:
        line += " Add yours with: symptom-decoder profile set --age YEARS"
    return line


def _intakes(age: int | None) -> Mapping[str, Intake]:
    """The knowledge pack's reference intakes and upper limits for AGE (an adult's if None)."""
    from symptom_decoder.knowledge import load_pack

    return load_pack(_settings().pack).intakes_for(age)


def _today() -> date:
    """Today on her clock (SD_TZ, TZ, else the system's), as the diary counts days."""
    from symptom_decoder.cli._common import today, zone

    return today(zone())


def _parse_day(text: str | None) -> date:
    if text is None or text == "today":
        return _today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"date: use YYYY-MM-DD, e.g. 2026-11-25 (got {text!r})") from None


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "unknown"
    return f"{value:,.{digits}f}"

def _limit(value: float | None, scope: str | None) -> str:
    if value is None:
        return ""
    words = {"supplemental": "supplements only", "total": "food + supplements",
             "limit": "stay under"}.get(scope or "")
    return f"{value:,.0f}" + (f" ({words})" if words else "")
