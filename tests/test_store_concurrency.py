"""Several processes writing at once lose nothing and store nothing twice, on both databases."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from conftest import Store
from symptom_decoder.store.db import make_engine, transaction
from symptom_decoder.store.diary_models import Episode

WORKERS = 4
EACH = 25

# Each worker logs its own episodes and also every episode of the worker before it, at
# the same moment, then sends everything once more, as an offline client re-syncing would.
WORKER = """
import sys, time, uuid
from datetime import UTC, datetime, timedelta
from symptom_decoder.diary.episodes import EpisodeEntry, log_episode
from symptom_decoder.store.db import make_engine, session_factory, transaction
from symptom_decoder.store.people import person_by_handle

url = sys.argv[1]
worker, workers, each = (int(arg) for arg in sys.argv[2:5])
start = float(sys.argv[5])
factory = session_factory(make_engine(url))
mine = [(worker, i) for i in range(each)] + [((worker - 1) % workers, i) for i in range(each)]
time.sleep(max(0.0, start - time.time()))
for attempt in range(2):
    for owner, i in mine:
        entry = EpisodeEntry(
            started_at=datetime(2026, 5, 1, tzinfo=UTC) + timedelta(minutes=owner * 1000 + i),
            zone="Europe/London", severity=i % 11,
            uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"episode/{owner}/{i}")),
        )
        with transaction(factory) as session:
            log_episode(session, person_by_handle(session, "alice"), entry)
"""


def _run_workers(url: str) -> None:
    start = time.time() + 2.0
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(n), str(WORKERS), str(EACH), str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    errors = [process.communicate(timeout=240)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * WORKERS, errors


def test_it_loses_and_duplicates_nothing_when_processes_write_at_once(store: Store) -> None:
    _run_workers(store.url)
    with transaction(store.factory) as session:
        rows = session.execute(select(Episode.uuid, Episode.person_id)).all()
    assert len(rows) == WORKERS * EACH
    assert len({uuid for uuid, _ in rows}) == WORKERS * EACH
    assert len({person for _, person in rows}) == 1


def test_it_survives_first_runs_racing_to_create_the_database(
    blank_url: str, tmp_path: Path
) -> None:
    env = os.environ | {"DATABASE_URL": blank_url, "SD_TZ": "UTC", "SD_DATA_DIR": str(tmp_path)}
    cli = str(Path(sys.executable).with_name("symptom-decoder"))
    processes = [
        subprocess.Popen(
            [cli, "diary", "log", "--severity", str(n)], env=env, stderr=subprocess.PIPE, text=True,
            stdout=subprocess.DEVNULL,
        )
        for n in range(6)
    ]  # fmt: skip
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 6, errors
    engine = make_engine(blank_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Episode)) == 6
    engine.dispose()
