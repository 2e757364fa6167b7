"""USDA SR28 ASCII files: ``^``-separated fields, ``~``-quoted text, CRLF, Latin-1."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from symptom_decoder.foods._source import Source
from symptom_decoder.foods.writer import FoodRow, Progress, Writer

RELEASE = "USDA SR28 (May 2016)"
CROSSWALK = "ndb_to_fdc_sr_legacy_crosswalk.csv"
_REPORT_EVERY = 20_000


def recognises(files: Source) -> bool:
    return all(files.has(name) for name in ("FOOD_DES.txt", "NUT_DATA.txt"))


def _records(files: Source, name: str) -> Iterator[list[str]]:
    with files.open_binary(name) as handle:
        for raw in handle:
            line = raw.decode("latin-1").rstrip("\r\n")
            if line:
                yield [field.strip("~") for field in line.split("^")]


def _crosswalk(files: Source) -> dict[int, int]:
    if not files.has(CROSSWALK):
        return {}
    out: dict[int, int] = {}
    with files.open_text(CROSSWALK) as handle:
        for row in csv.DictReader(handle):
            try:
                out[int(row["NDB_No"])] = int(row["fdc_id"])
            except (KeyError, ValueError):
                continue
    return out


def build(files: Source, writer: Writer, progress: Progress) -> str:
    """Read every SR28 table the product uses into WRITER; return the release name."""
    groups: dict[str, str] = {}
    if files.has("FD_GROUP.txt"):
        groups = {code: name for code, name, *_ in _records(files, "FD_GROUP.txt")}
        writer.groups(groups.items())
    if files.has("NUTR_DEF.txt"):
        writer.nutrient_defs((f[0], f[3], f[1]) for f in _records(files, "NUTR_DEF.txt"))
    fdc_ids = _crosswalk(files)

    progress("Reading foods", 0, 1)
    foods: list[FoodRow] = []
    for f in _records(files, "FOOD_DES.txt"):
        ndb = int(f[0])
        foods.append(
            FoodRow(
                id=ndb,
                ndb_no=f[0],
                fdc_id=fdc_ids.get(ndb),
                source="sr28",
                description=f[2],
                group_code=f[1] or None,
                group_name=groups.get(f[1]),
                manufacturer=(f[5] if len(f) > 5 else "") or None,
                survey=len(f) > 6 and f[6] == "Y",
            )
        )
    writer.foods(foods)
    progress("Reading foods", 1, 1)

    total = files.size("NUT_DATA.txt")
    writer.nutrients(_nutrient_values(files, total, progress))

    if files.has("WEIGHT.txt"):
        rows = []
        for f in _records(files, "WEIGHT.txt"):
            try:
                rows.append((int(f[0]), int(f[1]), float(f[2]), f[3], float(f[4])))
            except (IndexError, ValueError):
                continue
        writer.portions(rows)
    return RELEASE


def _nutrient_values(
    files: Source, total: int, progress: Progress
) -> Iterator[tuple[int, str, float]]:
    done = 0
    count = 0
    progress("Reading nutrient values", 0, total)
    with files.open_binary("NUT_DATA.txt") as handle:
        # Only the first three fields matter; splitting the rest of each line would
        # triple the time spent on the largest file.
        for raw in handle:
            done += len(raw)
            parts = raw.split(b"^", 3)
            if len(parts) < 3 or not parts[2]:
                continue
            yield int(parts[0].strip(b"~")), parts[1].strip(b"~").decode("ascii"), float(parts[2])
            count += 1
            if count % _REPORT_EVERY == 0:
                progress("Reading nutrient values", done, total)
    progress("Reading nutrient values", total, total)
