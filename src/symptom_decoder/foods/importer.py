"""Import a USDA release into the food database: built aside, then swapped in atomically."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from symptom_decoder.foods import fdc, sr28
from symptom_decoder.foods._source import Source, SourceError
from symptom_decoder.foods.database import SCHEMA_VERSION, FoodDataError
from symptom_decoder.foods.writer import INDEXES, SCHEMA, Progress, Writer


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    release: str
    foods: int
    nutrient_values: int
    portions: int
    seconds: float


def import_foods(source: Path, target: Path, *, progress: Progress | None = None) -> ImportSummary:
    """Build the food database from SOURCE into a file beside TARGET, then swap it in.

    Until the swap, TARGET is untouched: an error or an interruption leaves the previous
    database as it was and removes the half-built file.
    """
    started = time.perf_counter()
    report: Progress = progress or (lambda _stage, _done, _total: None)
    try:
        files = Source(source)
    except SourceError as exc:
        raise FoodDataError(str(exc)) from None
    try:
        if sr28.recognises(files):
            builder: Callable[[Source, Writer, Progress], str] = sr28.build
        elif fdc.recognises(files):
            builder = fdc.build
        else:
            raise FoodDataError(
                f"{source} does not look like a USDA release: expected the SR28 ASCII files "
                "(FOOD_DES.txt, NUT_DATA.txt...) or FoodData Central CSV files (food.csv, "
                "food_nutrient.csv...), in a folder or a zip"
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_builds(target)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".building", dir=target.parent
            )
        except OSError as exc:
            raise FoodDataError(f"cannot write beside {target}: {exc.strerror}") from None
        os.close(handle)
        temp = Path(temp_name)
        try:
            connection = sqlite3.connect(temp)
            try:
                # A half-built file is thrown away on any failure, so crash safety
                # inside the build buys nothing and costs most of the import time.
                connection.execute("PRAGMA journal_mode=OFF")
                connection.execute("PRAGMA synchronous=OFF")
                connection.executescript(SCHEMA)
                writer = Writer(connection)
                connection.execute("BEGIN")
                try:
                    release = builder(files, writer, report)
                except (ValueError, KeyError, IndexError, UnicodeDecodeError, csv.Error,
                        sqlite3.IntegrityError) as exc:
                    raise FoodDataError(
                        f"{source} could not be read as a USDA release ({type(exc).__name__}: "
                        f"{exc})"
                    ) from None
                report("Indexing", 0, 1)
                connection.executescript(INDEXES)
                writer.meta("schema_version", SCHEMA_VERSION)
                writer.meta("release", release)
                writer.meta("imported_from", str(source))
                writer.meta("imported_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
                foods = writer.count("food")
                values = writer.count("nutrient")
                portions = writer.count("portion")
                if foods == 0:
                    raise FoodDataError(f"{source} holds no foods this product can use")
                connection.commit()
                report("Indexing", 1, 1)
            finally:
                connection.close()
            with temp.open("rb") as built:
                os.fsync(built.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    finally:
        files.close()
    return ImportSummary(
        path=target,
        release=release,
        foods=foods,
        nutrient_values=values,
        portions=portions,
        seconds=time.perf_counter() - started,
    )


_STALE_SECONDS = 6 * 3600


def _remove_stale_builds(target: Path) -> None:
    """Remove half-built files that a killed import left (older than a few hours)."""
    cutoff = time.time() - _STALE_SECONDS
    for leftover in target.parent.glob(f".{target.name}.*.building"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
