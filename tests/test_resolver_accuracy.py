"""The food log on everyday entries as people type them: the issue's aim, on the held-out part
as well as the part the resolver was tuned on. Run with ``-s`` to see the figures."""

from __future__ import annotations

import pytest

from everyday_accuracy import Entry, judge, load_entries, summary, tally
from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.diet.foodlog import FoodLogError, resolve
from symptom_decoder.foods.catalog import Catalog

ENTRIES = load_entries()


@pytest.mark.parametrize("part", ["dev", "held_out"])
def test_it_reads_nine_in_ten_everyday_entries_right_or_asks_with_the_right_choice(
    catalog: Catalog, part: str  # noqa: F811
) -> None:
    outcomes = [judge(catalog, entry) for entry in ENTRIES[part]]
    print("\n" + summary(part, outcomes))
    counts = tally(outcomes)
    total = len(outcomes)
    assert total >= 40
    assert counts["right"] + counts["asked"] >= 0.9 * total, [
        (o.entry.text, o.kind, o.detail) for o in outcomes if o.kind in {"refused", "wrong"}]
    assert counts["wrong"] <= total / 40, [
        (o.entry.text, o.detail) for o in outcomes if o.kind == "wrong"]


def test_the_set_has_sixty_entries_or_more() -> None:
    assert len(ENTRIES["dev"]) + len(ENTRIES["held_out"]) >= 60


@pytest.mark.parametrize("entry", ENTRIES["dev"], ids=lambda e: e.text)
def test_every_question_names_a_fix_that_works(
    catalog: Catalog, entry: Entry  # noqa: F811
) -> None:
    """When the log asks, the first choice with the fix it names logs without error."""
    text = entry.text
    try:
        resolve(catalog, text)
    except FoodLogError as error:
        if error.food_id is not None:
            assert error.portions and "--portion" in error.hint
            resolve(catalog, text, food_id=error.food_id, portion=error.portions[0])
        elif error.options:
            first = int(error.options[0].split()[0])
            assert f"--food {first}" in error.hint
            try:
                resolve(catalog, text, food_id=first)
            except FoodLogError as portion:
                assert portion.portions, str(portion)
                resolve(catalog, text, food_id=first, portion=portion.portions[0])
