"""USDA FoodData Central CSV downloads: SR Legacy, Foundation Foods and FNDDS (survey) foods.

Each download holds ``food.csv``, ``nutrient.csv``, ``food_nutrient.csv`` and
``food_portion.csv`` plus small lookup tables. Branded foods and lab sub-samples are
skipped: they are not what a person eats as a whole food.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from symptom_decoder.foods._source import Source
from symptom_decoder.foods.database import FoodDataError
from symptom_decoder.foods.writer import FoodRow, Progress, Writer

KINDS = {
    "sr_legacy_food": "sr_legacy",
    "foundation_food": "foundation",
    "survey_fndds_food": "fndds",
}
_NAMES = {"sr_legacy": "SR Legacy", "foundation": "Foundation Foods", "fndds": "FNDDS"}
_REPORT_EVERY = 20_000
# Foundation Foods often give energy only as Atwater factors (nutrient_nbr 957/958).
_ENERGY_FALLBACKS = ("958", "957")
_LEADING_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?(?:/\d+)?)\s+(.*)$")


_REQUIRED = {
    "food.csv": ("fdc_id", "data_type", "description"),
    "nutrient.csv": ("id", "name", "unit_name", "nutrient_nbr"),
    "food_nutrient.csv": ("fdc_id", "nutrient_id", "amount"),
    "food_portion.csv": ("fdc_id", "gram_weight"),
}


def recognises(files: Source) -> bool:
    return all(files.has(n) for n in ("food.csv", "nutrient.csv", "food_nutrient.csv"))


def _check_columns(files: Source) -> None:
    for name, columns in _REQUIRED.items():
        if not files.has(name):
            continue
        with files.open_text(name) as handle:
            header = next(csv.reader(handle), [])
        missing = [c for c in columns if c not in header]
        if missing:
            raise FoodDataError(f"{name} lacks the column(s) {', '.join(missing)}")


def _rows(files: Source, name: str) -> Iterator[dict[str, str]]:
    if not files.has(name):
        return
    with files.open_text(name) as handle:
        yield from csv.DictReader(handle)


def _number(text: str) -> str:
    """'304' and '304.0' are the same nutrient number."""
    text = text.strip()
    return text[:-2] if text.endswith(".0") else text


def _int(text: str | None) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def build(files: Source, writer: Writer, progress: Progress) -> str:
    """Read one FoodData Central CSV download into WRITER; return the release name."""
    _check_columns(files)
    categories = {r["id"]: (r.get("code") or r["id"], r["description"])
                  for r in _rows(files, "food_category.csv")}
    wweia = {r["wweia_food_category"]: r["wweia_food_category_description"]
             for r in _rows(files, "wweia_food_category.csv")}
    ndb: dict[str, str] = {}
    for name in ("sr_legacy_food.csv", "foundation_food.csv"):
        for r in _rows(files, name):
            if r.get("NDB_number"):
                ndb[r["fdc_id"]] = r["NDB_number"].strip()
    survey_category = {
        r["fdc_id"]: r.get("wweia_category_number") or r.get("wweia_category_code") or ""
        for r in _rows(files, "survey_fndds_food.csv")
    }
    units = {r["id"]: r["name"] for r in _rows(files, "measure_unit.csv")}
    writer.groups(categories.values())
    writer.groups((f"wweia:{code}", name) for code, name in wweia.items())

    numbers: dict[str, str] = {}
    defs = []
    for r in _rows(files, "nutrient.csv"):
        if r.get("nutrient_nbr"):
            numbers[r["id"]] = _number(r["nutrient_nbr"])
            defs.append((numbers[r["id"]], r["name"], r["unit_name"]))
    writer.nutrient_defs(defs)

    progress("Reading foods", 0, 1)
    ids: dict[str, int] = {}
    used: set[int] = set()
    kinds_seen: set[str] = set()
    foods: list[FoodRow] = []
    for r in _rows(files, "food.csv"):
        kind = KINDS.get(r["data_type"])
        if kind is None:
            continue
        fdc_id = int(r["fdc_id"])
        ndb_no = ndb.get(r["fdc_id"])
        food_id = _int(ndb_no)
        if food_id is None or food_id in used:
            food_id = fdc_id
        if food_id in used:
            continue
        used.add(food_id)
        ids[r["fdc_id"]] = food_id
        kinds_seen.add(kind)
        if kind == "fndds":
            code = survey_category.get(r["fdc_id"]) or r.get("food_category_id") or ""
            group_code: str | None = f"wweia:{code}" if code else None
            group_name = wweia.get(code)
        else:
            group_code, group_name = categories.get(r.get("food_category_id") or "", (None, None))
        foods.append(FoodRow(food_id, ndb_no, fdc_id, kind, r["description"].strip(),
                             group_code, group_name, survey=kind == "fndds"))
    writer.foods(foods)
    progress("Reading foods", 1, 1)

    writer.nutrients(_values(files, ids, numbers, progress))
    for fallback in _ENERGY_FALLBACKS:
        writer.connection.execute(
            "INSERT OR IGNORE INTO nutrient SELECT food_id, '208', value FROM nutrient "
            "WHERE number = ?", (fallback,)
        )
    writer.portions(_portions(files, ids, units))
    return "FoodData Central " + " + ".join(_NAMES[k] for k in sorted(kinds_seen))


def _values(
    files: Source, ids: dict[str, int], numbers: dict[str, str], progress: Progress
) -> Iterator[tuple[int, str, float]]:
    total = files.size("food_nutrient.csv")
    progress("Reading nutrient values", 0, total)
    with files.open_text("food_nutrient.csv") as handle:
        for count, r in enumerate(csv.DictReader(handle), start=1):
            food_id = ids.get(r["fdc_id"])
            number = numbers.get(r["nutrient_id"])
            amount = r.get("amount")
            if food_id is not None and number and amount:
                value = _float(amount)
                if value is not None:
                    yield food_id, number, value
            if count % _REPORT_EVERY == 0:
                # Text streams cannot report their byte offset cheaply; rows are
                # about 60 bytes each, which is close enough for a progress bar.
                progress("Reading nutrient values", min(count * 60, total), total)
    progress("Reading nutrient values", total, total)


def _portions(
    files: Source, ids: dict[str, int], units: dict[str, str]
) -> Iterator[tuple[int, int, float, str, float]]:
    for index, r in enumerate(_rows(files, "food_portion.csv")):
        food_id = ids.get(r["fdc_id"])
        grams = _float(r.get("gram_weight"))
        if food_id is None or not grams:
            continue
        amount = _float(r.get("amount")) or 1.0
        description = (r.get("portion_description") or "").strip()
        modifier = (r.get("modifier") or "").strip()
        unit_name = units.get(r.get("measure_unit_id") or "", "")
        if unit_name == "undetermined":
            unit_name = ""
        if description and description.lower() != "quantity not specified":
            match = _LEADING_AMOUNT.match(description)
            if match:
                amount, unit = _fraction(match.group(1)), match.group(2)
            else:
                unit = description
        else:
            parts = [unit_name] + ([modifier] if modifier and not modifier.isdigit() else [])
            unit = " ".join(p for p in parts if p) or "serving"
        seq = _int(r.get("seq_num")) or index
        yield food_id, seq * 100_000 + index, amount, unit, grams


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _fraction(text: str) -> float:
    if "/" in text:
        top, bottom = text.split("/")
        return float(top) / float(bottom)
    return float(text)
