"""The food catalog the web app shares between requests, opened on first use.

The USDA food database is a separate, read-only SQLite file (``SD_FOOD_DB`` or
``foods.sqlite3`` in the data directory); without it the food pages say how to import it
and everything else works.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import Request

from symptom_decoder.diet.suggest import Suggester
from symptom_decoder.foods.catalog import Catalog, missing_help
from symptom_decoder.foods.database import FoodDataError

_lock = threading.Lock()


def catalog(request: Request) -> Catalog | None:
    """The app's catalog, or None (with the reason kept for the page) when there is none."""
    state: Any = request.app.state
    with _lock:
        found: Catalog | None = getattr(state, "catalog", None)
        if found is not None:
            return found
        path = state.settings.food_db_path
        try:
            found = Catalog.open(path)
            found.index  # noqa: B018  (build the search index once, not on a first search)
        except FoodDataError:
            state.catalog_help = missing_help(path)
            return None
        state.catalog = found
        return found


def missing(request: Request) -> list[str]:
    return list(getattr(request.app.state, "catalog_help", []) or missing_help(
        request.app.state.settings.food_db_path))


def suggester(request: Request) -> Suggester | None:
    """The diet suggester over the catalog, built once (about a third of a second)."""
    found = catalog(request)
    if found is None:
        return None
    state: Any = request.app.state
    with _lock:
        made: Suggester | None = getattr(state, "suggester", None)
        if made is None:
            made = Suggester(found)
            state.suggester = made
        return made
