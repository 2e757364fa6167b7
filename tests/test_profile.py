"""The profile dates the pregnancy, keeps age band, allergies and diet, and saved assessments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conftest import Store
from symptom_decoder.diary.assessments import list_assessments, save_assessment
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import (
    Gestation,
    age_band,
    due_from_lmp,
    gestation_at,
    get_profile,
    lmp_from_due,
    profile_view,
    set_profile,
)
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

TODAY = date(2026, 7, 16)


@pytest.mark.parametrize(
    ("day", "expected", "trimester"),
    [
        (date(2026, 1, 1), Gestation(0, 0), 1),
        (date(2026, 4, 8), Gestation(13, 6), 1),
        (date(2026, 4, 9), Gestation(14, 0), 2),
        (date(2026, 7, 15), Gestation(27, 6), 2),
        (date(2026, 7, 16), Gestation(28, 0), 3),
        (date(2026, 10, 8), Gestation(40, 0), 3),
        (date(2026, 11, 11), Gestation(44, 6), 3),
    ],
    ids=["lmp", "end-of-first", "start-of-second", "end-of-second", "start-of-third", "due",
         "last-day-counted"],
)  # fmt: skip
def test_it_counts_completed_weeks_from_the_last_period(
    day: date, expected: Gestation, trimester: int
) -> None:
    age = gestation_at(date(2026, 1, 1), day)
    assert age == expected
    assert age is not None and age.trimester == trimester


def test_it_counts_nothing_before_the_last_period_or_after_44_weeks() -> None:
    assert gestation_at(date(2026, 1, 1), date(2025, 12, 31)) is None
    assert gestation_at(date(2026, 1, 1), date(2026, 11, 12)) is None


def test_it_puts_the_due_date_280_days_after_the_last_period() -> None:
    assert due_from_lmp(date(2026, 1, 1)) == date(2026, 10, 8)
    assert lmp_from_due(date(2026, 10, 8)) == date(2026, 1, 1)
    assert str(Gestation(28, 3)) == "28+3"


@pytest.mark.parametrize(
    ("given", "band"),
    [("14", "14-18"), ("18", "14-18"), ("19", "19-30"), ("30", "19-30"), ("31", "31-50"),
     ("50", "31-50"), ("19-30", "19-30"), ("31–50", "31-50")],
)  # fmt: skip
def test_it_puts_an_age_in_its_band(given: str, band: str) -> None:
    assert age_band(given) == band


@pytest.mark.parametrize("given", ["13", "51", "old", "20-25"])
def test_it_refuses_an_age_outside_the_bands_naming_the_field(given: str) -> None:
    with pytest.raises(FieldError, match="^age: "):
        age_band(given)


def test_it_saves_a_profile_and_changes_only_what_is_given(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        set_profile(
            session, alice, due_date=date(2026, 10, 8), age="27",
            allergies=["Peanut", "dairy", "peanut"], diets=["vegetarian"], today=TODAY,
        )  # fmt: skip
        set_profile(session, alice, age="31", today=TODAY)
    with transaction(store.factory) as session:
        view = profile_view(get_profile(session, person_by_handle(session, "alice")), TODAY)
    assert view == {
        "due_date": "2026-10-08", "lmp": "2026-01-01", "dated_by": "due_date",
        "gestation_today": "28+0", "gestational_week_today": 28, "trimester_today": 3,
        "age_band": "31-50", "allergies": ["dairy", "peanut"], "diets": ["vegetarian"],
    }  # fmt: skip


def test_it_keeps_profiles_apart(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        set_profile(session, alice, lmp=date(2026, 1, 1), today=TODAY)
        assert get_profile(session, person_by_handle(session, "bob")) is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"allergies": ["cats"]}, "allergy"),
        ({"diets": ["keto"]}, "diet"),
        ({"due_date": date(2020, 1, 1)}, "due_date"),
        ({"lmp": date(2027, 1, 1)}, "lmp"),
        ({"due_date": date(2026, 10, 8), "lmp": date(2026, 1, 1)}, "due_date"),
    ],
    ids=["allergy", "diet", "old-due-date", "future-lmp", "both-dates"],
)
def test_it_refuses_bad_profile_values_naming_the_field(
    store: Store, values: dict[str, object], field: str
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        with pytest.raises(FieldError) as caught:
            set_profile(session, alice, today=TODAY, **values)  # type: ignore[arg-type]
        assert caught.value.field == field


def test_it_saves_assessments_with_their_knowledge_version(store: Store) -> None:
    answers = {"gestational_week": 30, "cramps_per_week": 3}
    first = {"knowledge_version": "2026.11.1", "level": "self_care", "note": "ünïcødé"}
    second = {"knowledge_version": "2026.12.0", "level": "routine"}
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        save_assessment(session, alice, answers, first, now=datetime(2026, 11, 1, tzinfo=UTC))
        save_assessment(session, alice, answers, second, now=datetime(2026, 12, 1, tzinfo=UTC))
        with pytest.raises(FieldError, match="^knowledge_version:"):
            save_assessment(session, alice, answers, {"level": "routine"})
    with transaction(store.factory) as session:
        saved = list_assessments(session, person_by_handle(session, "alice"))
        assert [s.knowledge_version for s in saved] == ["2026.12.0", "2026.11.1"]
        assert saved[1].assessment == first and saved[1].answers == answers
        assert saved[1].created_at == datetime(2026, 11, 1, tzinfo=UTC)
        assert list_assessments(session, person_by_handle(session, "bob")) == []
