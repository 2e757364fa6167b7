"""CSV export and import round-trip exactly, and a bad file changes nothing."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Store
from symptom_decoder.diary.csvfile import (
    COLUMNS,
    CsvError,
    episode_row,
    export_text,
    import_csv,
    read_csv,
)
from symptom_decoder.diary.days import DayEntry, list_days, set_day
from symptom_decoder.diary.episodes import EpisodeEntry, list_episodes, log_episode
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

AWKWARD = [
    'said "ouch", twice',
    "line one\nline two\r\nline three",
    "ünïcødé 🦵 ½",
    "  leading and trailing spaces  ",
    "=SUM(A1:A9)",
    "",
]


def _fill(store: Store) -> str:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        for n, text in enumerate(AWKWARD):
            log_episode(
                session, alice,
                EpisodeEntry(
                    started_at=datetime(2026, 10, 25, 0, 30, 15, 250 * n, tzinfo=UTC)
                    + timedelta(hours=n),
                    zone=["Europe/London", "America/New_York", "+05:30"][n % 3],
                    leg=["left", "right", "both", None][n % 4], muscle=["calf", None][n % 2],
                    duration_min=[0.5, 1 / 3, None][n % 3], severity=[0, 10, None][n % 3],
                    woke=n % 2 == 0, helped=text, note=text[::-1],
                ),
            )  # fmt: skip
        day = DayEntry(
            day=date(2026, 10, 25), fluids_ml=2100, supplements=("magnesium", "vitamin D"),
            hours_standing=7.25,
        )  # fmt: skip
        set_day(session, alice, day)
        return export_text(session, alice)


def _empty_alices_diary(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        for row in [*list_episodes(session, alice), *list_days(session, alice)]:
            session.delete(row)


def test_it_round_trips_the_diary_exactly(store: Store) -> None:
    exported = _fill(store)
    _empty_alices_diary(store)
    with transaction(store.factory) as session:
        result = import_csv(session, person_by_handle(session, "alice"), io.StringIO(exported))
    assert (result.added, result.days) == (len(AWKWARD), 1)
    with transaction(store.factory) as session:
        assert export_text(session, person_by_handle(session, "alice")) == exported


def test_it_imports_the_same_file_twice_without_duplicating(store: Store) -> None:
    exported = _fill(store)
    with transaction(store.factory) as session:
        result = import_csv(session, person_by_handle(session, "alice"), io.StringIO(exported))
    assert (result.added, result.updated, result.unchanged) == (0, 0, len(AWKWARD))
    with transaction(store.factory) as session:
        assert export_text(session, person_by_handle(session, "alice")) == exported


def test_it_applies_edits_made_in_the_file(store: Store) -> None:
    exported = _fill(store)
    edited = exported.replace(",calf,0.5,0,yes,", ",foot,0.5,3,yes,", 1)
    assert edited != exported
    with transaction(store.factory) as session:
        result = import_csv(session, person_by_handle(session, "alice"), io.StringIO(edited))
    assert result.updated == 1


@pytest.mark.parametrize("wanted", ["1", "7", "2147483647", "9223372036854775807", "-5", "x"])
def test_it_never_lets_a_file_choose_database_ids(store: Store, wanted: str) -> None:
    """A file with any id (the largest PostgreSQL integer moved the id sequence to its end,
    so every later cramp failed) imports, and logging goes on afterwards."""
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        first, _ = log_episode(session, alice, EpisodeEntry(
            started_at=datetime(2026, 10, 31, tzinfo=UTC), zone="UTC"))
        first_id = first.id
    content = _file([GOOD | {"id": wanted}], columns=("id", *COLUMNS))
    with transaction(store.factory) as session:
        result = import_csv(session, person_by_handle(session, "alice"), io.StringIO(content))
    assert result.added == 1
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        ids = [e.id for e in list_episodes(session, alice)]
        assert str(first_id) == wanted or wanted not in {str(i) for i in ids if i != first_id}
        for n in range(3):
            episode, created = log_episode(session, alice, EpisodeEntry(
                started_at=datetime(2026, 11, 1, n, tzinfo=UTC), zone="UTC"))
            assert created
    with transaction(store.factory) as session:
        assert len(list_episodes(session, person_by_handle(session, "alice"))) == 5


def test_it_writes_formula_cells_as_text_and_reads_them_back(store: Store) -> None:
    exported = _fill(store)
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert "'=SUM(A1:A9)" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@")) or c.startswith("-")]
    _empty_alices_diary(store)
    with transaction(store.factory) as session:
        import_csv(session, person_by_handle(session, "alice"), io.StringIO(exported))
        notes = {e.helped for e in list_episodes(session, person_by_handle(session, "alice"))}
    assert "=SUM(A1:A9)" in notes


@pytest.mark.parametrize("text", ["=1+1", "+44 7700", "-3", "@SUM(A1)", "\tx", "'=x", "'plain",
                                  "''", "plain", ""])
def test_neutralising_a_cell_is_undone_on_import(text: str) -> None:
    from symptom_decoder.diary.csvfile import neutralise, restore

    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t"))


GOOD = {
    "record": "episode", "uuid": "0b5c7f36-5d4c-4c63-9a3c-2f0a6e1d2a11",
    "started_at": "2026-10-01T22:00:00+01:00", "zone": "Europe/London", "severity": "4",
    "woke": "yes",
}  # fmt: skip
GOOD_DAY = {"record": "day", "day": "2026-10-01", "fluids_ml": "1500"}


def _file(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _bad(**fault: str) -> str:
    second = GOOD | {"uuid": "5e0f0c1e-6a4b-4f8e-8d8c-0d3c1e2b3a44"} | fault
    return _file([GOOD, GOOD_DAY, second])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_bad(woke="perhaps"), "row 4, column woke: must be yes or no (got 'perhaps')"),
        (_bad(started_at="2026-10-01T22:00"), "row 4, column started_at: needs its UTC offset"),
        (_bad(started_at="last night"), "row 4, column started_at: not a date and time"),
        (_bad(severity="11"), "row 4, column severity: must be a whole number from 0 to 10"),
        (_bad(severity="bad"), "row 4, column severity: not a whole number (got 'bad')"),
        (_bad(duration_min="-2"), "row 4, column duration_min: must be a number from 0 to 180"),
        (_bad(leg="middle"), "row 4, column leg: must be one of left, right, both"),
        (_bad(zone="Mars/Base"), "row 4, column zone: unknown time zone 'Mars/Base'"),
        (_bad(uuid="abc"), "row 4, column uuid: not a UUID"),
        (_bad(uuid=""), "row 4, column uuid: is empty"),
        (_bad(uuid=GOOD["uuid"]), "row 4, column uuid: repeats row 2"),
        (_bad(record="visit"), "row 4, column record: must be episode or day (got 'visit')"),
        (_bad(started_at="9999-12-31T00:00:00+00:00"),
         "row 4, column started_at: must be between 2000-01-01 and a day from now"),
        (_bad(started_at="1900-01-01T00:00:00+00:00"),
         "row 4, column started_at: must be between 2000-01-01 and a day from now"),
        ("", "row 1: the file is empty"),
        (_file([GOOD, GOOD_DAY | {"day": "2026-02-30"}]), "row 3, column day: not a date"),
        (_file([GOOD, GOOD_DAY | {"hours_standing": "30"}]), "row 3, column hours_standing:"),
        (_file([GOOD]).replace("note", "notes"), "row 1, column 'notes': not a diary column"),
        (_file([GOOD]) + "day,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18\r\n",
         "row 3: more values than columns"),
        (_file([GOOD], columns=("uuid", "started_at", "zone")),
         "row 1: the column 'record' is missing"),
    ],
    ids=["woke", "no-offset", "not-a-time", "severity-range", "severity-text", "duration", "leg",
         "zone", "uuid", "no-uuid", "repeated-uuid", "record", "far-future", "long-ago", "empty",
         "day", "standing", "unknown-column", "extra-values", "missing-column"],
)  # fmt: skip
def test_it_refuses_a_bad_file_naming_row_and_column_and_changes_nothing(
    store: Store, content: str, message: str
) -> None:
    before = _fill(store)
    with (
        pytest.raises(CsvError, match="^" + re.escape(message)),
        transaction(store.factory) as session,
    ):
        import_csv(session, person_by_handle(session, "alice"), io.StringIO(content))
    with transaction(store.factory) as session:
        assert export_text(session, person_by_handle(session, "alice")) == before


def test_it_rolls_back_rows_already_written_when_a_later_one_fails(store: Store) -> None:
    _fill(store)
    with transaction(store.factory) as session:
        bob = person_by_handle(session, "bob")
        bobs_uuid = log_episode(
            session, bob, EpisodeEntry(started_at=datetime(2026, 1, 1, tzinfo=UTC), zone="UTC")
        )[0].uuid
    header = "record,id,uuid,started_at,zone,leg,muscle,duration_min,severity,woke,helped,note,day"
    content = (
        f"{header}\r\n"
        "episode,,0b5c7f36-5d4c-4c63-9a3c-2f0a6e1d2a11,2026-10-01T10:00:00+00:00,UTC,,,,,no,,,\r\n"
        f"episode,,{bobs_uuid},2026-10-02T10:00:00+00:00,UTC,,,,,no,,,\r\n"
    )
    with (
        pytest.raises(CsvError, match="already used by another person"),
        transaction(store.factory) as session,
    ):
        import_csv(session, person_by_handle(session, "alice"), io.StringIO(content))
    with transaction(store.factory) as session:
        assert len(list_episodes(session, person_by_handle(session, "alice"))) == len(AWKWARD)


def test_it_names_a_missing_column_as_an_empty_value() -> None:
    with pytest.raises(CsvError, match="row 2, column started_at: not a date and time"):
        read_csv(
            io.StringIO("record,uuid,zone\r\nepisode,0b5c7f36-5d4c-4c63-9a3c-2f0a6e1d2a11,UTC\r\n")
        )


texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    helped=texts,
    note=texts,
    seconds=st.integers(min_value=0, max_value=3 * 365 * 86400),
    micro=st.integers(min_value=0, max_value=999_999),
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "-03:30"]),
    duration=st.none() | st.floats(min_value=0, max_value=180, allow_nan=False),
)
def test_it_round_trips_any_text_instant_and_zone(
    helped: str, note: str, seconds: int, micro: int, zone: str, duration: float | None
) -> None:
    at = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds, microseconds=micro)
    entry = EpisodeEntry(started_at=at, zone=zone, helped=helped, note=note, duration_min=duration)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(episode_row(entry.checked()))
    records = read_csv(io.StringIO(buffer.getvalue(), newline=""))
    assert len(records) == 1
    assert records[0] == entry.checked()
