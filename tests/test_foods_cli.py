from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import Store
from foods_data import FDC_FIXTURE, sr28_path  # noqa: F401
from symptom_decoder.cli import app
from symptom_decoder.knowledge import load_pack
from symptom_decoder.settings import get_settings

PACK = load_pack()

runner = CliRunner()


@pytest.fixture
def foods(sr28_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.setenv("SD_FOOD_DB", str(sr28_path))
    get_settings.cache_clear()
    return sr28_path


@pytest.fixture
def on_store(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Run the commands against the parametrised database (SQLite, PostgreSQL)."""
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_settings.cache_clear()
    return store


def _json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_it_explains_how_to_get_food_data_when_there_is_none(isolated_data_dir: Path) -> None:
    result = runner.invoke(app, ["foods", "search", "spinach"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"No food data yet (looked for {isolated_data_dir / 'foods.sqlite3'})" in result.stderr
    assert "symptom-decoder foods import PATH" in result.stderr


def test_it_imports_into_the_data_directory(isolated_data_dir: Path) -> None:
    result = runner.invoke(app, ["foods", "import", str(FDC_FIXTURE)])
    assert result.exit_code == 0, result.output
    assert (isolated_data_dir / "foods.sqlite3").is_file()
    assert "Imported 4 foods" in result.stderr


def test_it_reports_a_bad_import_path_in_one_line(isolated_data_dir: Path) -> None:
    result = runner.invoke(app, ["foods", "import", str(isolated_data_dir / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("foods")
def test_it_searches_with_stable_json_keys() -> None:
    results = _json("foods", "search", "pumkin", "seeds")
    assert isinstance(results, list)
    best = results[0]
    assert best["id"] == 12014
    assert best["description"] == "Seeds, pumpkin and squash seed kernels, dried"
    assert {"label": "1 cup", "grams": 129.0} in best["portions"]
    assert all(set(p) == {"label", "grams"} for p in best["portions"])


@pytest.mark.usefixtures("foods")
def test_it_shows_one_food_by_ndb_or_fdc_id() -> None:
    by_fdc = _json("foods", "show", "168462")
    assert isinstance(by_fdc, dict)
    assert by_fdc["id"] == 11457
    assert by_fdc["nutrients_per_100_g"]["magnesium_mg"] == 79.0
    assert runner.invoke(app, ["foods", "show", "99"]).exit_code == 2


@pytest.mark.usefixtures("foods", "on_store")
def test_it_logs_a_day_and_prints_totals_with_stable_keys() -> None:
    for entry in ["30 g pumpkin seeds", "1 cup cooked spinach"]:
        result = runner.invoke(app, ["log", "add", entry, "--date", "2026-11-20"])
        assert result.exit_code == 0, result.output
    day = _json("log", "day", "2026-11-20")
    assert isinstance(day, dict)
    assert set(day["totals"]) == {"magnesium_mg", "calcium_mg", "iron_mg", "potassium_mg",
                                  "sodium_mg", "water_g", "vitamin_d_iu", "caffeine_mg",
                                  "energy_kcal"}
    assert day["totals"]["magnesium_mg"] == pytest.approx(177.6 + 156.6)
    assert day["completeness"]["magnesium_mg"] == {"known": 2, "entries": 2}
    magnesium = next(r for r in day["reference"] if r["nutrient"] == "magnesium_mg")
    assert magnesium["references"] == ["R10", "R11", "R12"]
    answers = runner.invoke(app, ["log", "answers", "--date", "2026-11-20"])
    intake = json.loads(answers.stdout)["intake"]
    assert intake["dietary_magnesium_mg_per_day"] == 334.2
    empty = _json("log", "day", "2026-11-21")
    assert isinstance(empty, dict)
    assert empty["totals"]["magnesium_mg"] is None


@pytest.mark.usefixtures("foods", "on_store")
def test_today_is_her_day_on_her_clock_not_the_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    # 22:30 UTC on 20 November is already 21 November at 12:30 in Kiritimati (UTC+14).
    monkeypatch.setattr("symptom_decoder.cli._common.now",
                        lambda: datetime(2026, 11, 20, 22, 30, tzinfo=UTC))
    monkeypatch.setenv("SD_TZ", "Pacific/Kiritimati")
    assert runner.invoke(app, ["log", "add", "30 g pumpkin seeds"]).exit_code == 0
    day = _json("log", "day", "2026-11-21")
    assert isinstance(day, dict) and len(day["entries"]) == 1
    assert _json("log", "day")["entries"] == day["entries"]  # type: ignore[index]


@pytest.mark.usefixtures("foods")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["log", "add", "spinach"], "How much 'spinach'?", id="no-amount"),
        pytest.param(["log", "add", "2 slices bread"], "could mean several foods", id="ambiguous"),
        pytest.param(["log", "add", "1 cup spinach", "--date", "yesterday"], "date: use YYYY",
                     id="bad-date"),
        pytest.param(["diet", "suggest", "--exclude", "meat"], "Unknown exclusion: meat",
                     id="bad-exclusion"),
        pytest.param(["supplements", "add", "x", "--kind", "magnesium", "--magnesium-mg", "-5"],
                     "--magnesium-mg: must be at least 0", id="bad-supplement"),
    ],
)
def test_it_reports_bad_input_in_plain_words_with_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("foods")
def test_it_suggests_foods_with_stable_json_keys() -> None:
    found = _json("diet", "suggest", "--exclude", "nut,peanut", "--exclude", "dairy")
    assert isinstance(found, list) and found
    assert all({"id", "description", "grams", "magnesium_mg"} <= set(s) for s in found)
    assert all(s["for"] == "magnesium" for s in found)


@pytest.mark.usefixtures("foods", "on_store")
def test_it_checks_the_supplement_stack() -> None:
    runner.invoke(app, ["supplements", "add", "Magnesium glycinate", "--kind", "magnesium",
                        "--magnesium-mg", "200", "--per-day", "2"])
    listed = _json("supplements", "list")
    assert listed == [{"item": 1, "kind": "magnesium", "name": "Magnesium glycinate",
                       "units_per_day": 2.0, "magnesium_mg": 200.0}]
    checked = _json("supplements", "check", "--age", "25")
    assert isinstance(checked, dict)
    magnesium = checked["totals"][0]
    assert (magnesium["key"], magnesium["counted"], magnesium["over"]) == (
        "magnesium_mg", 400.0, True)
    assert [w["id"] for w in checked["warnings"]] == ["magnesium_supplement_above_ul"]


def test_it_documents_every_diet_command() -> None:
    import typer.main

    docs = (Path(__file__).resolve().parents[1] / "docs" / "diet.md").read_text()
    group: Any = typer.main.get_command(app)
    for name in ("foods", "log", "supplements", "diet"):
        for command in group.commands[name].commands:
            assert f"{name} {command}" in docs or f"`{command}" in docs, f"{name} {command}"


@pytest.mark.usefixtures("foods")
def test_it_feeds_the_logged_magnesium_into_the_assessment() -> None:
    from symptom_decoder.answers import parse_answers
    from symptom_decoder.engine import assess

    runner.invoke(app, ["log", "add", "1 cup cooked spinach", "--date", "2026-11-20"])
    printed = runner.invoke(app, ["log", "answers", "--date", "2026-11-20"])
    answers = parse_answers(printed.stdout)
    assert answers == {"intake": {"dietary_magnesium_mg_per_day": 156.6,
                                  "dietary_calcium_mg_per_day": 244.8,
                                  "dietary_iron_mg_per_day": 6.4,
                                  "caffeine_mg_per_day": 0.0}}
    magnesium = next(f for f in assess(answers, PACK).factors if f.id == "magnesium")
    used = {path for reason in magnesium.reasons for path in reason.answers}
    assert "intake.dietary_magnesium_mg_per_day" in used
