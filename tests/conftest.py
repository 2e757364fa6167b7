"""Shared fixtures: every test runs with its own data directory, never a person's real one."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import make_engine, session_factory, upgrade

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "sd-data"
    monkeypatch.setenv("SD_DATA_DIR", str(data))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SD_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()


# --- Storage on SQLite and PostgreSQL -------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Store:
    """A fresh, migrated database for one test, and the way to open sessions on it."""

    url: str
    engine: Engine
    factory: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A reachable PostgreSQL server: TEST_DATABASE_URL, or a private one started now."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            pytest.fail(f"TEST_DATABASE_URL={url} cannot be used: {exc}", pytrace=False)
        finally:
            engine.dispose()
        yield url
        return
    done = subprocess.run(
        [str(ROOT / "scripts" / "postgres.sh"), "start"], capture_output=True, text=True
    )
    if done.returncode != 0 or not done.stdout.strip():
        pytest.fail(
            "The PostgreSQL storage tests need a server: set TEST_DATABASE_URL or run "
            f"`make test`, which starts one. scripts/postgres.sh said:\n{done.stderr}",
            pytrace=False,
        )
    url, folder = done.stdout.split()
    try:
        yield url
    finally:
        subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "stop", folder], check=False)


def _fresh_postgres_database(server_url: str) -> tuple[str, str]:
    name = f"sd_test_{uuid.uuid4().hex[:16]}"
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}", name


def _drop_postgres_database(server_url: str, name: str) -> None:
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables yet: a fresh SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    server: str = request.getfixturevalue("postgres_url")
    url, name = _fresh_postgres_database(server)
    try:
        yield url
    finally:
        _drop_postgres_database(server, name)


@pytest.fixture
def store(blank_url: str) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL, each time on a fresh, migrated database."""
    engine = make_engine(blank_url)
    upgrade(engine)
    try:
        yield Store(url=blank_url, engine=engine, factory=session_factory(engine))
    finally:
        engine.dispose()
