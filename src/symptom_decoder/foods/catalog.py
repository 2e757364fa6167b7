"""The food service the commands use: open the database once, search it, describe a food."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from symptom_decoder.foods.database import (
    Food,
    FoodDatabase,
    FoodDataMissing,
    Portion,
)
from symptom_decoder.foods.nutrients import NUTRIENTS
from symptom_decoder.foods.quantity import QuantityError, parse_quantity
from symptom_decoder.foods.search import FoodIndex

if TYPE_CHECKING:
    from symptom_decoder.foods.resolver import Resolver

GRAMS = Portion(100.0, "g", 100.0)
"""Every food can be measured in grams; shown last among its portions."""

FDC_LINK = "https://fdc.nal.usda.gov/food-details/{}/nutrients"


def missing_help(path: Path) -> list[str]:
    """What to tell a person who has no food database yet."""
    return [
        f"No food data yet (looked for {path}).",
        "Food search, the food log and diet suggestions need USDA's food tables, imported once:",
        "  symptom-decoder foods import PATH",
        "PATH is the USDA SR28 ASCII folder or its zip (sr28asc.zip), or a FoodData Central "
        "CSV download (SR Legacy, Foundation or FNDDS) or its zip.",
        "In this project's checkout, `make food-data` imports ../shared/data/usda-sr28.",
        "Everything else in Symptom Decoder works without food data.",
    ]


def food_words(query: str) -> str:
    """The food in QUERY once an amount in front is read off, as the food log reads it
    ("a glass of milk" is milk); QUERY itself when it starts with no amount."""
    try:
        return parse_quantity(query).food
    except QuantityError:
        return query


@dataclass
class Catalog:
    database: FoodDatabase
    _index: FoodIndex | None = None
    _resolver: Resolver | None = None

    @classmethod
    def open(cls, path: Path) -> Catalog:
        """Open the food database at PATH; FoodDataMissing when there is none."""
        if not path.is_file():
            raise FoodDataMissing("\n".join(missing_help(path)))
        return cls(FoodDatabase(path))

    def close(self) -> None:
        self.database.close()

    @property
    def index(self) -> FoodIndex:
        if self._index is None:
            self._index = FoodIndex(self.database.foods())
        return self._index

    @property
    def resolver(self) -> Resolver:
        """Everyday words to foods, the way the food log reads them."""
        if self._resolver is None:
            from symptom_decoder.foods.resolver import Resolver

            self._resolver = Resolver(self.index, self.database)
        return self._resolver

    def search(self, query: str, *, limit: int = 10, learned: int | None = None) -> list[Food]:
        """Foods for QUERY as the food log reads it, amount and all ("a bowl of porridge" is
        porridge); by words alone when that finds none."""
        words = food_words(query)
        found = [r.food for r in self.resolver.rank(words, learned=learned, limit=limit)]
        return found or [hit.food for hit in self.index.search(words, limit=limit)]

    def food(self, food_id: int) -> Food | None:
        return self.database.food(food_id)

    def portions(self, food_id: int) -> list[Portion]:
        """Household measures from USDA's portion table, then 100 grams."""
        return [*self.database.portions(food_id), GRAMS]

    def as_result(self, food: Food) -> dict[str, Any]:
        """The JSON shape of a search result: id, description, portions (label, grams)."""
        return {
            "id": food.id,
            "description": food.description,
            "portions": [
                {"label": p.label, "grams": round(p.grams, 2)} for p in self.portions(food.id)
            ],
            **source_ids(food),
        }

    def details(self, food: Food) -> dict[str, Any]:
        """Everything ``foods show`` prints: the result plus nutrients per 100 grams."""
        values = self.database.per_100g(food.id)
        return {
            **self.as_result(food),
            "food_group": food.group_name,
            "nutrients_per_100_g": {n.key: values[n.key] for n in NUTRIENTS},
            "release": self.database.meta.get("release"),
        }


def source_ids(food: Food) -> dict[str, Any]:
    """The USDA ids a number traces to: NDB number, FDC id and its page when known."""
    return {
        "ndb_no": food.ndb_no,
        "fdc_id": food.fdc_id,
        "fdc_url": FDC_LINK.format(food.fdc_id) if food.fdc_id else None,
    }
