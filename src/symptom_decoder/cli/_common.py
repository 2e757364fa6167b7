"""What the commands share: ``fail`` (one line per problem, exit 2), the zone and clock, one
transaction for the local person, and parsers that turn a bad value into one line naming
the option.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from symptom_decoder.store.models import Person

T = TypeVar("T")


def fail(lines: list[str] | str, code: int = 2) -> typer.Exit:
    """Print each problem on its own line to standard error and return the exit to raise."""
    for line in [lines] if isinstance(lines, str) else lines:
        typer.echo(line, err=True)
    return typer.Exit(code)


def zone() -> str:
    """The zone to read typed times in (SD_TZ, TZ, the system's, else UTC); exit 2 if bad."""
    from symptom_decoder.diary.times import system_zone_name

    return checked(system_zone_name)


def travel_zone(text: str | None) -> str | None:
    """The zone given with --zone, checked; None when not given."""
    if text is None:
        return None
    from symptom_decoder.diary.times import zone_from_name

    name = text.strip()
    checked(lambda: zone_from_name(name, field="--zone"))
    return name


def now() -> datetime:
    return datetime.now(UTC)


def today(zone_name: str) -> date:
    from symptom_decoder.diary.times import local

    return local(now(), zone_name).date()


# Fields whose options have other names: `diary log --at`, `diary day --date`.
_OPTIONS = {"started_at": "--at", "day": "--date"}


def option_name(field: str) -> str:
    """A service's field name as the option the person typed."""
    if field in _OPTIONS:
        return _OPTIONS[field]
    return "--" + field.replace("_", "-") if field.islower() and field.isidentifier() else field


@contextmanager
def diary_session() -> Iterator[tuple[Session, Person]]:
    """One transaction for the local person; every expected problem becomes one line, exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from symptom_decoder.diary.errors import DiaryError, FieldError
    from symptom_decoder.errors import ProblemList
    from symptom_decoder.settings import SettingsError, get_settings
    from symptom_decoder.store.db import make_engine, session_factory, transaction, upgrade
    from symptom_decoder.store.people import person_by_handle

    try:
        settings = get_settings()
        engine = make_engine(settings.effective_database_url)
    except SettingsError as exc:
        raise fail(str(exc)) from None
    try:
        upgrade(engine)
        with transaction(session_factory(engine)) as session:
            yield session, person_by_handle(session)
    except FieldError as exc:
        raise fail(f"{option_name(exc.field)}: {exc.problem}") from None
    except ProblemList:
        raise  # the command names its own options for each line
    except DiaryError as exc:
        raise fail(str(exc)) from None
    except SQLAlchemyError as exc:
        where = "DATABASE_URL" if settings.database_url else f"SD_DATA_DIR ({settings.data_dir})"
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise fail(
            f"database: could not use the database that keeps your data ({reason}); check {where}"
        ) from None
    finally:
        engine.dispose()


def checked(parse: Callable[[], T]) -> T:
    """Run a parser that may raise FieldError outside a transaction; one line on failure."""
    from symptom_decoder.diary.errors import FieldError

    try:
        return parse()
    except FieldError as exc:
        raise fail(f"{option_name(exc.field)}: {exc.problem}") from None


def parse_date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    from symptom_decoder.diary.times import parse_day

    return checked(lambda: parse_day(text, field=option))


def parse_int(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    from symptom_decoder.diary import parse_whole

    return checked(lambda: parse_whole(text, field=option))


def parse_float(text: str | None, option: str) -> float | None:
    if text is None:
        return None
    from symptom_decoder.diary import parse_number

    return checked(lambda: parse_number(text, field=option))


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def episode_id(text: str) -> int:
    """An episode id as typed (before the transaction, so a bad one costs nothing)."""
    value = parse_int(text, "ID")
    assert value is not None
    return value


@contextmanager
def writing(out: Path) -> Iterator[None]:
    """Writing OUT: a folder or permission problem is one line naming --out."""

    try:
        yield
    except OSError as exc:
        raise fail(f"--out: cannot write {out} ({exc.strerror or exc})") from None
