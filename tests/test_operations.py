"""What an operator sees: /healthz naming what cannot be written, plain words for a full or
read-only disk, and start-up problems as one line with exit code 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import DISK_FULL, READ_ONLY, driver_url, make_engine
from symptom_decoder.web import health
from symptom_decoder.web.app import create_app
from web_support import make_client, sign_up, token

CLI = str(Path(sys.executable).with_name("symptom-decoder"))


def _fresh_check(client: TestClient) -> None:
    client.app.state.health.checked = -health.EVERY  # type: ignore[attr-defined]


def test_healthz_names_a_data_directory_that_cannot_be_written(isolated_data_dir: Path) -> None:
    client = make_client()
    assert client.get("/healthz").json() == {"status": "ok"}
    shutil.rmtree(isolated_data_dir)
    isolated_data_dir.write_text("not a folder any more")
    _fresh_check(client)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "data directory (SD_DATA_DIR) cannot be written" in response.json()["problem"]
    assert client.get("/livez").json() == {"status": "alive"}


@pytest.mark.postgres
def test_a_read_only_database_leaves_the_pool_and_says_so(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"sd_ro_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    monkeypatch.setenv("DATABASE_URL", postgres_url.rpartition("/")[0] + "/" + name)
    get_settings.cache_clear()
    app = create_app(get_settings())
    try:
        client = TestClient(app, base_url="https://testserver")
        sign_up(client, "alice")
        csrf = token(client)
        with admin.connect() as connection:
            connection.execute(
                text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        app.state.engine.dispose()  # new connections pick the setting up
        _fresh_check(client)
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["problem"].startswith("the database cannot be written")
        sent = client.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": "secret"},
                           headers={"x-csrf-token": csrf})
        assert sent.status_code == 503
        assert sent.json()["detail"] == READ_ONLY
    finally:
        app.state.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 40 MB file system of its own (needs root to mount; skipped elsewhere)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(folder)],
            capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_and_then_read_only_disk_are_named_in_plain_words(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SD_DATA_DIR", str(tiny_disk / "data"))
    get_settings.cache_clear()
    client = make_client()
    sign_up(client, "alice")
    csrf = token(client)
    assert client.get("/healthz").status_code == 200
    # Unbuffered, so that closing the file has nothing left to write to the full disk.
    with open(tiny_disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"x" * 65536)
        except OSError:
            pass
    long_note = "n" * 2000
    statuses = {client.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": long_note},
                            headers={"x-csrf-token": csrf}).status_code for _ in range(60)}
    assert 503 in statuses and 500 not in statuses
    full = client.post("/api/v1/diary/episodes", json={"zone": "UTC", "note": long_note},
                       headers={"x-csrf-token": csrf})
    assert full.json()["detail"] == DISK_FULL
    _fresh_check(client)
    assert "No space left on device" in client.get("/healthz").json()["problem"]
    client.app.state.engine.dispose()  # type: ignore[attr-defined]
    (tiny_disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    _fresh_check(client)
    problem = client.get("/healthz").json()["problem"]
    assert "Read-only file system" in problem
    refused = client.post("/api/v1/diary/episodes", json={"zone": "UTC"},
                          headers={"x-csrf-token": csrf})
    assert (refused.status_code, refused.json()["detail"]) == (503, READ_ONLY)
    client.app.state.engine.dispose()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("variable", "value", "names"), [
    ("SD_DATA_DIR", "/proc/no-such-folder", "SD_DATA_DIR"),
    ("SD_DATA_DIR", "/etc/hostname/inside-a-file", "SD_DATA_DIR"),
    ("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/nothing", "DATABASE_URL"),
    ("DATABASE_URL", "mysql://nobody@localhost/nothing", "DATABASE_URL"),
    ("SD_WORKERS", "0", "SD_WORKERS"),
], ids=["missing-folder", "file-not-folder", "database-down", "unknown-driver", "no-workers"])
def test_start_up_problems_are_one_line_and_exit_code_2(
    variable: str, value: str, names: str, tmp_path: Path
) -> None:
    env = os.environ | {"SD_DATA_DIR": str(tmp_path / "data"), variable: value}
    started = time.monotonic()
    done = subprocess.run([CLI, "serve", "--port", "9"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(names)
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 60


def test_a_port_in_use_is_one_line_before_it_claims_to_be_running(tmp_path: Path) -> None:
    """A second `make run` while the first still runs: no "is at http://..." line followed
    by a uvicorn error, but one line naming the port and what to do."""
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        env = os.environ | {"SD_DATA_DIR": str(tmp_path / "data")}
        done = subprocess.run([CLI, "serve", "--port", str(port)], env=env, capture_output=True,
                              text=True, timeout=120)
    assert done.returncode == 2
    assert "is at http" not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"SD_PORT ({port}): cannot listen on 127.0.0.1:{port}")
    assert "--port" in lines[0]


def test_it_accepts_postgres_urls_as_written_by_many_hosts() -> None:
    assert driver_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert driver_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert driver_url("sqlite:///x") == "sqlite:///x"
