from __future__ import annotations

from typing import Any

import pytest

from conftest import Store
from symptom_decoder import nutrition
from symptom_decoder.diet.stack import (
    StackError,
    add_item,
    as_answer,
    check,
    engine_warnings,
    items_for,
)
from symptom_decoder.knowledge import load_pack
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

MAGNESIUM = {"kind": "magnesium", "name": "Magnesium glycinate", "units_per_day": 2,
             "magnesium_mg": 200}
TUMS = {"kind": "calcium_antacid", "name": "Tums Extra Strength", "units_per_day": 6,
        "calcium_mg": 300}
PACK = load_pack()
PRENATAL = {"kind": "prenatal", "name": "Prenatal", "iron_mg": 27, "calcium_mg": 200}


def _rows(items: list[dict[str, Any]], food: dict[str, float] | None = None) -> dict[str, Any]:
    result = check(items, intakes=load_pack().intakes_for(25), food=food)
    return {r.key: r for r in result.rows}


def test_it_counts_supplement_magnesium_apart_from_food() -> None:
    rows = _rows([MAGNESIUM], food={"dietary_magnesium_mg_per_day": 300})
    magnesium = rows["magnesium_mg"]
    assert (magnesium.supplements, magnesium.food, magnesium.counted) == (400.0, None, 400.0)
    assert (magnesium.upper_limit, magnesium.scope, magnesium.over) == (350.0, "supplemental", True)


def test_it_counts_calcium_from_food_and_supplements_together() -> None:
    rows = _rows([TUMS, PRENATAL], food={"dietary_calcium_mg_per_day": 400,
                                         "dietary_iron_mg_per_day": 10})
    calcium, iron = rows["calcium_mg"], rows["iron_mg"]
    assert (calcium.supplements, calcium.food, calcium.counted) == (2000.0, 400.0, 2400.0)
    assert (calcium.upper_limit, calcium.over) == (2500.0, False)
    assert (iron.counted, iron.references) == (37.0, ["R14"])


def test_it_uses_the_one_supplement_totals_function(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(*_args: Any) -> dict[str, float]:
        return dict.fromkeys(nutrition.SUPPLEMENT_NUTRIENTS, 1234.0)

    monkeypatch.setattr(nutrition, "supplement_totals", fake)
    assert _rows([MAGNESIUM])["magnesium_mg"].supplements == 1234.0


def test_it_takes_its_warnings_from_the_engine() -> None:
    ids = {w["id"] for w in engine_warnings({"supplements": [MAGNESIUM, TUMS, PRENATAL],
                                             "intake": {"dietary_calcium_mg_per_day": 800}}, PACK)}
    assert {"magnesium_supplement_above_ul", "calcium_above_ul", "iron_calcium_timing"} <= ids
    assert not [w for w in engine_warnings({"supplements": [PRENATAL]}, PACK)
                if w["id"].endswith("above_ul")]


def test_it_stores_products_per_person_and_checks_them_against_the_contract(
    store: Store,
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        bob = person_by_handle(session, "bob")
        add_item(session, person_id=alice.id, kind="magnesium", name="Magnesium glycinate",
                 units_per_day=2, amounts={"magnesium_mg": 200})
        assert [as_answer(i) for i in items_for(session, person_id=alice.id)] == [MAGNESIUM]
        assert items_for(session, person_id=bob.id) == []
        with pytest.raises(StackError) as caught:
            add_item(session, person_id=alice.id, kind="vitamins", name="x",
                     amounts={"magnesium_mg": -5})
        assert caught.value.problems == [
            "kind: must be one of prenatal, multivitamin, magnesium, calcium, iron, vitamin_d, "
            "calcium_antacid, magnesium_antacid_or_laxative, electrolyte, other (got \"vitamins\")",
            "magnesium_mg: must be at least 0 (got -5)",
        ]


def test_a_blank_antacid_amount_counts_the_packs_typical_tablet_never_zero() -> None:
    pack = load_pack()
    blank = {"kind": "calcium_antacid", "name": "Chews", "units_per_day": 12}
    result = check([blank], intakes=pack.intakes_for(27), food={},
                   blanks=pack.blanks, typical_food={"calcium_mg": 1000})
    calcium = {r.key: r for r in result.rows}["calcium_mg"]
    assert (calcium.supplements, calcium.food, calcium.counted) == (3600.0, 1000.0, 4600.0)
    assert calcium.over and calcium.estimated
    assert result.estimates == [{"index": 0, "kind": "calcium_antacid", "name": "Chews",
                                 "nutrient": "calcium_mg", "per_unit": 300.0,
                                 "units_per_day": 12.0, "total": 3600.0}]


def test_the_stack_and_the_assessment_count_a_blank_amount_alike() -> None:
    pack = load_pack()
    blank = {"kind": "magnesium_antacid_or_laxative", "name": "Milk of magnesia",
             "units_per_day": 3}
    stack_total = nutrition.supplement_totals([blank], pack.blanks)["magnesium_mg"]
    warning = next(w for w in engine_warnings({"supplements": [blank]}, PACK)
                   if w["id"] == "magnesium_supplement_above_ul")
    assert stack_total == 501.0
    assert "about 501 milligrams of magnesium" in warning["text"]
