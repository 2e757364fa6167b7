"""Share links: a person lets someone open her summary without signing in, for 1 to 30 days.

The link holds a random token of 256 bits; the database keeps only its SHA-256, so neither
a copy of the database nor the list of links can open a summary. Every opening is counted
and shown to her. Plain functions over a SQLAlchemy ``Session``; the clock is passed in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from symptom_decoder.diary import times
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.store.models import Person
from symptom_decoder.store.share_models import Share
from symptom_decoder.summary.service import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, clean_name

MAX_LIFE_DAYS = 30
MAX_LIVE = 20
"""Links one person may have open at once: enough for every clinician, few enough that a
script cannot fill the table."""
FORGET_AFTER = timedelta(days=90)
"""Expired links answer 410 for this long; then they are deleted and answer 404."""


class LinkUnknown(Exception):
    """No such link, or it was revoked."""


class LinkExpired(Exception):
    """The link was real but its time is up."""


@dataclass(frozen=True)
class Opened:
    """A link that may be opened now: whose summary, over which days, with which name."""

    person_id: int
    period_days: int
    zone: str
    name: str | None
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _whole(value: Any, low: int, high: int, *, field: str, unit: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FieldError(field, f"must be a whole number from {low} to {high} {unit} "
                         f"(got {value!r})")
    return value


def create(session: Session, person: Person, *, days: Any, now: datetime, zone: str,
           period_days: Any = DEFAULT_DAYS, name: Any = None) -> tuple[Share, str]:
    """A new link for PERSON that lives DAYS days; returns the row and the token, which is
    shown once and never stored."""
    life = _whole(days, 1, MAX_LIFE_DAYS, field="days", unit="days")
    period = _whole(period_days, MIN_DAYS, MAX_DAYS, field="period_days", unit="days")
    printed = clean_name(name)
    times.zone_from_name(zone, field="zone")
    session.execute(delete(Share).where(Share.expires_at <= now - FORGET_AFTER))
    if len(live(session, person, now=now)) >= MAX_LIVE:
        raise FieldError("days", f"you already have {MAX_LIVE} links that still open; "
                         "revoke one in Settings first")
    token = secrets.token_urlsafe(32)
    share = Share(person_id=person.id, token_hash=_digest(token), period_days=period,
                  zone=zone, name=printed, created_at=now,
                  expires_at=now + timedelta(days=life), uses=0)
    session.add(share)
    session.flush()
    return share, token


def live(session: Session, person: Person, *, now: datetime) -> list[Share]:
    """PERSON's links that still open, newest first."""
    query = (select(Share).where(Share.person_id == person.id, Share.expires_at > now)
             .order_by(Share.created_at.desc(), Share.id.desc()))
    return list(session.scalars(query))


def revoke(session: Session, person: Person, share_id: int) -> bool:
    """Delete one of PERSON's links; False when she has no such link."""
    share = session.get(Share, share_id)
    if share is None or share.person_id != person.id:
        return False
    session.delete(share)
    session.flush()
    return True


def open_link(session: Session, token: str, *, now: datetime) -> Opened:
    """The link for TOKEN, counted as opened once more; LinkUnknown or LinkExpired."""
    if not token or len(token) > 100:
        raise LinkUnknown
    share = session.scalar(select(Share).where(Share.token_hash == _digest(token)))
    if share is None:
        raise LinkUnknown
    if share.expires_at <= now:
        raise LinkExpired
    share.uses += 1
    share.last_used_at = now
    session.flush()
    return Opened(person_id=share.person_id, period_days=share.period_days, zone=share.zone,
                  name=share.name, expires_at=share.expires_at)


def view(share: Share) -> dict[str, Any]:
    """A link as the settings page and ``GET /api/v1/shares`` show it (never the token)."""
    return {
        "id": share.id,
        "created_at": share.created_at.isoformat(),
        "expires_at": share.expires_at.isoformat(),
        "period_days": share.period_days,
        "name": share.name,
        "uses": share.uses,
        "last_used_at": share.last_used_at.isoformat() if share.last_used_at else None,
    }
