"""The worker processes of ``serve``: each listens on the port with a socket of its own.

uvicorn's workers share one listening socket, and its fast event loop (uvloop, built on
libuv) accepts one connection per turn of the loop. When many connections open at once on
a busy worker, the last one waits a whole turn, one request for every connection already
open, for each connection before it. With wrk's 50 connections the first answers took 0.3
to 0.7 seconds while the others took 50 ms: a new visitor waited behind every client that
kept its connection open.

Here each worker binds the port itself with ``SO_REUSEPORT``. The kernel hands each new
connection to one worker's queue, and the worker runs asyncio's event loop, which accepts
all the connections waiting for it at once. A worker that dies takes its socket with it,
so new connections go to the others until the supervisor (uvicorn's) has started its
replacement; none wait in the queue of a worker that is gone.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

LOOP = "asyncio"
"""The event loop of each worker: asyncio's accepts every waiting connection in one turn."""

log = logging.getLogger("uvicorn.error")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def listening_socket(host: str, port: int, backlog: int, *, shared: bool) -> socket.socket:
    """A TCP socket listening on HOST:PORT; SHARED lets each worker bind one of its own.

    It is made with protocol IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off
    (TCP_NODELAY) only on such sockets. With it on, a reply written in two parts (the
    head, then the body) waited for the client's delayed acknowledgement, about 40 ms.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn chooses
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, family, socket.SOCK_STREAM, socket.IPPROTO_TCP)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def cannot_listen(host: str, port: int, exc: OSError) -> str:
    """The one line ``serve`` prints when HOST:PORT cannot be listened on."""
    return (f"SD_PORT ({port}): cannot listen on {host}:{port} ({exc.strerror or exc}); "
            "stop the other server there or choose another port with --port")


def _stop_with_parent() -> None:
    """Ask Linux to send this worker SIGTERM (a graceful stop) when the supervisor dies,
    even by SIGKILL: a worker left behind would go on holding the port, and the next
    ``serve`` would find it taken."""
    parent = multiprocessing.parent_process()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if parent is None or os.getppid() != parent.pid:  # it died before the request
        sys.exit(0)


class _Worker(Process):
    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        """In the worker process: bind the port, then serve as uvicorn's worker does."""
        _stop_with_parent()
        config = self.config
        try:
            own = listening_socket(config.host, config.port, config.backlog, shared=True)
        except OSError as exc:
            print(cannot_listen(config.host, config.port, exc), file=sys.stderr)
            sys.exit(STARTUP_FAILURE)  # the supervisor then stops instead of retrying
        super().target([own])


class _Supervisor(Multiprocess):
    """uvicorn's supervisor (signals, health pings, restarts), starting workers that each
    bind the port themselves. The three methods that start a worker follow uvicorn's, with
    ``_Worker`` for its ``Process``."""

    failed = False
    """Set when a worker could not start: the command then exits with uvicorn's code 3."""

    def _start(self) -> _Worker:
        worker = _Worker(self.config, [])
        worker.start()
        return worker

    def init_processes(self) -> None:
        self.processes.extend(self._start() for _ in range(self.processes_num))

    def restart_all(self) -> None:
        """On SIGHUP: each worker in turn, the new one serving before the old one stops."""
        for idx, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = self._start()
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck,
                                        self.should_exit):
                new.kill()
                new.join()
                log.error("A new worker was not ready in time; worker %s goes on serving.",
                          old.pid)
                return
            old.terminate()
            old.join()
            self.processes[idx] = new

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for idx, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()  # hung: make sure it is gone
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                log.error("Worker %s could not start; stopping.", process.pid)
                self.failed = True
                self.should_exit.set()  # it would fail the same way again
                return
            if self.should_exit.is_set():
                return
            self.processes[idx] = self._start()


def run(app: str, **options: Any) -> None:
    """Serve APP (uvicorn's Config OPTIONS, ``workers`` among them) on asyncio's loop, for
    which the sockets here are made, with one process per worker on its host and port."""
    config = uvicorn.Config(app, loop=LOOP, **options)
    if config.workers == 1:
        server = uvicorn.Server(config)
        with listening_socket(config.host, config.port, config.backlog, shared=False) as sock:
            server.run(sockets=[sock])
        if not server.started:
            sys.exit(STARTUP_FAILURE)
        return
    supervisor = _Supervisor(config, sockets=[])
    supervisor.run()
    if supervisor.failed:
        sys.exit(STARTUP_FAILURE)
