"""Whether this server can do its job: ``/healthz`` for load balancers and monitors.

It answers 503, naming the problem, when the data directory or the database cannot be
written (a read-only disk, a full disk, a database that refuses writes or does not answer);
a server that can only read must leave the pool, or people's cramps are lost. The check
writes a file and one database row, so it runs at most once a second per process and
every request in between gets the last answer.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import time
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from symptom_decoder.settings import Settings
from symptom_decoder.store.db import storage_problem

EVERY = 1.0
MIN_FREE_BYTES = 16 * 1024 * 1024
"""Less than this on the data directory's disk counts as full: SQLite needs room to commit."""


class Health:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.host = f"{socket.gethostname()}"[:255]
        self.checked = -EVERY
        self.problem: str | None = None
        self.lock = asyncio.Lock()

    async def problem_now(self) -> str | None:
        """The last check's problem (None when healthy), checking again once a second."""
        if time.monotonic() - self.checked < EVERY or self.lock.locked():
            return self.problem
        async with self.lock:
            from starlette.concurrency import run_in_threadpool

            self.problem = await run_in_threadpool(self.check)
            self.checked = time.monotonic()
        return self.problem

    def check(self) -> str | None:
        return self._data_dir() or self._database()

    def _data_dir(self) -> str | None:
        folder = self.settings.data_dir
        probe = folder / f".healthz-{os.getpid()}"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            try:
                os.write(fd, b"ok\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            probe.unlink()
            if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
                return "the disk that holds the data directory (SD_DATA_DIR) is full"
        except OSError as exc:
            return f"the data directory (SD_DATA_DIR) cannot be written: {exc.strerror or exc}"
        return None

    def _database(self) -> str | None:
        from sqlalchemy.dialects import postgresql, sqlite

        from symptom_decoder.store.models import Heartbeat

        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        now = datetime.now(UTC)
        statement = insert(Heartbeat).values(host=self.host, at=now)
        statement = statement.on_conflict_do_update(index_elements=[Heartbeat.host],
                                                    set_={"at": now})
        try:
            with self.engine.begin() as connection:
                connection.execute(statement)
        except SQLAlchemyError as exc:
            words = storage_problem(exc)
            if words is None:
                return f"the database cannot be written ({type(exc).__name__})"
            return "the database cannot be written: " + words.split(",")[0].lower()
        return None
