"""The diary as one CSV file: export, and an all-or-nothing import that round-trips exactly.

One row per record. ``record`` is ``episode`` or ``day``; each kind fills its own columns
and leaves the others empty. A day's ``no_cramps`` is ``yes`` for a "no cramps today" entry
(files from before it existed have no such column; their days read as ``no``). Episodes
are matched by ``uuid``: importing a file again updates those episodes instead of adding
them twice. ``started_at`` is written on the local clock of ``zone`` with its offset, to the
microsecond.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from symptom_decoder.diary import _checks, times
from symptom_decoder.diary.days import DayEntry, list_days, set_day, supplements_of
from symptom_decoder.diary.episodes import EpisodeEntry, list_episodes
from symptom_decoder.diary.errors import FieldError, InvalidInput
from symptom_decoder.store.diary_models import Episode
from symptom_decoder.store.models import Person

EPISODE_COLUMNS = (
    "id", "uuid", "started_at", "zone", "leg", "muscle", "duration_min", "severity", "woke",
    "helped", "note",
)  # fmt: skip
DAY_COLUMNS = (
    "day", "fluids_ml", "supplements", "stretching_min", "hours_standing", "no_cramps",
)  # fmt: skip
COLUMNS = ("record", *EPISODE_COLUMNS, *DAY_COLUMNS)
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}


class CsvError(InvalidInput):
    """A row of the file cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    days: int


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def episode_row(episode: Episode | EpisodeEntry) -> dict[str, str]:
    """One episode as a CSV row (an entry not yet stored has an empty id)."""
    row = {name: _text(getattr(episode, name, None)) for name in EPISODE_COLUMNS}
    row["started_at"] = times.local(episode.started_at, episode.zone).isoformat()
    return {"record": "episode", **row}


def export_rows(session: Session, person: Person) -> Iterator[dict[str, str]]:
    for episode in list_episodes(session, person):
        yield episode_row(episode)
    for day in list_days(session, person):
        yield {
            "record": "day",
            "day": day.day.isoformat(),
            "fluids_ml": _text(day.fluids_ml),
            "supplements": ",".join(supplements_of(day)),
            "stretching_min": _text(day.stretching_min),
            "hours_standing": _text(day.hours_standing),
            "no_cramps": _text(day.no_cramps),
        }


