from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel

from conftest import Store
from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.diet.foodlog import (
    FoodLogError,
    add_entry,
    add_up,
    compare,
    day_answers,
    day_totals,
    resolve,
)
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.store.db import transaction
from symptom_decoder.store.diet_models import FoodLogEntry
from symptom_decoder.store.people import person_by_handle

DAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "food_id", "grams"),
    [
        pytest.param("30 g pumpkin seeds", 12014, 30.0, id="grams"),
        pytest.param("1 cup cooked spinach", 11458, 180.0, id="cup"),
        pytest.param("1 medium banana", 9040, 118.0, id="medium"),
        pytest.param("½ cup cooked lentils", 16070, 99.0, id="half-cup"),
        pytest.param("1 oz almnds", 12061, 28.349523125, id="ounce-and-typo"),
        pytest.param("2 tsp peanut butter smooth with salt", 16098, 2 * 32 / 6,
                     id="spoon-from-tbsp"),
    ],
)
def test_it_turns_entries_into_food_and_grams(
    catalog: Catalog, text: str, food_id: int, grams: float  # noqa: F811
) -> None:
    resolved = resolve(catalog, text)
    assert resolved.food.id == food_id
    assert resolved.grams == pytest.approx(grams)


def test_it_asks_which_bread_when_the_choice_changes_the_numbers(
    catalog: Catalog,  # noqa: F811
) -> None:
    with pytest.raises(FoodLogError, match="could mean several foods") as caught:
        resolve(catalog, "2 slices bread")
    assert any("Bread, rye" in option for option in caught.value.options)
    chosen = resolve(catalog, "2 slices bread", food_id=18075)
    assert (chosen.food.description, chosen.grams) == (
        "Bread, whole-wheat, commercially prepared", 64.0,
    )


def test_it_asks_which_portion_when_cups_differ(catalog: Catalog) -> None:  # noqa: F811
    with pytest.raises(FoodLogError, match="several cup portions") as caught:
        resolve(catalog, "1 cup cooked pasta")
    assert "1 cup penne = 107 g" in caught.value.options
    assert "cup penne" in caught.value.portions
    assert resolve(catalog, "1 cup cooked pasta", portion="cup penne").grams == 107.0


def test_it_takes_whole_almonds_by_the_cup_unless_the_cut_is_said(
    catalog: Catalog,  # noqa: F811
) -> None:
    assert resolve(catalog, "1 cup almonds").grams == 143.0
    assert resolve(catalog, "1 cup sliced almonds").grams == 92.0
    assert resolve(catalog, "1 cup almonds", portion="sliced").grams == 92.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("spinach", "How much", id="no-amount"),
        pytest.param("2 cups xqzvwk", "No food matches 'xqzvwk'", id="unknown-food"),
        pytest.param("2 bars spinach", "no 'bar' portion", id="unknown-portion"),
        pytest.param("a smidgen of almonds", "'smidgen' is not a measure I know",
                     id="unknown-measure"),
        pytest.param("a fistful almonds", "'fistful' is not a measure I know",
                     id="unknown-measure-without-of"),
        pytest.param("1 cup spinach xqzvwk", "No food matches", id="a-word-that-matches-nothing"),
    ],
)
def test_it_explains_entries_it_cannot_read(
    catalog: Catalog, text: str, message: str  # noqa: F811
) -> None:
    with pytest.raises(FoodLogError, match=message):
        resolve(catalog, text)


@pytest.mark.parametrize("text, parts", [
    ("1 bowl porridge and a banana", "'porridge', then 'banana'"),
    ("1 glass milk, 1 banana", "'milk', then 'banana'"),
    ("1 mug tea with milk", "'tea', then 'milk'"),
])
def test_it_asks_for_one_food_at_a_time_when_the_words_name_several(
    catalog: Catalog, text: str, parts: str  # noqa: F811
) -> None:
    """Not a babyfood 'oatmeal with bananas' for porridge and a banana: two foods, logged
    one by one, each with its own amount."""
    with pytest.raises(FoodLogError, match="foods; the log takes one food at a time") as err:
        resolve(catalog, text)
    assert parts in err.value.hint


@pytest.mark.parametrize("text, food", [
    ("1 cup macaroni and cheese", "Macaroni and cheese"),
    ("1 cup half and half", "half and half"),
    ("1 cup chili con carne with beans", "Chili con carne with beans"),
])
def test_a_dish_named_with_and_or_with_stays_one_food(
    catalog: Catalog, text: str, food: str  # noqa: F811
) -> None:
    assert food in resolve(catalog, text).food.description


def test_pork_and_beans_is_one_tin_to_choose_not_two_foods(catalog: Catalog) -> None:  # noqa: F811
    with pytest.raises(FoodLogError, match="could mean several foods") as err:
        resolve(catalog, "1 cup pork and beans")
    assert any("Beans, baked, canned, with pork" in o for o in err.value.options)


def _entry(**values: float | None) -> FoodLogEntry:
    return FoodLogEntry(day=DAY, text="x", food_id=1, description="x", portion="x", grams=1.0,
                        **values)


