"""Times in her words: the diary says "Tonight, 03:10", not an ISO timestamp."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from symptom_decoder.diary.spoken import when_said


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("cramp", "now", "said"), [
    pytest.param("2026-11-21 03:10", "2026-11-21 03:40", "Tonight, 03:10", id="half an hour ago"),
    pytest.param("2026-11-20 23:40", "2026-11-21 03:40", "Tonight, 23:40",
                 id="before midnight, still the same night"),
    pytest.param("2026-11-21 03:10", "2026-11-21 08:15", "Last night, 03:10",
                 id="the morning after"),
    pytest.param("2026-11-21 03:10", "2026-11-21 20:00", "Last night, 03:10",
                 id="that evening"),
    pytest.param("2026-11-21 03:10", "2026-11-21 22:00", "Today, 03:10",
                 id="the next night"),
    pytest.param("2026-11-19 23:00", "2026-11-21 03:40", "Thursday, 23:00",
                 id="the night before, seen at night"),
    pytest.param("2026-11-21 14:20", "2026-11-21 18:00", "Today, 14:20", id="in the day"),
    pytest.param("2026-11-20 14:20", "2026-11-21 09:00", "Yesterday, 14:20", id="yesterday"),
    pytest.param("2026-11-20 23:40", "2026-11-22 09:00", "Friday, 23:40", id="this week"),
    pytest.param("2026-11-02 23:40", "2026-11-22 09:00", "Mon 2 Nov, 23:40", id="this year"),
    pytest.param("2025-12-30 23:40", "2026-11-22 09:00", "30 Dec 2025, 23:40", id="last year"),
])
def test_it_says_when_a_cramp_happened_as_she_would(cramp: str, now: str, said: str) -> None:
    assert when_said(_at(cramp), "UTC", now=_at(now)) == said


def test_it_reads_the_clock_in_the_zone_the_cramp_was_logged_in() -> None:
    # 02:10 UTC is 21:10 the evening before in New York.
    said = when_said(_at("2026-11-21 02:10"), "America/New_York", now=_at("2026-11-21 13:00"))
    assert said == "Last night, 21:10"
