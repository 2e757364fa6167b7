"""The food database: a rebuildable SQLite cache of one USDA release, built aside and swapped in."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symptom_decoder.foods.nutrients import BY_KEY, KEYS

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while an import runs."""

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE food_group (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE nutrient_def (number TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL);
CREATE TABLE food (
    id INTEGER PRIMARY KEY,
    ndb_no TEXT,
    fdc_id INTEGER,
    source TEXT NOT NULL,
    description TEXT NOT NULL,
    group_code TEXT,
    group_name TEXT,
    manufacturer TEXT,
    survey INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE nutrient (
    food_id INTEGER NOT NULL,
    number TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (food_id, number)
) WITHOUT ROWID;
CREATE TABLE portion (
    food_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (food_id, seq)
) WITHOUT ROWID;
"""

_INDEXES = """
CREATE INDEX food_fdc ON food (fdc_id);
CREATE INDEX nutrient_number ON nutrient (number, food_id);
"""


class FoodDataError(Exception):
    """Something is wrong with the food data; the message is meant for the person."""


class FoodDataMissing(FoodDataError):
    """No food database exists yet."""


@dataclass(frozen=True)
class FoodRow:
    id: int
    ndb_no: str | None
    fdc_id: int | None
    source: str
    description: str
    group_code: str | None
    group_name: str | None
    manufacturer: str | None = None
    survey: bool = False
    """Used in USDA's dietary survey (FNDDS): a sign of an everyday food."""


class Writer:
    """Inserts rows into a database that is being built; nothing else writes to it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def groups(self, rows: Iterable[tuple[str, str]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO food_group VALUES (?, ?)", rows)

    def nutrient_defs(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO nutrient_def VALUES (?, ?, ?)", rows)

    def foods(self, rows: Iterable[FoodRow]) -> None:
        self.connection.executemany(
            "INSERT INTO food VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (r.id, r.ndb_no, r.fdc_id, r.source, r.description, r.group_code, r.group_name,
                 r.manufacturer, int(r.survey))
                for r in rows
            ),
        )

    def nutrients(self, rows: Iterable[tuple[int, str, float]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO nutrient VALUES (?, ?, ?)", rows)

    def portions(self, rows: Iterable[tuple[int, int, float, str, float]]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO portion VALUES (?, ?, ?, ?, ?)", rows)

    def count(self, table: str) -> int:
        row = self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        return int(row[0])


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
    from symptom_decoder.foods import fdc, sr28
    from symptom_decoder.foods._source import Source, SourceError

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
                connection.executescript(_SCHEMA)
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
                connection.executescript(_INDEXES)
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
