"""Two app servers on one PostgreSQL, as behind a load balancer: a person signed in on one
writes through both at once, and every cramp is stored exactly once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from web_support import PASSWORD, free_port

pytestmark = pytest.mark.postgres

CLI = str(Path(sys.executable).with_name("symptom-decoder"))
EACH = 40



def _wait(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not start")


def test_two_servers_on_one_database_lose_and_duplicate_nothing(
    blank_url: str, tmp_path: Path
) -> None:
    if not blank_url.startswith("postgresql"):
        pytest.skip("two hosts share a PostgreSQL database; SQLite is one machine's")
    hosts = []
    for n in range(2):
        port = free_port()
        env = os.environ | {"DATABASE_URL": blank_url, "SD_DATA_DIR": str(tmp_path / f"h{n}"),
                            "SD_SECRET_KEY": "one key for every host " * 2}
        process = subprocess.Popen(
            [CLI, "serve", "--port", str(port), "--workers", "1", "--dev-http"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        hosts.append((f"http://127.0.0.1:{port}", process))
    try:
        for url, process in hosts:
            _wait(url, process)
        first, second = (url for url, _ in hosts)
        with httpx.Client(base_url=first) as one:
            page = one.get("/signup")
            csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
            assert csrf
            signed = one.post("/signup", data={"username": "alice", "password": PASSWORD,
                                               "confirm": PASSWORD, "csrf_token": csrf.group(1)})
            assert signed.status_code in (200, 303)
            cookies = dict(one.cookies)
        token = httpx.get(second + "/api/v1/session", cookies=cookies).json()
        assert token["signed_in"] and token["username"] == "alice"  # a session from host one
        headers = {"x-csrf-token": token["csrf_token"]}
        ids = [str(uuid.uuid4()) for _ in range(EACH)]

        def send(job: tuple[int, str]) -> int:
            n, cramp = job
            url = hosts[n % 2][0]
            body = {"uuid": cramp, "zone": "Europe/London", "severity": n % 11}
            return httpx.post(url + "/api/v1/diary/episodes", json=body, headers=headers,
                              cookies=cookies, timeout=60).status_code

        # Every cramp goes to both hosts at once, as a phone retrying after a lost answer.
        jobs = [(n + side, cramp) for n, cramp in enumerate(ids) for side in (0, 1)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(send, jobs))
        assert set(statuses) <= {200, 201}
        assert statuses.count(201) == EACH
        for url in (first, second):
            stored = httpx.get(url + "/api/v1/diary/episodes", cookies=cookies).json()
            assert sorted(e["uuid"] for e in stored["episodes"]) == sorted(ids)
    finally:
        for _, process in hosts:
            process.terminate()
            process.communicate(timeout=30)
