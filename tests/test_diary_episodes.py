"""Episodes and day context: logged, edited and deleted for one person, checked field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from conftest import Store
from symptom_decoder.diary.days import DayEntry, delete_day, list_days, set_day, supplements_of
from symptom_decoder.diary.episodes import (
    EpisodeEntry,
    delete_episode,
    edit_episode,
    list_episodes,
    log_episode,
    quick_entry,
)
from symptom_decoder.diary.errors import FieldError, NotFound
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

NIGHT = datetime(2026, 5, 1, 23, 40, tzinfo=UTC)


def test_it_logs_a_quick_cramp_with_nothing_but_now(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        episode, created = log_episode(session, alice, quick_entry(NIGHT, "Europe/London"))
        assert created
        assert (episode.leg, episode.muscle, episode.severity, episode.woke) == (
            None, None, None, False,
        )  # fmt: skip


def test_it_logs_every_field_of_an_episode(store: Store) -> None:
    entry = EpisodeEntry(
        started_at=NIGHT, zone="Europe/London", leg="Left", muscle="calf", duration_min=2.5,
        severity=7, woke=True, helped="flexing the foot", note="after a long shift",
    )  # fmt: skip
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        log_episode(session, alice, entry)
    with transaction(store.factory) as session:
        (episode,) = list_episodes(session, person_by_handle(session, "alice"))
        assert episode.leg == "left"
        assert (episode.duration_min, episode.severity, episode.woke) == (2.5, 7, True)
        assert (episode.helped, episode.note) == ("flexing the foot", "after a long shift")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"severity": 11}, "severity"),
        ({"severity": -1}, "severity"),
        ({"severity": True}, "severity"),
        ({"leg": "middle"}, "leg"),
        ({"muscle": "back"}, "muscle"),
        ({"duration_min": -1.0}, "duration_min"),
        ({"duration_min": float("nan")}, "duration_min"),
        ({"duration_min": 500.0}, "duration_min"),
        ({"note": "a\x00b"}, "note"),
        ({"helped": "x" * 2001}, "helped"),
        ({"zone": "Nowhere/Special"}, "zone"),
        ({"uuid": "not-a-uuid"}, "uuid"),
        ({"started_at": datetime(2026, 5, 1, 23, 40)}, "started_at"),
    ],
    ids=lambda value: str(value)[:30] if isinstance(value, dict) else str(value),
)
def test_it_refuses_a_bad_value_naming_its_field(change: dict[str, Any], field: str) -> None:
    base: dict[str, Any] = {"started_at": NIGHT, "zone": "UTC"}
    with pytest.raises(FieldError) as caught:
        EpisodeEntry(**(base | change)).checked()
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_it_edits_only_what_is_given_and_checks_the_result(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        episode, _ = log_episode(
            session, alice, EpisodeEntry(started_at=NIGHT, zone="UTC", severity=3)
        )
        edit_episode(session, alice, episode.id, {"severity": 6, "note": "worse than I thought"})
        with pytest.raises(FieldError, match="^severity:"):
            edit_episode(session, alice, episode.id, {"severity": 60})
        with pytest.raises(FieldError, match="^uuid: cannot be changed"):
            edit_episode(session, alice, episode.id, {"uuid": "x"})
        (stored,) = list_episodes(session, alice)
        assert (stored.severity, stored.note, stored.started_at) == (
            6,
            "worse than I thought",
            NIGHT,
        )


def test_it_lets_nobody_edit_or_delete_another_persons_episode(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        bob = person_by_handle(session, "bob")
        episode, _ = log_episode(session, alice, quick_entry(NIGHT, "UTC"))
        with pytest.raises(NotFound):
            edit_episode(session, bob, episode.id, {"severity": 1})
        with pytest.raises(NotFound):
            delete_episode(session, bob, episode.id)
        with pytest.raises(FieldError, match="^uuid: is already used"):
            log_episode(session, bob, EpisodeEntry(started_at=NIGHT, zone="UTC", uuid=episode.uuid))
        assert len(list_episodes(session, alice)) == 1


def test_it_deletes_an_episode(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        episode, _ = log_episode(session, alice, quick_entry(NIGHT, "UTC"))
        delete_episode(session, alice, episode.id)
        assert list_episodes(session, alice) == []
        with pytest.raises(NotFound):
            delete_episode(session, alice, episode.id)


def test_it_lists_episodes_in_time_order_within_a_span(store: Store) -> None:
    times = [datetime(2026, 5, day, 22, tzinfo=UTC) for day in (3, 1, 2)]
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        for at in times:
            log_episode(session, alice, quick_entry(at, "UTC"))
        assert [e.started_at.day for e in list_episodes(session, alice)] == [1, 2, 3]
        span = list_episodes(session, alice, since=times[2], until=times[0])
        assert [e.started_at.day for e in span] == [2]


def test_it_keeps_a_days_context_and_merges_later_updates(store: Store) -> None:
    day = date(2026, 5, 1)
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        set_day(session, alice, DayEntry(day=day, fluids_ml=1800, supplements=("magnesium",)))
        set_day(session, alice, DayEntry(day=day, stretching_min=10, hours_standing=6.5))
        (row,) = list_days(session, alice)
        assert (row.fluids_ml, row.stretching_min, row.hours_standing) == (1800, 10, 6.5)
        assert supplements_of(row) == ("magnesium",)
        assert list_days(session, person_by_handle(session, "bob")) == []
        with pytest.raises(FieldError, match="^hours_standing:"):
            set_day(session, alice, DayEntry(day=day, hours_standing=25))
        with pytest.raises(FieldError, match="^supplement:"):
            set_day(session, alice, DayEntry(day=day, supplements=("iron, folate",)))
        delete_day(session, alice, day)
        assert list_days(session, alice) == []
