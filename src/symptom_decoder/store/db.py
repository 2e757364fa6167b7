"""Engines, sessions and schema upgrades for the personal-data store."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Dialect, Engine, create_engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

MIGRATIONS = Path(__file__).with_name("migrations")

# Any fixed number works; all processes upgrading the same PostgreSQL database must agree on it.
_UPGRADE_LOCK = 0x5D_D1A7


class Base(DeclarativeBase):
    pass


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("an instant needs a time zone; naive datetimes are ambiguous")
        value = value.astimezone(UTC)
        # SQLite has no zone-aware type: store naive UTC so text order is time order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin) instead of the driver's lazy one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout makes concurrent writers wait their turn instead of failing at once
    # (set first, so that it covers the switch to WAL too); WAL lets readers go on while
    # one writer writes.
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once with "database is
    # locked" when another process wrote in between (the busy timeout does not apply to
    # that upgrade). Taking the write lock up front makes writers queue instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def driver_url(url: str) -> str:
    """URL with the psycopg driver named; ``postgres://`` (a common spelling) is accepted."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(url: str) -> Engine:
    """An engine for URL; for SQLite the folder is created and WAL is switched on.

    Errors never carry the statement's parameters (``hide_parameters``): they hold
    people's notes, names and ids, and errors end up in logs.
    """
    url = driver_url(url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        # Health data: a new folder and file are readable by their owner only.
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            path.touch(mode=0o600)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


DISK_FULL = "The server's disk is full, so nothing was saved. Please tell whoever runs it."
READ_ONLY = ("The server cannot write its data (its storage is read-only), so nothing was "
             "saved. Please tell whoever runs it.")
NO_DATABASE = ("The database is not answering, so nothing was saved. Please try again in a "
               "few minutes.")


def storage_problem(exc: BaseException) -> str | None:
    """Plain words for a storage failure that is nobody's input (a full disk, read-only
    storage, a database that does not answer), or None for any other error."""
    import errno
    import sqlite3

    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        todo += [getattr(error, "orig", None), error.__cause__, error.__context__]
        if isinstance(error, OSError) and error.errno is not None:
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                return DISK_FULL
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return READ_ONLY
        code = str(getattr(error, "sqlstate", None) or "")
        if code.startswith("53"):  # insufficient resources: disk full, out of memory
            return DISK_FULL
        if code in ("25006", "42501"):  # read-only transaction, permission denied
            return READ_ONLY
        if code.startswith(("08", "57P")):  # connection failures, the server shutting down
            return NO_DATABASE
        if isinstance(error, sqlite3.Error):
            text = str(error).lower()
            if "disk is full" in text:
                return DISK_FULL
            if "readonly" in text or "read-only" in text or "unable to open" in text:
                return READ_ONLY
        if type(error).__module__.startswith("psycopg") and type(error).__name__ in (
                "OperationalError", "ConnectionTimeout") and not code:
            return NO_DATABASE
    return None


@contextmanager
def _sqlite_file_lock(path: str) -> Iterator[None]:
    try:
        fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # read-only storage: the database itself will say so in plain words
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _first_run_lock(engine: Engine) -> Any:
    """For a SQLite file: one process at a time opens it first, switches it to WAL and
    creates the tables (several commands started at once on a new data directory once
    left one of them with "database is locked"). PostgreSQL has its advisory lock below."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return _sqlite_file_lock(database)
    return nullcontext()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent, safe when processes race)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _first_run_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two first runs at once would both create the tables; the lock makes one wait.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole, or rolled back whole on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
