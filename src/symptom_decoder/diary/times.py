"""Instants with the zone they were logged in, and the local day and night they fall in.

Night is 21:00 to 06:59 local time. An episode's local time is read in the zone it was
logged in, so moving house or travelling never moves old episodes.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from symptom_decoder.diary.errors import FieldError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""No diary entry is older: earlier dates are typing mistakes (and would make years of
empty weeks in the trends)."""
NIGHT_STARTS = time(21, 0)
NIGHT_ENDS = time(7, 0)

_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
# IANA names are short (the longest is about 30 characters) and stored in 64.
MAX_ZONE_NAME = 64


def zone_from_name(name: str, *, field: str = "zone") -> tzinfo:
    """The zone named NAME: an IANA name such as Europe/London, UTC, or an offset like +05:30."""
    if not isinstance(name, str):
        raise FieldError(field, "must be text, like Europe/London")
    match = _OFFSET.match(name)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        if delta >= timedelta(hours=24):
            raise FieldError(field, f"offset out of range (got {name!r})")
        return timezone(-delta if sign == "-" else delta)
    if len(name) > MAX_ZONE_NAME:
        raise FieldError(field, f"is too long for a time zone ({len(name)} characters)")
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of zones ("Europe") or a name the file system refuses.
        raise FieldError(
            field,
            f"unknown time zone {name!r}; use a name like Europe/London or an offset like +01:00",
        ) from None


def check_instant(instant: datetime, *, field: str, now: datetime | None = None) -> datetime:
    """INSTANT if it lies between 2000-01-01 and a day after NOW (default: the clock)."""
    latest = (now or datetime.now(UTC)) + timedelta(days=1)
    if not EARLIEST <= instant <= latest:
        # A day of slack for the zones ahead of UTC; "tomorrow" was wrong for a time late
        # tomorrow, which is refused.
        raise FieldError(field, f"must be between 2000-01-01 and a day from now "
                                f"(got {instant.date().isoformat()})")
    return instant


def check_day(day: date, *, field: str, now: datetime | None = None) -> date:
    """DAY if it lies between 2000-01-01 and a day after NOW (default: the clock)."""
    latest = ((now or datetime.now(UTC)) + timedelta(days=1)).date()
    if not EARLIEST.date() <= day <= latest:
        raise FieldError(field, f"must be between 2000-01-01 and a day from now "
                                f"(got {day.isoformat()})")
    return day


def offset_name(offset: timedelta) -> str:
    """An offset as +HH:MM."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def system_zone_name(environ: dict[str, str] | None = None) -> str:
    """The zone to log in: SD_TZ, else TZ, else the system's /etc/localtime, else UTC."""
    env = os.environ if environ is None else environ
    for variable in ("SD_TZ", "TZ"):
        value = env.get(variable, "").lstrip(":")
        if value:
            zone_from_name(value, field=variable)
            return value
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        name = timezone_file.read_text().strip()
        if name:
            return name
    return "UTC"


def parse_instant(text: str, zone_name: str, *, field: str = "--at") -> tuple[datetime, str]:
    """TEXT as (UTC instant, zone to keep). A naive TEXT is read in ZONE_NAME.

    An offset in TEXT says *when*; ZONE_NAME (her zone, or the one she says she was in)
    still says which local day it was and whether it was night, so it is always the zone
    kept: ``2026-06-01T23:00Z`` typed in London is 00:00 on 2 June, at night.
    """
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise FieldError(
            field, f"not a date and time (got {text!r}); use ISO 8601 like 2026-03-29T02:30"
        ) from None
    zone = zone_from_name(zone_name, field="time zone")
    if parsed.tzinfo is None:
        return _localize(parsed, zone, zone_name, field=field), zone_name
    return parsed.astimezone(UTC), zone_name


def _localize(naive: datetime, zone: tzinfo, zone_name: str, *, field: str) -> datetime:
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            jump = (second.utcoffset() or timedelta(0)) - (first.utcoffset() or timedelta(0))
            shown = (naive + abs(jump)).isoformat(timespec="minutes")
            raise FieldError(
                field,
                f"{naive.isoformat(timespec='minutes')} did not happen in {zone_name}: the clocks "
                f"went forward that night; type the time the clock showed (likely {shown})",
            )
    # A time that happened twice (the night the clocks go back) is taken as the first one.
    return first.astimezone(UTC)


def local(instant: datetime, zone_name: str) -> datetime:
    """INSTANT as wall-clock time in the zone it was logged in."""
    return instant.astimezone(zone_from_name(zone_name))


def local_day(instant: datetime, zone_name: str) -> date:
    return local(instant, zone_name).date()


def is_night(instant: datetime, zone_name: str) -> bool:
    """Whether INSTANT falls between 21:00 and 07:00 on the local clock."""
    clock = local(instant, zone_name).time()
    return clock >= NIGHT_STARTS or clock < NIGHT_ENDS


def parse_day(text: str, *, field: str) -> date:
    """A calendar date written as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FieldError(field, f"not a date (got {text!r}); use YYYY-MM-DD") from None
