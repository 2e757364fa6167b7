"""``serve``'s worker processes: each listens on the port itself, a new visitor is not kept
waiting behind clients that keep their connections open, and a worker that dies is
replaced while the others go on answering."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from conftest import SHARED
from symptom_decoder.cli._workers import listening_socket
from web_support import free_port, stop

CLI = str(Path(sys.executable).with_name("symptom-decoder"))
EXAMPLE = SHARED / "contract" / "examples" / "classic-night-cramps.json"



def _listeners(port: int) -> dict[int, int]:
    """The processes listening on 127.0.0.1:PORT, as {socket inode: pid}."""
    wanted = f"0100007F:{port:04X}"
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A: LISTEN
            inodes.add(int(fields[9]))
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = [os.readlink(fd) for fd in (proc / "fd").iterdir()]
        except OSError:
            continue
        for link in links:
            if link.startswith("socket:[") and int(link[8:-1]) in inodes:
                found[int(link[8:-1])] = int(proc.name)
    return found


def _until(what: str, check: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


Serve = Callable[[int], tuple[int, "subprocess.Popen[str]"]]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    """Start ``serve --workers N`` (N from the test's parameter) on a free port."""
    started: list[tuple[subprocess.Popen[str], IO[str]]] = []

    def start(workers: int) -> tuple[int, subprocess.Popen[str]]:
        port = free_port()
        log = (tmp_path / f"serve-{port}.log").open("w")
        process = subprocess.Popen(
            [CLI, "serve", "--port", str(port), "--workers", str(workers)],
            env=os.environ | {"SD_DATA_DIR": str(tmp_path / "data")},
            stdout=subprocess.DEVNULL, stderr=log, text=True)
        started.append((process, log))
        _until("the server answers", lambda: process.poll() is None and _answers(port))
        _until(f"{workers} workers listen", lambda: len(_listeners(port)) == workers)
        return port, process

    yield start
    for process, log in started:
        stop(process)
        log.close()


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/livez", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, parent, ...), or None."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def _children(pid: int) -> set[int]:
    return {int(proc.name) for proc in Path("/proc").iterdir()
            if proc.name.isdigit() and (_stat(int(proc.name)) or ["", ""])[1] == str(pid)}


def test_asyncio_sends_replies_at_once_on_the_sockets_workers_listen_on() -> None:
    """Nagle's algorithm off on every accepted connection: a reply written as a head and a
    body then goes out whole, not after the client's delayed acknowledgement (~40 ms).
    asyncio turns it off only on sockets made with protocol IPPROTO_TCP."""

    async def nodelay_of(listener: socket.socket) -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await asyncio.get_running_loop().create_server(Record, sock=listener)
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(accepted, 10)
        writer.close()
        server.close()
        return value

    assert asyncio.run(nodelay_of(listening_socket("127.0.0.1", 0, 8, shared=False))) != 0
    plain = socket.socket()  # protocol 0, as uvicorn binds its shared socket
    plain.bind(("127.0.0.1", 0))
    plain.listen(8)
    assert asyncio.run(nodelay_of(plain)) == 0  # what the IPPROTO_TCP is for


def test_each_worker_listens_itself_and_one_that_dies_is_replaced(
    serve: Serve, tmp_path: Path
) -> None:
    port, process = serve(2)
    data = str(tmp_path / "second")
    listeners = _listeners(port)
    workers = set(listeners.values())
    assert len(workers) == 2
    assert workers <= _children(process.pid)

    for _ in range(40):  # each on a new connection: the kernel spreads them
        assert httpx.get(f"http://127.0.0.1:{port}/livez", timeout=10).status_code == 200

    # The workers' sockets let each other share the port; a second server may not.
    second = subprocess.run([CLI, "serve", "--port", str(port)], capture_output=True,
                            text=True, timeout=120, env=os.environ | {"SD_DATA_DIR": data})
    assert second.returncode == 2
    assert second.stderr.startswith(f"SD_PORT ({port}): cannot listen"), second.stderr

    gone = min(workers)
    os.kill(gone, signal.SIGKILL)
    _until("its socket closes with it", lambda: gone not in _listeners(port).values(), 30)
    for _ in range(40):  # none lands in the queue of the worker that is gone
        assert httpx.get(f"http://127.0.0.1:{port}/livez", timeout=10).status_code == 200
    _until("a new worker takes its place", lambda: len(_listeners(port)) == 2)
    assert gone not in _listeners(port).values()
    assert process.poll() is None


def test_a_burst_of_new_visitors_is_not_kept_behind_open_connections(serve: Serve) -> None:
    """Ten clients keep their connections open and ask for assessments without a pause;
    then fifteen new connections open at once. Each new one is answered within a couple of
    turns of the worker's loop (20 to 28 of the open clients' answers here). Counted in
    answers, not seconds: before, the worker accepted one new connection per turn, and the
    new ones waited 30, 40, ... 170 answers, one turn more each."""
    port, _ = serve(1)
    body = json.dumps(json.loads(EXAMPLE.read_text())["answers"]).encode()
    post = (b"POST /api/v1/assess HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body
    busy, fresh = 10, 15

    async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                       request: bytes) -> None:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        await reader.readexactly(length)

    async def run() -> list[int]:
        answered = 0
        stop = asyncio.Event()

        async def keep_asking() -> None:
            nonlocal answered
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            while not stop.is_set():
                await exchange(reader, writer, post)
                answered += 1
            writer.close()

        async def visit(since: int) -> int:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            await exchange(reader, writer, b"GET /livez HTTP/1.1\r\nHost: t\r\n\r\n")
            writer.close()
            return answered - since

        clients = [asyncio.create_task(keep_asking()) for _ in range(busy)]
        while answered < 20 * busy:  # all open and busy
            await asyncio.sleep(0.05)
        waited = await asyncio.wait_for(
            asyncio.gather(*(visit(answered) for _ in range(fresh))), 120)
        stop.set()
        await asyncio.gather(*clients)
        return list(waited)

    waited = asyncio.run(run())
    assert max(waited) <= 6 * busy, waited


def test_workers_stop_when_their_supervisor_is_killed(serve: Serve) -> None:
    """``kill -9`` of the ``serve`` process (or the out-of-memory killer) leaves no worker
    behind holding the port: the next ``serve`` can start."""
    port, process = serve(2)
    workers = set(_listeners(port).values())
    process.kill()
    process.wait()
    _until("the workers stop", lambda: not _listeners(port), 30)
    _until("and are gone", lambda: not any(_running(pid) for pid in workers), 30)


def _running(pid: int) -> bool:
    """Whether PID runs (a zombie, waiting for whoever adopted it to reap it, does not)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"