def export_csv(session: Session, person: Person, out: TextIO) -> int:
    """Write PERSON's diary to OUT (opened with ``newline=""``); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in export_rows(session, person):
        writer.writerow(row)
        count += 1
    return count


def export_text(session: Session, person: Person) -> str:
    buffer = io.StringIO(newline="")
    export_csv(session, person, buffer)
    return buffer.getvalue()


# --- import ----------------------------------------------------------------------------


def _optional(row: dict[str, str], column: str, parse: Any) -> Any:
    value = row.get(column, "")
    return None if value == "" else parse(value, field=column)


def _episode(row: dict[str, str]) -> tuple[int | None, EpisodeEntry]:
    started = row.get("started_at", "")
    try:
        instant = datetime.fromisoformat(started)
    except ValueError:
        raise FieldError(
            "started_at", f"not a date and time with offset (got {started!r})"
        ) from None
    if instant.tzinfo is None:
        raise FieldError("started_at", f"needs its UTC offset, like +01:00 (got {started!r})")
    woke = row.get("woke", "").strip().lower()
    if woke not in _YES:
        raise FieldError("woke", f"must be yes or no (got {row.get('woke')!r})")
    if not row.get("uuid"):
        raise FieldError("uuid", "is empty; every episode needs one")
    entry = EpisodeEntry(
        started_at=instant,
        zone=row.get("zone", ""),
        leg=row.get("leg") or None,
        muscle=row.get("muscle") or None,
        duration_min=_optional(row, "duration_min", _checks.parse_number),
        severity=_optional(row, "severity", _checks.parse_whole),
        woke=_YES[woke],
        helped=row.get("helped", ""),
        note=row.get("note", ""),
        uuid=row["uuid"],
    ).checked()
    wanted_id = _optional(row, "id", _checks.parse_whole)
    if wanted_id is not None and wanted_id < 1:
        raise FieldError("id", f"must be a positive whole number (got {wanted_id})")
    return wanted_id, entry


def _day(row: dict[str, str]) -> DayEntry:
    supplements = tuple(row.get("supplements", "").split(","))
    none = row.get("no_cramps", "").strip().lower()
    if none not in _YES:
        raise FieldError("no_cramps", f"must be yes or no (got {row.get('no_cramps')!r})")
    return DayEntry(
        day=times.parse_day(row.get("day", ""), field="day"),
        fluids_ml=_optional(row, "fluids_ml", _checks.parse_whole),
        supplements=supplements,
        stretching_min=_optional(row, "stretching_min", _checks.parse_whole),
        hours_standing=_optional(row, "hours_standing", _checks.parse_number),
        no_cramps=_YES[none],
    ).checked()


def read_csv(source: TextIO) -> list[tuple[int | None, EpisodeEntry] | DayEntry]:
    """Every record of SOURCE, checked; the first problem raises naming its row and column."""
    reader = csv.DictReader(source, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise CsvError(f"row 1: not a CSV file ({exc})") from None
    if not header:
        raise CsvError("row 1: the file is empty")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise CsvError(f"row 1, column {unknown[0]!r}: not a diary column")
    if "record" not in header:
        raise CsvError("row 1: the column 'record' is missing (is this a diary export?)")
    records: list[tuple[int | None, EpisodeEntry] | DayEntry] = []
    seen: dict[str, int] = {}
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):
            if None in row:
                raise CsvError(f"row {row_number}: more values than columns")
            kind = row.get("record")
            try:
                if kind == "episode":
                    record = _episode(row)
                    if record[1].uuid in seen:
                        raise FieldError("uuid", f"repeats row {seen[record[1].uuid]}")
                    seen[record[1].uuid] = row_number
                    records.append(record)
                elif kind == "day":
                    records.append(_day(row))
                else:
                    raise FieldError("record", f"must be episode or day (got {kind!r})")
            except FieldError as exc:
                raise CsvError(f"row {row_number}, column {exc.field}: {exc.problem}") from None
    except csv.Error as exc:
        raise CsvError(f"row {row_number + 1}: the CSV is malformed ({exc})") from None
    return records


def import_records(
    session: Session, person: Person, records: list[tuple[int | None, EpisodeEntry] | DayEntry]
) -> ImportResult:
    """Write checked RECORDS for PERSON inside the caller's transaction."""
    added = updated = unchanged = days = 0
    explicit_ids = False
    for record in records:
        if isinstance(record, DayEntry):
            set_day(session, person, record, merge=False)
            days += 1
            continue
        wanted_id, entry = record
        values = {name: getattr(entry, name) for name in EPISODE_COLUMNS if name != "id"}
        episode = session.scalar(select(Episode).where(Episode.uuid == entry.uuid))
        if episode is None:
            episode = Episode(person_id=person.id, **values)
            if wanted_id is not None and session.get(Episode, wanted_id) is None:
                episode.id, explicit_ids = wanted_id, True
            session.add(episode)
            session.flush()
            added += 1
        elif episode.person_id != person.id:
            raise CsvError(f"uuid {entry.uuid}: already used by another person's record")
        elif all(getattr(episode, name) == value for name, value in values.items()):
            unchanged += 1
        else:
            for name, value in values.items():
                setattr(episode, name, value)
            updated += 1
    session.flush()
    if explicit_ids and session.get_bind().dialect.name == "postgresql":
        # Rows inserted with their own ids leave the id sequence behind; move it past them.
        session.execute(
            text(
                "SELECT setval(s, GREATEST(COALESCE((SELECT MAX(id) FROM episodes), 1),"
                " COALESCE(pg_sequence_last_value(s::regclass), 1)))"
                " FROM pg_get_serial_sequence('episodes', 'id') AS s"
            )
        )
    return ImportResult(added=added, updated=updated, unchanged=unchanged, days=days)


def import_csv(session: Session, person: Person, source: TextIO) -> ImportResult:
    """Read all of SOURCE, then write it; any problem raises before anything is written."""
    return import_records(session, person, read_csv(source))
