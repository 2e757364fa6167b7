"""Cramp episodes: log (idempotent by a client-made UUID), list, edit and delete."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from symptom_decoder.diary import _checks, times
from symptom_decoder.diary.errors import FieldError, NotFound
from symptom_decoder.store.diary_models import Episode
from symptom_decoder.store.models import Person

MAX_DURATION_MIN = 180.0


@dataclass(frozen=True, kw_only=True)
class EpisodeEntry:
    """What a person tells about one cramp; ``checked()`` returns it validated and tidied."""

    started_at: datetime
    zone: str
    leg: str | None = None
    muscle: str | None = None
    duration_min: float | None = None
    severity: int | None = None
    woke: bool = False
    helped: str = ""
    note: str = ""
    uuid: str = field(default_factory=lambda: str(uuid_module.uuid4()))

    def checked(self) -> EpisodeEntry:
        if not isinstance(self.started_at, datetime):
            raise FieldError("started_at", "must be an ISO 8601 date and time")
        if self.started_at.tzinfo is None:
            raise FieldError("started_at", "needs a time zone or an offset")
        times.check_instant(self.started_at, field="started_at")
        times.zone_from_name(self.zone, field="zone")
        try:
            clean_uuid = str(uuid_module.UUID(self.uuid))
        except (ValueError, AttributeError, TypeError):
            raise FieldError("uuid", f"not a UUID (got {self.uuid!r})") from None
        return replace(
            self,
            started_at=self.started_at.astimezone(UTC),
            leg=_checks.choice(self.leg, _checks.LEGS, field="leg"),
            muscle=_checks.choice(self.muscle, _checks.MUSCLES, field="muscle"),
            duration_min=_checks.number(
                self.duration_min, 0, MAX_DURATION_MIN, field="duration_min", unit="minutes"
            ),
            severity=_checks.whole(self.severity, 0, 10, field="severity"),
            woke=bool(self.woke),
            helped=_checks.free_text(self.helped, field="helped"),
            note=_checks.free_text(self.note, field="note"),
            uuid=clean_uuid,
        )


def quick_entry(now: datetime, zone: str) -> EpisodeEntry:
    """The quick log: a cramp now, nothing else known."""
    return EpisodeEntry(started_at=now, zone=zone)


def log_episode(session: Session, person: Person, entry: EpisodeEntry) -> tuple[Episode, bool]:
    """Store ENTRY for PERSON; (episode, True) if new, (the stored one, False) if seen before."""
    entry = entry.checked()
    existing = _by_uuid(session, entry.uuid)
    if existing is not None:
        return _owned(existing, person), False
    episode = Episode(person_id=person.id, **_columns(entry))
    try:
        with session.begin_nested():
            session.add(episode)
    except IntegrityError:
        # Another process stored the same UUID between our look and our write.
        found = _by_uuid(session, entry.uuid)
        if found is None:
            raise
        return _owned(found, person), False
    return episode, True


def list_episodes(
    session: Session,
    person: Person,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Episode]:
    """PERSON's episodes in time order, optionally within [SINCE, UNTIL)."""
    query = select(Episode).where(Episode.person_id == person.id)
    if since is not None:
        query = query.where(Episode.started_at >= since)
    if until is not None:
        query = query.where(Episode.started_at < until)
    return list(session.scalars(query.order_by(Episode.started_at, Episode.id)))


def get_episode(session: Session, person: Person, episode_id: int) -> Episode:
    episode = session.get(Episode, episode_id)
    if episode is None or episode.person_id != person.id:
        raise NotFound(f"episode {episode_id}: there is no such episode in your diary")
    return episode


def edit_episode(
    session: Session, person: Person, episode_id: int, changes: dict[str, Any]
) -> Episode:
    """Apply CHANGES (field name to new value) to one of PERSON's episodes, checked as a whole."""
    episode = get_episode(session, person, episode_id)
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise FieldError(sorted(unknown)[0], "cannot be changed")
    entry = replace(entry_of(episode), **changes).checked()
    for name, value in _columns(entry).items():
        setattr(episode, name, value)
    session.flush()
    return episode


def delete_episode(session: Session, person: Person, episode_id: int) -> None:
    session.delete(get_episode(session, person, episode_id))
    session.flush()


def entry_of(episode: Episode) -> EpisodeEntry:
    return EpisodeEntry(**{name: getattr(episode, name) for name in _COLUMNS})


def local_span(start: date, end: date, zone: str) -> tuple[datetime, datetime]:
    """UTC bounds of local days START to END inclusive (a whole day, whatever its length)."""
    tz = times.zone_from_name(zone)
    first = datetime.combine(start, datetime.min.time(), tz)
    after = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
    return first.astimezone(UTC), after.astimezone(UTC)


_COLUMNS = (
    "uuid", "started_at", "zone", "leg", "muscle", "duration_min", "severity", "woke", "helped",
    "note",
)  # fmt: skip
_EDITABLE = tuple(name for name in _COLUMNS if name != "uuid")


def _columns(entry: EpisodeEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in _COLUMNS}


def _by_uuid(session: Session, value: str) -> Episode | None:
    return session.scalar(select(Episode).where(Episode.uuid == value))


def _owned(episode: Episode, person: Person) -> Episode:
    if episode.person_id != person.id:
        # A UUID is random; a clash across people means a client bug, never a merge.
        raise FieldError("uuid", "is already used by another record")
    return episode
