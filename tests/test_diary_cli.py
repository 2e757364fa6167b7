"""The diary and profile commands as a person uses them: plain lines, stable JSON, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import Store
from diary_support import diary_csv
from symptom_decoder.cli import app
from symptom_decoder.settings import get_settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SD_TZ", "Europe/London")


def sd(*args: str) -> Result:
    get_settings.cache_clear()
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    result = sd(*args)
    assert result.exit_code == 0, result.stderr or result.output
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--format", "json"))


@pytest.fixture
def on_store(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Run the CLI against the parametrised database through DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", store.url)
    return store


def test_it_logs_a_cramp_now_with_no_options_into_sd_data_dir(isolated_data_dir: Path) -> None:
    assert ok("diary", "log").startswith("Logged: ")
    assert (isolated_data_dir / "symptom-decoder.sqlite3").is_file()
    (episode,) = as_json("diary", "list")
    assert (episode["leg"], episode["muscle"], episode["severity"]) == (None, None, None)


def test_it_lists_episodes_as_json_with_stable_keys(on_store: Store) -> None:
    ok("diary", "log", "--at", "2026-10-25T01:30", "--leg", "left", "--muscle", "calf",
       "--severity", "7", "--duration-min", "2.5", "--woke", "--helped", "walking, then heat",
       "--note", 'line one\nsaid "ouch"',
       "--uuid", "0b5c7f36-5d4c-4c63-9a3c-2f0a6e1d2a11")  # fmt: skip
    ok("diary", "log", "--at", "2026-10-25T01:30+00:00", "--leg", "right")
    first, second = as_json("diary", "list")
    assert first == {
        "id": first["id"], "uuid": "0b5c7f36-5d4c-4c63-9a3c-2f0a6e1d2a11",
        "started_at": "2026-10-25T01:30:00+01:00", "zone": "Europe/London",
        "local_day": "2026-10-25", "night": True, "leg": "left", "muscle": "calf",
        "severity": 7, "duration_min": 2.5, "woke": True, "helped": "walking, then heat",
        "note": 'line one\nsaid "ouch"',
    }  # fmt: skip
    assert second["started_at"] == "2026-10-25T01:30:00+00:00"
    assert second["zone"] == "Europe/London"


def test_it_logs_a_retried_uuid_once(on_store: Store) -> None:
    uuid = "5e0f0c1e-6a4b-4f8e-8d8c-0d3c1e2b3a44"
    ok("diary", "log", "--uuid", uuid)
    assert ok("diary", "log", "--uuid", uuid).startswith("Already in your diary: ")
    assert len(as_json("diary", "list")) == 1


def test_it_edits_and_deletes_an_episode(on_store: Store) -> None:
    ok("diary", "log", "--at", "2026-05-01T23:00", "--severity", "3", "--woke")
    (episode,) = as_json("diary", "list")
    ok("diary", "edit", str(episode["id"]), "--severity", "5", "--no-woke", "--muscle", "foot")
    (edited,) = as_json("diary", "list")
    assert (edited["severity"], edited["woke"], edited["muscle"]) == (5, False, "foot")
    assert edited["started_at"] == episode["started_at"]
    ok("diary", "delete", str(episode["id"]))
    assert as_json("diary", "list") == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["diary", "log", "--severity", "11"],
         "--severity: must be a whole number from 0 to 10 (got 11)"),
        (["diary", "log", "--severity", "bad"], "--severity: not a whole number (got 'bad')"),
        (["diary", "log", "--leg", "middle"],
         "--leg: must be one of left, right, both (got 'middle')"),
        (["diary", "log", "--muscle", "back"],
         "--muscle: must be one of calf, foot, thigh, other (got 'back')"),
        (["diary", "log", "--duration-min", "-1"],
         "--duration-min: must be a number from 0 to 180 minutes (got -1.0)"),
        (["diary", "log", "--at", "last night"], "--at: not a date and time (got 'last night')"),
        (["diary", "log", "--at", "2026-03-29T01:30"],
         "--at: 2026-03-29T01:30 did not happen in Europe/London"),
        # The message names the option typed, not the field behind it (--started-at, --day).
        (["diary", "log", "--at", "1999-01-01T02:00"],
         "--at: must be between 2000-01-01 and a day from now (got 1999-01-01)"),
        (["diary", "day", "--date", "1999-01-01", "--none"],
         "--date: must be between 2000-01-01 and a day from now (got 1999-01-01)"),
        (["diary", "edit", "999", "--severity", "2"], "episode 999: there is no such episode"),
        (["diary", "delete", "999"], "episode 999: there is no such episode"),
        (["diary", "delete", "abc"], "ID: not a whole number (got 'abc')"),
        (["diary", "export", "--out", "/proc/no/d.csv"], "--out: cannot write /proc/no/d.csv"),
        (["diary", "compare", "--change", "someday"], "--change: not a date (got 'someday')"),
        (["diary", "compare", "--change", "2026-06-01", "--from", "2026-06-10", "--to",
          "2026-06-01"], "--to: must not be before 2026-06-10 (got 2026-06-01)"),
        (["diary", "log", "--zone", "Mars/Base"], "--zone: unknown time zone 'Mars/Base'"),
        (["diary", "stats", "--from", "2026-05-10", "--to", "2026-05-01"],
         "--to: must not be before 2026-05-10"),
        (["diary", "chart", "--out", "chart.jpg"], "--out: must end in .png or .svg"),
        (["diary", "day", "--hours-standing", "30"],
         "--hours-standing: must be a number from 0 to 24 hours (got 30.0)"),
        (["diary", "import", "no-such-file.csv"], "FILE: cannot read no-such-file.csv"),
        (["profile", "set", "--age", "12"], "--age: the advice here covers ages 14 to 50"),
        (["profile", "set", "--allergy", "cats"], "--allergy: must be one of nut, peanut"),
        (["profile", "set", "--due-date", "2020-01-01"], "--due-date: must be within the next"),
    ],
    ids=lambda value: "-".join(value[1:3]) if isinstance(value, list) else None,
)  # fmt: skip
def test_it_refuses_bad_input_with_one_line_naming_the_field(args: list[str], line: str) -> None:
    result = sd(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(line)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_it_names_a_bad_time_zone_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SD_TZ", "Mars/Base")
    result = sd("diary", "log")
    assert (result.exit_code, result.stderr.split(":")[0]) == (2, "SD_TZ")


def test_it_says_which_setting_to_check_when_the_database_is_unreachable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = sd("diary", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("database: could not use the database that keeps your data")
    assert result.stderr.rstrip().endswith("check DATABASE_URL")


def _month_of_cramps() -> None:
    for day in range(1, 29):
        if day % 2:
            ok("diary", "log", "--at", f"2026-05-{day:02d}T23:30", "--severity", str(day % 10))
        if day % 4 == 0:
            ok("diary", "log", "--at", f"2026-06-{day:02d}T14:00", "--severity", "2")


def _diary_csv(path: Path, *, start: date, weeks: list[int], change_after: int,
               stop_after: int | None = None) -> Path:
    text = diary_csv(start=start, weeks=weeks, change_after=change_after, stop_after=stop_after)
    path.write_text(text, encoding="utf-8")
    return path


def test_it_compares_before_and_after_a_change_as_json(on_store: Store, tmp_path: Path) -> None:
    # Five weeks before (18 cramps) and five after (3); the change on Monday 1 June.
    ok("diary", "import", str(_diary_csv(tmp_path / "d.csv", start=date(2026, 4, 27),
                                         weeks=[6, 2, 5, 1, 4, 1, 0, 1, 0, 1], change_after=5)))
    ok("profile", "set", "--due-date", "2026-11-20")
    result = as_json("diary", "compare", "--change", "2026-06-01")
    assert set(result) == {
        "change", "before", "after", "rate_ratio", "ci95", "method", "method_text", "dispersion",
        "degrees_of_freedom", "verdict", "sentence", "left_out", "cautions",
    }  # fmt: skip
    assert result["before"] == {
        "first_day": "2026-04-27", "last_day": "2026-05-31", "days": 35, "left_out_days": 0,
        "logged_weeks": 5, "episodes": 18, "per_week": 3.6, "weekly_counts": [6, 2, 5, 1, 4],
        "gestational_weeks": [10, 15], "marked_days": 35,
    }  # fmt: skip
    assert (result["after"]["first_day"], result["after"]["days"]) == ("2026-06-02", 35)
    assert result["after"]["weekly_counts"] == [1, 0, 1, 0, 1]
    assert result["method"] == "exact"  # fewer than 5 cramps after
    assert result["rate_ratio"] == pytest.approx((3 / 35) / (18 / 35), rel=1e-3)
    low, high = result["ci95"]
    assert low < result["rate_ratio"] < high < 1
    assert result["verdict"] == "fewer"
    assert [c["id"] for c in result["cautions"]] == ["few_episodes", "bad_spells", "not_proof"]
    text = ok("diary", "compare", "--change", "2026-06-01")
    assert result["sentence"] in text.replace("\n", " ") or result["sentence"][:60] in text
    assert "that day itself is in neither" in text
    assert "  How: exact counting" in text


def test_it_says_too_early_when_logging_stopped_after_ten_days(
    on_store: Store, tmp_path: Path
) -> None:
    # 15 cramps in 28 days, the change, 6 in the next 10 days, then nothing logged: the
    # days nobody logged are not days without cramps.
    ok("diary", "import", str(_diary_csv(tmp_path / "d.csv", start=date(2026, 5, 4),
                                         weeks=[4, 3, 4, 4, 3, 7, 7], change_after=4,
                                         stop_after=38)))
    result = as_json("diary", "compare", "--change", "2026-06-01")
    assert (result["before"]["days"], result["before"]["episodes"]) == (28, 15)
    assert (result["after"]["days"], result["after"]["episodes"]) == (10, 6)
    assert (result["verdict"], result["rate_ratio"], result["ci95"]) == ("too_early", None, None)
    assert result["sentence"].startswith("Too early to tell: you have 4 weeks of diary before")
    later = as_json("diary", "compare", "--change", "2026-06-01", "--to", "2026-07-31")
    assert later["after"]["days"] == 10
    assert [g["first_day"] for g in later["left_out"]] == ["2026-06-12"]
    assert "unlogged_days" in [c["id"] for c in later["cautions"]]
    text = ok("diary", "compare", "--change", "2026-06-01", "--to", "2026-07-31")
    assert "symptom-decoder diary day --none" in text  # the terminal's way to mark a quiet day


def test_it_shows_stats_as_text_and_json(on_store: Store) -> None:
    _month_of_cramps()
    stats = as_json("diary", "stats", "--to", "2026-06-28")
    # 28 May to 3 June has no entry at all: seven days the diary cannot speak for.
    assert (stats["days"], stats["episodes"], stats["night"], stats["day"]) == (52, 21, 14, 7)
    assert stats["left_out"] == [{"first_day": "2026-05-28", "last_day": "2026-06-03", "days": 7}]
    assert stats["by_gestational_week"] == []
    assert set(stats["weeks"][0]) == {
        "week_start", "gestational_week", "days", "episodes", "night", "day", "mean_severity",
    }  # fmt: skip
    text = ok("diary", "stats", "--to", "2026-06-28")
    assert "(52 days counted): 21 episodes" in text
    assert "- Nothing was logged from 28 May 2026 to 3 June 2026 (7 days)." in text


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_it_draws_a_chart_by_file_extension(tmp_path: Path, theme: str, suffix: str) -> None:
    _month_of_cramps()
    out = tmp_path / f"chart{suffix}"
    ok("diary", "chart", "--out", str(out), "--theme", theme, "--change", "2026-06-01")
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data and b"Leg cramps per week" in data
        assert b"<dc:date>" not in data


def test_it_exports_and_imports_through_files(on_store: Store, tmp_path: Path) -> None:
    _month_of_cramps()
    ok("diary", "day", "--date", "2026-05-02", "--fluids-ml", "2000", "--supplement", "magnesium")
    exported = ok("diary", "export")
    out = tmp_path / "diary.csv"
    ok("diary", "export", "--out", str(out))
    assert out.read_text(encoding="utf-8") == exported
    assert "episodes 0 new, 0 updated, 21 already there; days 1." in ok("diary", "import", str(out))
    broken = tmp_path / "broken.csv"
    broken.write_text(exported.replace(",no,", ",maybe,", 1), encoding="utf-8")
    result = sd("diary", "import", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith("row 2, column woke: must be yes or no (got 'maybe')")
    assert ok("diary", "export") == exported


def test_it_sets_and_shows_the_profile(on_store: Store) -> None:
    ok("profile", "set", "--lmp", "2026-01-01", "--age", "19-30", "--allergy", "egg",
       "--diet", "vegan")  # fmt: skip
    view = as_json("profile", "show")
    assert (view["due_date"], view["age_band"], view["allergies"], view["diets"]) == (
        "2026-10-08", "19-30", ["egg"], ["vegan"],
    )  # fmt: skip
    assert "Due date: 2026-10-08" in ok("profile", "show")


def test_it_starts_help_without_loading_the_database_or_charts() -> None:
    code = (
        "import sys; from symptom_decoder.cli import app; "
        "print(sorted(m for m in ('sqlalchemy', 'matplotlib', 'alembic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_it_keeps_her_zone_for_a_time_typed_with_an_offset(on_store: Store) -> None:
    ok("diary", "log", "--at", "2026-06-01T23:00Z")
    ok("diary", "log", "--at", "2026-06-01T23:00Z", "--zone", "America/New_York")
    home, away = as_json("diary", "list")
    assert (home["zone"], home["local_day"], home["night"]) == ("Europe/London", "2026-06-02", True)
    assert home["started_at"] == "2026-06-02T00:00:00+01:00"
    assert (away["zone"], away["local_day"], away["night"]) == (
        "America/New_York", "2026-06-01", False)


def test_it_marks_a_day_without_cramps_once(on_store: Store) -> None:
    assert ok("diary", "day", "--date", "2026-05-02", "--none").startswith(
        "Saved 2026-05-02: no cramps,")
    ok("diary", "day", "--date", "2026-05-02", "--none")
    ok("diary", "day", "--date", "2026-05-02", "--fluids-ml", "1500")
    exported = ok("diary", "export")
    assert exported.splitlines()[1:] == ["day,,,,,,,,,,,2026-05-02,1500,,,,yes"]
    ok("diary", "log", "--at", "2026-05-02T23:10")
    note = ok("diary", "day", "--date", "2026-05-02", "--none")
    assert "Note: 1 cramp is logged on 2026-05-02; it still counts." in note
    assert ok("diary", "day", "--date", "2026-05-02", "--not-none").startswith(
        "Saved 2026-05-02: cramps not ruled out, fluids 1500 ml")


def test_taking_back_no_cramps_on_an_empty_day_unlogs_it(on_store: Store) -> None:
    """A day marked "no cramps" by mistake and taken back holds nothing: it must not go on
    counting as a logged quiet day in the stats."""
    for day in ("2026-05-01", "2026-05-05"):
        ok("diary", "log", "--at", f"{day}T02:00")

    def days_counted() -> int:
        stats = ok("diary", "stats", "--from", "2026-05-01", "--to", "2026-05-20",
                   "--format", "json")
        return int(json.loads(stats)["days"])

    assert days_counted() == 5  # 1 to 5 May; the 15 days after are a gap
    ok("diary", "day", "--date", "2026-05-11", "--none")
    assert days_counted() == 11  # the quiet day closes a 5-day run, which counts
    ok("diary", "day", "--date", "2026-05-11", "--not-none")
    assert "2026-05-11" not in ok("diary", "export")
    assert days_counted() == 5
