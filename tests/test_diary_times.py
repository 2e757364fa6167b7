"""Times are instants with the zone they were logged in; night and day are read on that clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.times import (
    is_night,
    local_day,
    parse_instant,
    system_zone_name,
    zone_from_name,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "zone", "instant", "kept"),
    [
        pytest.param("2026-07-01T22:15", "Europe/London", utc(2026, 7, 1, 21, 15), "Europe/London",
                     id="naive-summer-time"),
        pytest.param("2026-12-01T22:15", "Europe/London", utc(2026, 12, 1, 22, 15), "Europe/London",
                     id="naive-winter-time"),
        pytest.param("2026-10-25T01:30", "Europe/London", utc(2026, 10, 25, 0, 30), "Europe/London",
                     id="london-clocks-back-first-0130"),
        pytest.param("2026-10-25T01:30+00:00", "Europe/London", utc(2026, 10, 25, 1, 30),
                     "Europe/London", id="london-clocks-back-second-0130-by-offset"),
        pytest.param("2026-03-29T02:30+01:00", "Europe/London", utc(2026, 3, 29, 1, 30),
                     "Europe/London", id="london-after-clocks-forward"),
        pytest.param("2026-11-01T01:30", "America/New_York", utc(2026, 11, 1, 5, 30),
                     "America/New_York", id="new-york-clocks-back-first-0130"),
        pytest.param("2026-11-01T01:30-05:00", "America/New_York", utc(2026, 11, 1, 6, 30),
                     "America/New_York", id="new-york-clocks-back-second-0130"),
        pytest.param("2026-07-01T22:15+05:30", "Europe/London", utc(2026, 7, 1, 16, 45),
                     "Europe/London", id="an-offset-says-when-her-zone-which-day"),
        pytest.param("2026-06-01T23:00Z", "Europe/London", utc(2026, 6, 1, 23, 0),
                     "Europe/London", id="utc-offset-in-london-summer-keeps-london"),
        pytest.param("2026-06-01T23:00Z", "+02:00", utc(2026, 6, 1, 23, 0), "+02:00",
                     id="a-zone-given-for-travel-is-kept"),
        pytest.param("2026-07-01T22:15Z", "UTC", utc(2026, 7, 1, 22, 15), "UTC", id="zulu"),
    ],
)  # fmt: skip
def test_it_reads_a_time_as_an_instant_and_keeps_the_right_zone(
    text: str, zone: str, instant: datetime, kept: str
) -> None:
    assert parse_instant(text, zone) == (instant, kept)


@pytest.mark.parametrize(
    ("text", "zone"),
    [("2026-03-29T01:30", "Europe/London"), ("2026-03-08T02:30", "America/New_York")],
    ids=["london", "new-york"],
)
def test_it_refuses_a_local_time_that_never_happened_and_names_the_field(
    text: str, zone: str
) -> None:
    with pytest.raises(FieldError) as caught:
        parse_instant(text, zone)
    assert caught.value.field == "--at"
    assert "clocks went forward" in str(caught.value)
    shown = text[:11] + f"{int(text[11:13]) + 1:02d}" + text[13:]
    assert str(caught.value).endswith(f"type the time the clock showed (likely {shown})")


def test_it_reads_a_utc_time_typed_in_london_on_her_clock() -> None:
    # 23:00 UTC on 1 June is midnight in London: the next day, and night.
    instant, zone = parse_instant("2026-06-01T23:00Z", "Europe/London")
    assert (local_day(instant, zone), is_night(instant, zone)) == (date(2026, 6, 2), True)
    # Read on the offset instead, it would be 1 June at 23:00: the wrong day.
    assert local_day(instant, "+00:00") == date(2026, 6, 1)


@pytest.mark.parametrize("text", ["yesterday", "", "2026-02-30T10:00", "25/11/2026 10:00"])
def test_it_refuses_what_is_not_iso_8601(text: str) -> None:
    with pytest.raises(FieldError, match=r"^--at: not a date and time"):
        parse_instant(text, "UTC")


@pytest.mark.parametrize(
    ("instant", "zone", "night"),
    [
        pytest.param(utc(2026, 3, 29, 20, 30), "Europe/London", True,
                     id="london-2130-bst-after-clocks-forward-is-night"),
        pytest.param(utc(2026, 3, 29, 6, 30), "Europe/London", False,
                     id="london-0730-bst-after-clocks-forward-is-day"),
        pytest.param(utc(2026, 10, 25, 6, 30), "Europe/London", True,
                     id="london-0630-gmt-after-clocks-back-is-still-night"),
        pytest.param(utc(2026, 10, 24, 6, 30), "Europe/London", False,
                     id="london-0730-bst-the-day-before-is-day"),
        pytest.param(utc(2026, 10, 25, 5, 59), "Europe/London", True, id="london-0559-is-night"),
        pytest.param(utc(2026, 11, 1, 12, 30), "America/New_York", False, id="ny-0730-est-day"),
        pytest.param(utc(2026, 11, 1, 10, 30), "America/New_York", True, id="ny-0530-est-night"),
        pytest.param(utc(2026, 7, 1, 20, 59), "UTC", False, id="2059-is-day"),
        pytest.param(utc(2026, 7, 1, 21, 0), "UTC", True, id="2100-is-night"),
        pytest.param(utc(2026, 7, 1, 7, 0), "UTC", False, id="0700-is-day"),
    ],
)  # fmt: skip
def test_it_counts_night_on_the_local_clock(instant: datetime, zone: str, night: bool) -> None:
    assert is_night(instant, zone) is night


def test_it_keeps_the_local_day_of_the_zone_logged_in() -> None:
    late = utc(2026, 6, 30, 23, 30)
    assert local_day(late, "Europe/London") == date(2026, 7, 1)
    assert local_day(late, "America/New_York") == date(2026, 6, 30)


def test_it_reads_zone_names_and_offsets() -> None:
    assert zone_from_name("+05:30") == timezone(timedelta(hours=5, minutes=30))
    assert zone_from_name("-03:00") == timezone(-timedelta(hours=3))
    for bad in ("Mars/Base", "../etc/passwd", "", "+25:00"):
        with pytest.raises(FieldError):
            zone_from_name(bad)


def test_it_takes_the_zone_from_sd_tz_before_tz() -> None:
    assert system_zone_name({"SD_TZ": "Asia/Kolkata", "TZ": "Europe/Paris"}) == "Asia/Kolkata"
    assert system_zone_name({"TZ": ":Europe/Paris"}) == "Europe/Paris"
    with pytest.raises(FieldError, match=r"^SD_TZ: unknown time zone"):
        system_zone_name({"SD_TZ": "Nowhere/Special"})
