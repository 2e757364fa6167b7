"""Export and erase everything kept about one person.

Every table of personal data carries ``person_id`` (see ``store``), so both walk the
schema instead of a hand-kept list: a table added later is exported and erased too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from symptom_decoder.store.db import Base
from symptom_decoder.store.models import Person

# Secrets are never exported: the password hash and the session tokens' hashes.
HIDDEN = {"accounts": {"password_hash"}, "web_sessions": {"token_hash"},
          "shares": {"token_hash"}}
SKIPPED = {"web_sessions"}


def _personal_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if "person_id" in t.c]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export(session: Session, person_id: int, *, now: datetime) -> dict[str, Any]:
    """One JSON-ready document with every row that belongs to the person."""
    person = session.get(Person, person_id)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _personal_tables():
        if table.name in SKIPPED:
            continue
        hidden = HIDDEN.get(table.name, set())
        rows = session.execute(
            select(table).where(table.c.person_id == person_id).order_by(*table.primary_key)
        ).mappings()
        tables[table.name] = [
            {k: _plain(v) for k, v in row.items() if k not in hidden and k != "person_id"}
            for row in rows
        ]
    return {
        "schema": "symptom-decoder-export/v1",
        "exported_at": now.isoformat(),
        "person": {"created_at": _plain(person.created_at) if person else None},
        "tables": tables,
    }


def erase(session: Session, person_id: int) -> None:
    """Delete the person and every row that belongs to them, children first."""
    for table in reversed(_personal_tables()):
        session.execute(delete(table).where(table.c.person_id == person_id))
    session.execute(delete(Person).where(Person.id == person_id))
