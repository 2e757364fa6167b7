"""The store keeps instants exact and people apart, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import inspect, select

from conftest import Store
from symptom_decoder.diary.episodes import EpisodeEntry, list_episodes, log_episode
from symptom_decoder.store.db import make_engine, transaction, upgrade
from symptom_decoder.store.diary_models import Episode
from symptom_decoder.store.people import person_by_handle


def test_it_creates_every_table_and_upgrading_again_changes_nothing(store: Store) -> None:
    upgrade(store.engine)
    tables = set(inspect(store.engine).get_table_names())
    assert {"people", "episodes", "day_contexts", "profiles", "assessments"} <= tables


def test_it_keeps_sqlite_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'folder' / 'db.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_it_gives_back_the_same_instant_in_utc(store: Store) -> None:
    at = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        log_episode(session, alice, EpisodeEntry(started_at=at, zone="Europe/London"))
    with transaction(store.factory) as session:
        (episode,) = session.scalars(select(Episode)).all()
        assert episode.started_at == at
        assert episode.started_at.tzinfo == UTC
        assert episode.zone == "Europe/London"


def test_it_never_shows_one_persons_episodes_to_another(store: Store) -> None:
    now = datetime(2026, 5, 1, 22, 0, tzinfo=UTC)
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        bob = person_by_handle(session, "bob")
        log_episode(session, alice, EpisodeEntry(started_at=now, zone="UTC", note="alice's"))
        assert list_episodes(session, bob) == []
        assert [e.note for e in list_episodes(session, alice)] == ["alice's"]


def test_it_stores_a_retried_episode_once(store: Store) -> None:
    entry = EpisodeEntry(started_at=datetime(2026, 5, 1, 22, 0, tzinfo=UTC), zone="UTC")
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        first, created = log_episode(session, alice, entry)
        assert created
    with transaction(store.factory) as session:
        alice = person_by_handle(session, "alice")
        again, created_again = log_episode(session, alice, entry)
        assert not created_again
        assert again.id == first.id
        assert len(list_episodes(session, alice)) == 1


def test_it_has_migrations_that_match_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import symptom_decoder.store.models  # noqa: F401
    from symptom_decoder.store.db import Base

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