def test_it_adds_up_a_small_day_checked_by_hand(
    catalog: Catalog, store: Store  # noqa: F811
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        for text, food in [("30 g pumpkin seeds", None), ("1 cup cooked spinach", None),
                           ("1 medium banana", None), ("2 tbsp peanut butter", 16098)]:
            add_entry(session, person_id=alice.id, day=DAY, text=text,
                      resolved=resolve(catalog, text, food_id=food))
        totals = day_totals(session, person_id=alice.id, day=DAY)
        # 30 g seeds at 592 mg/100 g, 180 g spinach at 87, 118 g banana at 27, 32 g at 168.
        assert totals.value("magnesium_mg") == pytest.approx(177.6 + 156.6 + 31.86 + 53.76)
        assert totals.value("calcium_mg") == pytest.approx(13.8 + 244.8 + 5.9 + 15.68)
        assert totals.value("iron_mg") == pytest.approx(2.646 + 6.426 + 0.3068 + 0.5568)
        assert totals.value("energy_kcal") == pytest.approx(167.7 + 41.4 + 105.02 + 191.36)
        assert totals.calcium_to_magnesium == pytest.approx(280.18 / 419.82)
        assert all(t.complete for t in totals.totals.values())
        assert day_answers(session, person_id=alice.id, last=DAY) == {
            "dietary_magnesium_mg_per_day": 419.8,
            "dietary_calcium_mg_per_day": 280.2,
            "dietary_iron_mg_per_day": 9.9,
            "caffeine_mg_per_day": 0.0,
        }
        bob = person_by_handle(session, "bob")
        assert day_totals(session, person_id=bob.id, day=DAY).entries == []
        assert day_answers(session, person_id=bob.id, last=DAY) == {}


def test_it_averages_answers_over_logged_days_only(store: Store) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        for day, magnesium in [(date(2026, 11, 18), 300.0), (date(2026, 11, 20), 200.0)]:
            session.add(FoodLogEntry(person_id=alice.id, day=day, text="x", food_id=1,
                                     description="x", portion="x", grams=1.0,
                                     magnesium_mg=magnesium))
        session.flush()
        assert day_answers(session, person_id=alice.id, last=DAY, days=7) == {
            "dietary_magnesium_mg_per_day": 250.0,
        }


def test_it_counts_a_missing_value_as_unknown_not_zero() -> None:
    totals = add_up(DAY, [_entry(magnesium_mg=100.0), _entry(magnesium_mg=None),
                          _entry(magnesium_mg=20.0)])
    magnesium = totals.totals["magnesium_mg"]
    assert (magnesium.total, magnesium.known, magnesium.entries) == (120.0, 2, 3)
    assert not magnesium.complete
    assert totals.totals["calcium_mg"].total is None
    assert totals.calcium_to_magnesium is None


class _Intake(BaseModel):
    nutrient: str
    unit: str
    rda: float | None
    ul: float | None
    ul_scope: str
    references: list[str]


def test_it_compares_totals_with_reference_intakes_and_says_what_counts() -> None:
    intakes = {
        "magnesium": _Intake(nutrient="magnesium", unit="mg", rda=350, ul=350,
                             ul_scope="supplemental", references=["R10"]),
        "caffeine": _Intake(nutrient="caffeine", unit="mg", rda=None, ul=200, ul_scope="limit",
                            references=["R81"]),
    }
    totals = add_up(DAY, [_entry(magnesium_mg=175.0, caffeine_mg=250.0),
                          _entry(magnesium_mg=None, caffeine_mg=0.0)])
    rows = {r.key: r for r in compare(totals, intakes)}
    assert rows["magnesium_mg"].percent_of_target == 50.0
    assert rows["magnesium_mg"].references == ["R10"]
    assert "no value for 1 of 2 entries" in rows["magnesium_mg"].note
    assert "Above the 200 milligrams" in rows["caffeine_mg"].note
    assert rows["caffeine_mg"].upper_limit == 200
    assert rows["iron_mg"].target is None


def test_it_never_sets_food_beside_a_limit_that_counts_only_supplements() -> None:
    intakes = {"magnesium": _Intake(nutrient="magnesium", unit="mg", rda=350, ul=350,
                                    ul_scope="supplemental", references=["R10"])}
    rows = {r.key: r for r in compare(add_up(DAY, [_entry(magnesium_mg=500.0)]), intakes)}
    magnesium = rows["magnesium_mg"]
    assert (magnesium.target, magnesium.upper_limit, magnesium.upper_limit_scope) == (
        350.0, None, None)
    assert "350" not in magnesium.note


def test_it_reads_the_reference_intakes_from_the_knowledge_pack() -> None:
    from symptom_decoder.knowledge import load_pack

    rows = {r.key: r for r in compare(add_up(DAY, [_entry(magnesium_mg=180.0)]),
                                      load_pack().intakes_for(25))}
    assert (rows["magnesium_mg"].target, rows["magnesium_mg"].upper_limit) == (350.0, None)
    assert (rows["calcium_mg"].upper_limit, rows["calcium_mg"].upper_limit_scope) == (
        2500.0, "total")


def test_it_shows_water_in_litres_against_the_total_water_a_day() -> None:
    from symptom_decoder.knowledge import load_pack

    rows = {r.key: r for r in compare(add_up(DAY, [_entry(water_g=450.0), _entry(water_g=300.0)]),
                                      load_pack().intakes_for(None))}
    water = rows["water_g"]
    assert (water.total, water.unit, water.target) == (0.75, "litres", 3.0)
    assert water.percent_of_target == 25.0
    assert "3.0 litres of water a day in all, about 2.3 litres of it from drinks" in water.note
