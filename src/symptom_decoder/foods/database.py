"""The food database: a rebuildable SQLite cache of one USDA release, built aside and swapped in."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symptom_decoder.errors import Unavailable
from symptom_decoder.foods.nutrients import BY_KEY, KEYS

SCHEMA_VERSION = "1"
"""Written into each food database; a database of another version must be imported again."""


class FoodDataError(Unavailable):
    """Something is wrong with the food data; the message is meant for the person."""


class FoodDataMissing(FoodDataError):
    """No food database exists yet."""


@dataclass(frozen=True)
class Food:
    id: int
    description: str
    group_code: str | None
    group_name: str | None
    ndb_no: str | None
    fdc_id: int | None
    source: str
    manufacturer: str | None
    survey: bool = False


@dataclass(frozen=True)
class Portion:
    amount: float
    unit: str
    grams: float

    @property
    def label(self) -> str:
        return f"{format_amount(self.amount)} {self.unit}"

    @property
    def grams_per_unit(self) -> float:
        return self.grams / self.amount if self.amount else self.grams


def format_amount(amount: float) -> str:
    """1 -> '1', 0.5 -> '0.5', 2.25 -> '2.25'."""
    return f"{amount:g}"


_FOOD_COLUMNS = (
    "id, description, group_code, group_name, ndb_no, fdc_id, source, manufacturer, survey = 1"
)


def _food(row: tuple[Any, ...]) -> Food:
    food_id, description, group_code, group_name, ndb_no, fdc_id, source, maker, survey = row
    return Food(food_id, description, group_code, group_name, ndb_no, fdc_id, source, maker,
                survey=bool(survey))


class FoodDatabase:
    """Read-only access to an imported food database."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise FoodDataMissing(f"no food database at {path}")
        self.path = path
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            self._meta = dict(self.connection.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError:
            self.connection.close()
            raise FoodDataError(
                f"{path} is not a food database; import the USDA data again"
            ) from None
        if self._meta.get("schema_version") != SCHEMA_VERSION:
            self.connection.close()
            raise FoodDataError(
                f"{path} was made by another version of Symptom Decoder; import the USDA data "
                "again with: symptom-decoder foods import PATH"
            )

    def close(self) -> None:
        self.connection.close()

    @property
    def meta(self) -> dict[str, str]:
        return dict(self._meta)

    def foods(self) -> list[Food]:
        rows = self.connection.execute(f"SELECT {_FOOD_COLUMNS} FROM food ORDER BY id")
        return [_food(row) for row in rows]

    def food(self, food_id: int) -> Food | None:
        """The food with this id (NDB number or FDC id as imported), or with this FDC id."""
        row = self.connection.execute(
            f"SELECT {_FOOD_COLUMNS} FROM food WHERE id = ?", (food_id,)
        ).fetchone()
        if row is None:
            row = self.connection.execute(
                f"SELECT {_FOOD_COLUMNS} FROM food WHERE fdc_id = ? LIMIT 1", (food_id,)
            ).fetchone()
        return _food(row) if row else None

    def portions(self, food_id: int) -> list[Portion]:
        rows = self.connection.execute(
            "SELECT amount, unit, grams FROM portion WHERE food_id = ? ORDER BY seq", (food_id,)
        )
        return [Portion(float(a), str(u), float(g)) for a, u, g in rows if g and g > 0]

    def all_portions(self) -> dict[int, list[Portion]]:
        out: dict[int, list[Portion]] = {}
        rows = self.connection.execute(
            "SELECT food_id, amount, unit, grams FROM portion ORDER BY food_id, seq"
        )
        for food_id, amount, unit, grams in rows:
            if grams and grams > 0:
                out.setdefault(int(food_id), []).append(Portion(float(amount), unit, float(grams)))
        return out

    def per_100g(self, food_id: int, keys: Iterable[str] = KEYS) -> dict[str, float | None]:
        """Nutrient values per 100 grams; a nutrient with no value is None (unknown, not zero)."""
        wanted = {BY_KEY[k].number: k for k in keys}
        marks = ",".join("?" for _ in wanted)
        rows = self.connection.execute(
            f"SELECT number, value FROM nutrient WHERE food_id = ? AND number IN ({marks})",
            (food_id, *wanted),
        )
        found = {wanted[number]: float(value) for number, value in rows}
        return {k: found.get(k) for k in wanted.values()}

    def values(self, food_id: int, numbers: Iterable[str]) -> dict[str, float]:
        """One food's values per 100 grams by USDA nutrient number; absent numbers left out."""
        wanted = sorted(set(numbers))
        if not wanted:
            return {}
        marks = ",".join("?" for _ in wanted)
        rows = self.connection.execute(
            f"SELECT number, value FROM nutrient WHERE food_id = ? AND number IN ({marks})",
            (food_id, *wanted),
        )
        return {str(number): float(value) for number, value in rows}

    def column(self, number: str) -> dict[int, float]:
        """One nutrient's value per 100 grams for every food that has it."""
        rows = self.connection.execute(
            "SELECT food_id, value FROM nutrient WHERE number = ?", (number,)
        )
        return {int(f): float(v) for f, v in rows}

    def nutrient_unit(self, number: str) -> str | None:
        row = self.connection.execute(
            "SELECT unit FROM nutrient_def WHERE number = ?", (number,)
        ).fetchone()
        return str(row[0]) if row else None
