"""The writing side of a food database being built: its tables and a row inserter.

Only ``importer`` creates a database; the release readers (``sr28``, ``fdc``) fill it
through ``Writer``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while an import runs."""

SCHEMA = """
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

INDEXES = """
CREATE INDEX food_fdc ON food (fdc_id);
CREATE INDEX nutrient_number ON nutrient (number, food_id);
"""


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
