"""A cramp as typed into the diary's form or sent to the API, made into a diary entry."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote

from symptom_decoder import answers
from symptom_decoder.diary import times
from symptom_decoder.diary.episodes import EpisodeEntry
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.knowledge import Pack


def choices(pack: Pack) -> dict[str, tuple[tuple[str, str], ...]]:
    """The legs and muscles a cramp can be logged in: the contract's values, the pack's words
    (from the interview's "which leg" and "where" questions)."""
    return {"legs": pack.choices("cramps.side", answers.legs()),
            "muscles": pack.choices("cramps.muscles", answers.muscles())}

FIELDS = ("started_at", "leg", "muscle", "duration_min", "severity", "woke", "helped", "note")


def zone_or_default(text: str | None) -> str:
    """The browser's zone when it sent one that exists, else the server's."""
    if text:
        try:
            times.zone_from_name(text, field="zone")
            return text
        except FieldError:
            pass
    return times.system_zone_name()


def browser_zone(cookies: Mapping[str, str]) -> str:
    """The zone the page's script saw in the browser (cookie ``sd_zone``), else the server's."""
    return zone_or_default(unquote(cookies.get("sd_zone", "")))


def _number(text: str, field: str, *, whole: bool) -> float | int | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FieldError(field, "please type a number") from None
    if whole:
        if not value.is_integer():
            raise FieldError(field, "please type a whole number")
        return int(value)
    return value


def typed_when(form: Mapping[str, str], zone: str, *, now: datetime) -> str:
    """When it started, as the form sent it: ``started_at``, or the separate date and time
    boxes. A time alone is the last time the clock showed it (23:40 typed at 03:00 is
    yesterday's); empty when nothing was typed."""
    joined = form.get("started_at", "").strip()
    day, clock = form.get("started_day", "").strip(), form.get("started_time", "").strip()
    if joined or not (day or clock):
        return joined
    if not clock:
        raise FieldError("started_at", "add the time too, like 03:10")
    if not day:
        today = times.local(now, zone)
        try:
            hours, minutes = (int(part) for part in clock.split(":")[:2])
            later = (hours, minutes) > (today.hour, today.minute)
        except ValueError:
            later = False
        day = (today.date() - timedelta(days=1) if later else today.date()).isoformat()
    return f"{day}T{clock}"


def from_form(form: Mapping[str, str], *, now: datetime) -> EpisodeEntry:
    """The entry for a submitted diary form; FieldError names the first bad field."""
    zone = zone_or_default(form.get("zone"))
    when = typed_when(form, zone, now=now)
    started, zone = times.parse_instant(when, zone, field="started_at") if when else (now, zone)
    return EpisodeEntry(
        uuid=form.get("uuid") or str(uuid.uuid4()),
        started_at=started,
        zone=zone,
        leg=form.get("leg") or None,
        muscle=form.get("muscle") or None,
        duration_min=_number(form.get("duration_min", ""), "duration_min", whole=False),
        severity=_number(form.get("severity", ""), "severity", whole=True),  # type: ignore[arg-type]
        woke=form.get("woke") == "yes",
        helped=form.get("helped", ""),
        note=form.get("note", ""),
    ).checked()


def changes_from_form(form: Mapping[str, str], *, now: datetime) -> dict[str, Any]:
    """An edit: every field on the form, as the diary's edit_episode takes them."""
    zone = zone_or_default(form.get("zone"))
    changes: dict[str, Any] = {}
    when = typed_when(form, zone, now=now)
    if when:
        changes["started_at"], changes["zone"] = times.parse_instant(
            when, zone, field="started_at"
        )
    changes["leg"] = form.get("leg") or None
    changes["muscle"] = form.get("muscle") or None
    changes["duration_min"] = _number(form.get("duration_min", ""), "duration_min", whole=False)
    changes["severity"] = _number(form.get("severity", ""), "severity", whole=True)
    changes["woke"] = form.get("woke") == "yes"
    changes["helped"] = form.get("helped", "")
    changes["note"] = form.get("note", "")
    return changes


_API_KEYS = {"uuid", "zone", *FIELDS}


def from_json(body: Any, *, now: datetime) -> EpisodeEntry:
    """The entry for an API body; FieldError names the first bad field."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    unknown = sorted(set(body) - _API_KEYS)
    if unknown:
        if not unknown[0]:
            raise FieldError("body", "has a field with an empty name")
        raise FieldError(unknown[0], "unknown field")
    zone = body.get("zone")
    if zone is not None and not isinstance(zone, str):
        raise FieldError("zone", "must be text")
    zone = zone_or_default(zone)
    when = body.get("started_at")
    if when is None:
        started, zone = now, zone
    elif isinstance(when, str):
        started, zone = times.parse_instant(when, zone, field="started_at")
    else:
        raise FieldError("started_at", "must be an ISO 8601 date and time")
    values = {k: body[k] for k in ("leg", "muscle", "duration_min", "severity", "woke",
                                   "helped", "note") if k in body and body[k] is not None}
    for key in ("helped", "note", "leg", "muscle"):
        if key in values and not isinstance(values[key], str):
            raise FieldError(key, "must be text")
    return EpisodeEntry(
        uuid=str(body.get("uuid") or uuid.uuid4()), started_at=started, zone=zone, **values
    ).checked()


_EDITS = {"zone", *FIELDS}
_TEXT = ("leg", "muscle", "helped", "note")


def changes_from_json(body: Any) -> dict[str, Any]:
    """An API edit (PATCH): only the fields sent, each of the right type; FieldError names
    the first that is not. A new ``started_at`` is read in ``zone`` (or the server's)."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    for key in sorted(body):
        if key == "uuid":
            raise FieldError("uuid", "cannot be changed")
        if key not in _EDITS:
            raise FieldError(key or "body", "unknown field")
    changes: dict[str, Any] = {}
    for key in _TEXT:
        if key in body:
            if body[key] is not None and not isinstance(body[key], str):
                raise FieldError(key, "must be text")
            changes[key] = body[key] if key in ("leg", "muscle") else (body[key] or "")
    for key, whole in (("duration_min", False), ("severity", True)):
        if key in body:
            value = body[key]
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                      or (whole and not isinstance(value, int))):
                raise FieldError(key, "must be a whole number" if whole else "must be a number")
            changes[key] = value
    if "woke" in body:
        if not isinstance(body["woke"], bool):
            raise FieldError("woke", "must be true or false")
        changes["woke"] = body["woke"]
    zone = body.get("zone")
    if zone is not None and not isinstance(zone, str):
        raise FieldError("zone", "must be text")
    if "started_at" in body:
        if not isinstance(body["started_at"], str):
            raise FieldError("started_at", "must be an ISO 8601 date and time")
        changes["started_at"], changes["zone"] = times.parse_instant(
            body["started_at"], zone_or_default(zone), field="started_at")
    elif zone is not None:
        times.zone_from_name(zone, field="zone")
        changes["zone"] = zone
    return changes
