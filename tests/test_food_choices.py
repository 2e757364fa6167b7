"""The food log learns: what she picked once for her words is the first choice next time."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Store
from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.cli import app
from symptom_decoder.diet.choices import choices_for, log_food, search
from symptom_decoder.diet.foodlog import FoodLogError
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import transaction
from symptom_decoder.store.people import person_by_handle

DAY = date(2026, 11, 20)
WHOLE_WHEAT = 18075
RYE = 18060


def test_it_remembers_the_food_she_picked_for_her_words_per_person(
    store: Store, catalog: Catalog  # noqa: F811
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice").id
        bob = person_by_handle(session, "bob").id
        with pytest.raises(FoodLogError, match="could mean several foods"):
            log_food(session, catalog, person_id=alice, day=DAY, text="2 slices bread")
        log_food(session, catalog, person_id=alice, day=DAY, text="2 slices bread",
                 food_id=RYE)
    with transaction(store.factory) as session:
        _, again = log_food(session, catalog, person_id=alice, day=DAY, text="1 slice bread")
        assert (again.food.id, again.learned) == (RYE, True)
        assert search(session, catalog, "bread", person_id=alice)[0].id == RYE
        with pytest.raises(FoodLogError, match="could mean several foods"):
            log_food(session, catalog, person_id=bob, day=DAY, text="1 slice bread")
        assert search(session, catalog, "bread", person_id=bob)[0].id != RYE


def test_a_new_pick_replaces_the_old_one(store: Store, catalog: Catalog) -> None:  # noqa: F811
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice").id
        log_food(session, catalog, person_id=alice, day=DAY, text="1 slice bread", food_id=RYE)
        log_food(session, catalog, person_id=alice, day=DAY, text="2 slices bread",
                 food_id=WHOLE_WHEAT)
        assert choices_for(session, person_id=alice) == {"bread": WHOLE_WHEAT}
        _, resolved = log_food(session, catalog, person_id=alice, day=DAY,
                               text="1 slice of bread")
        assert resolved.food.id == WHOLE_WHEAT


def test_a_food_found_without_asking_is_not_remembered(
    store: Store, catalog: Catalog  # noqa: F811
) -> None:
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice").id
        log_food(session, catalog, person_id=alice, day=DAY, text="1 cup whole milk")
        assert choices_for(session, person_id=alice) == {}


runner = CliRunner()


def test_the_command_line_learns_too(
    sr28_path: Path, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("SD_FOOD_DB", str(sr28_path))
    get_settings.cache_clear()
    asked = runner.invoke(app, ["log", "add", "2 slices bread"])
    assert asked.exit_code == 2
    assert "--food" in asked.stderr
    picked = runner.invoke(app, ["log", "add", "2 slices bread", "--food", str(RYE)])
    assert picked.exit_code == 0, picked.output
    assert "Next time, 'bread' means this food first." in picked.stdout
    again = runner.invoke(app, ["log", "add", "1 slice bread"])
    assert again.exit_code == 0, again.output
    assert "Bread, rye" in again.stdout
    assert "Your usual choice for 'bread'" in again.stdout
    found = runner.invoke(app, ["foods", "search", "bread", "--format", "json"])
    assert json.loads(found.stdout)[0]["id"] == RYE
