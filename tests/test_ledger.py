"""The ledger uses everything it knows: food vitamin D, the profile's age band, diet and stage,
and blank amounts that are never counted as zero."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import Store
from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.cli import app
from symptom_decoder.diary.profile import set_profile
from symptom_decoder.diet.foodlog import add_entry, resolve
from symptom_decoder.diet.ledger import check_stack, will_count
from symptom_decoder.diet.personal import personal
from symptom_decoder.diet.stack import add_item
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.knowledge import load_pack
from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

TODAY = date(2026, 11, 20)
PACK = load_pack()


def _row(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for r in document["totals"] if r["key"] == key)


def test_food_vitamin_d_counts_toward_the_vitamin_d_limit(
    store: Store, catalog: Catalog  # noqa: F811
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        add_item(session, person_id=alice.id, kind="vitamin_d", name="D 4000",
                 amounts={"vitamin_d_iu": 4000})
        who = personal(session, alice, today=TODAY)
        before = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY, who=who)
        assert not _row(before.document(), "vitamin_d_iu")["over"]
        assert before.check.warnings == []
        add_entry(session, person_id=alice.id, day=TODAY, text="3 cups whole milk",
                  resolved=resolve(catalog, "3 cups whole milk"))
        after = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY, who=who)
    row = _row(after.document(), "vitamin_d_iu")
    assert row["food"] == pytest.approx(3 * 244 * 0.51, rel=0.01)
    assert row["counted"] == pytest.approx(4000 + row["food"])
    assert row["over"]
    [warning] = after.check.warnings
    assert warning["id"] == "vitamin_d_total_above_ul"
    assert "food you logged" in warning["text"]
    assert "4,373 units of vitamin D" in warning["text"]


def test_food_magnesium_never_counts_toward_the_supplement_magnesium_limit(
    store: Store, catalog: Catalog  # noqa: F811
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        add_item(session, person_id=alice.id, kind="magnesium", name="Mag 300",
                 amounts={"magnesium_mg": 300})
        add_entry(session, person_id=alice.id, day=TODAY, text="60 g pumpkin seeds",
                  resolved=resolve(catalog, "60 g pumpkin seeds"))
        found = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY,
                            who=personal(session, alice, today=TODAY))
    row = _row(found.document(), "magnesium_mg")
    assert (row["counted"], row["over"], row["food"]) == (300, False, None)


def test_the_profiles_age_band_and_stage_feed_the_ledger(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        set_profile(session, alice, age="16", due_date=date(2027, 3, 1), allergies=["nut"],
                    diets=["vegan"], today=TODAY)
        add_item(session, person_id=alice.id, kind="calcium", name="Ca 600", units_per_day=4,
                 amounts={"calcium_mg": 600})
        who = personal(session, alice, today=TODAY)
        assert (who.age_years, who.age_band) == (14, "14-18")
        assert who.exclusions == ("nut", "vegan")
        assert who.gestational_week == 25
        teen = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY, who=who)
        adult = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY,
                            who=personal(session, alice, today=TODAY, age=30))
        ignored = personal(session, alice, today=TODAY, ignore_profile=True)
    assert _row(teen.document(), "calcium_mg")["upper_limit"] == 3000
    assert _row(adult.document(), "calcium_mg")["upper_limit"] == 2500
    assert teen.document()["profile"]["gestational_week"] == 25
    assert (ignored.age_years, ignored.exclusions, ignored.gestational_week) == (None, (), None)


def test_a_blank_amount_is_estimated_by_name_or_called_unknown_never_zero(
    store: Store,
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        add_item(session, person_id=alice.id, kind="calcium_antacid", name="Tums",
                 units_per_day=2, amounts={})
        add_item(session, person_id=alice.id, kind="magnesium", name="Mag", amounts={})
        found = check_stack(session, person_id=alice.id, pack=PACK, today=TODAY,
                            who=personal(session, alice, today=TODAY))
    document = found.document()
    assert _row(document, "calcium_mg")["supplements"] == 600
    assert _row(document, "calcium_mg")["estimated"]
    [estimate] = document["estimates"]
    assert "For Tums the calcium per tablet was left blank, so 300 milligrams" in estimate["text"]
    assert _row(document, "magnesium_mg")["unknown"]
    [unknown] = document["unknown"]
    assert (unknown["name"], unknown["nutrient"]) == ("Mag", "magnesium_mg")
    assert "no usual figure" in unknown["text"]


def test_adding_a_product_without_an_amount_says_what_will_be_counted() -> None:
    said = will_count(PACK, kind="calcium_antacid", name="Tums", units=3, amounts={})
    assert said == ["For Tums the calcium per tablet was left blank, so 300 milligrams a tablet "
                    "is counted (3 a day, about 900 milligrams). Tablets hold 200 to 400 "
                    "milligrams; the label says which."]
    assert will_count(PACK, kind="calcium_antacid", name="Tums", units=3,
                      amounts={"calcium_mg": 400}) == []
    [unknown] = will_count(PACK, kind="iron", name="Ferrous", units=1, amounts={})
    assert "For Ferrous the iron per tablet was left blank" in unknown


def test_every_kind_the_ledger_expects_is_a_kind_of_the_contract() -> None:
    from symptom_decoder.answers import answers_schema

    kinds = answers_schema()["properties"]["supplements"]["items"]["properties"]["kind"]["enum"]
    assert PACK.manifest.ledger is not None
    assert set(PACK.manifest.ledger.expected) <= set(kinds)


runner = CliRunner()


@pytest.fixture
def cli(sr28_path: Path, isolated_data_dir: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SD_FOOD_DB", str(sr28_path))
    get_settings.cache_clear()
    return runner


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_command_line_reads_the_saved_age_band_by_default(cli: CliRunner) -> None:
    _ok("profile", "set", "--age", "16")
    _ok("supplements", "add", "Calcium 600", "--kind", "calcium", "--calcium-mg", "600",
        "--per-day", "2")
    added = _ok("supplements", "add", "Tums", "--kind", "calcium_antacid", "--per-day", "4")
    assert "so 300 milligrams a tablet is counted (4 a day, about 1,200 milligrams)" in added
    _ok("log", "add", "1.5 cups whole milk")
    checked = json.loads(_ok("supplements", "check", "--format", "json"))
    calcium = _row(checked, "calcium_mg")
    assert 2500 < calcium["counted"] < 3000
    assert (calcium["upper_limit"], calcium["over"]) == (3000, False)
    assert checked["warnings"] == []
    assert checked["profile"]["age_band"] == "14-18"
    adult = json.loads(_ok("supplements", "check", "--age", "30", "--format", "json"))
    assert _row(adult, "calcium_mg")["over"]
    assert [w["id"] for w in adult["warnings"]] == ["calcium_above_ul"]
    day = json.loads(_ok("log", "day", "--format", "json"))
    target = next(r for r in day["reference"] if r["nutrient"] == "calcium_mg")["target"]
    assert target == 1300
    plain = json.loads(_ok("log", "day", "--ignore-profile", "--format", "json"))
    assert next(r for r in plain["reference"] if r["nutrient"] == "calcium_mg")["target"] == 1000
    assert "Using your profile: age 14 to 18." in _ok("log", "day")


def test_diet_suggest_leaves_out_the_profiles_allergies_and_diet(cli: CliRunner) -> None:
    _ok("profile", "set", "--allergy", "nut", "--diet", "vegan")
    found = json.loads(_ok("diet", "suggest", "--nutrient", "calcium", "--limit", "20",
                           "--format", "json"))
    names = [s["description"].lower() for s in found]
    assert found
    for name in names:
        assert not name.startswith(("milk", "cheese", "yogurt", "egg", "fish", "nuts")), name
        assert "almond" not in name and "brazil" not in name, name
    ignored = json.loads(_ok("diet", "suggest", "--nutrient", "calcium", "--limit", "20",
                             "--ignore-profile", "--format", "json"))
    assert any("cheese" in s["description"].lower() or "milk" in s["description"].lower()
               for s in ignored)
    text = _ok("diet", "suggest", "--nutrient", "calcium")
    assert "leaving out nut, vegan" in text
