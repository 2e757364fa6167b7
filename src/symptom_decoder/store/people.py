"""Who a record belongs to: the CLI acts for one local person, the web app for the signed-in one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from symptom_decoder.store.models import Person

LOCAL_HANDLE = "local"


def person_by_handle(session: Session, handle: str = LOCAL_HANDLE) -> Person:
    """The person with HANDLE, created on first use (safe when two processes race)."""
    found = session.scalar(select(Person).where(Person.handle == handle))
    if found is not None:
        return found
    try:
        with session.begin_nested():
            person = Person(handle=handle)
            session.add(person)
        return person
    except IntegrityError:
        return session.scalars(select(Person).where(Person.handle == handle)).one()
