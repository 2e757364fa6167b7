"""Food-data fixtures shared by the diet tests: the real SR28 release, imported once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SHARED
from symptom_decoder.foods.catalog import Catalog
from symptom_decoder.foods.importer import import_foods

SR28 = SHARED / "data" / "usda-sr28"
FDC_FIXTURE = Path(__file__).with_name("fixtures") / "fdc"


@pytest.fixture(scope="session")
def sr28_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full SR28 release imported once per test session (about two seconds)."""
    target = tmp_path_factory.mktemp("sr28") / "foods.sqlite3"
    import_foods(SR28, target)
    return target


@pytest.fixture(scope="session")
def catalog(sr28_path: Path) -> Iterator[Catalog]:
    opened = Catalog.open(sr28_path)
    yield opened
    opened.close()
