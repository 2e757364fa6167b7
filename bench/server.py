"""The server under load (``make bench-server``): figures, not a timed test.

Starts ``symptom-decoder serve`` on a free port with a fresh data directory (SQLite) and
``--workers`` (default: the cores), then drives it with wrk (Debian's package) for DURATION
seconds each at 1 and 50 connections against ``GET /healthz`` and ``POST /api/v1/assess``.
The assess bodies are varied and realistic: 20,000 different answer sets from
``varied.py`` (week of pregnancy, cramps, danger signs mostly no, food, supplements), more
than a run sends, so a cache of repeated answers cannot flatter the figures. Prints
requests per second, p50 and p99 for each, and the ratio of assess to healthz throughput at
50 connections.

Aims on the 2-core project machine: assess at 50 connections at least 60 % of healthz
throughput with p99 under 50 ms; healthz p99 under 20 ms. The machine may be shared: run it
twice and compare.

    python bench/server.py [--duration 10] [--workers N] [--url http://host:port]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from varied import answer_sets

WRK = shutil.which("wrk") or "/usr/bin/wrk"

# A Lua script for wrk: POST bodies come from BODIES, a file of one answers/v1 document per
# line (bench/varied.py), each thread starting at its own place; the latency percentiles
# are printed as one JSON line at the end.
SCRIPT = r"""
local bodies, at = {}, 1
init = function(args)
  if wrk.method ~= "POST" then return end
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  math.randomseed(12345 + (tonumber(tostring({}):sub(8), 16) or 0))
  at = math.random(#bodies)
end
request = function()
  if wrk.method == "POST" then
    at = at % #bodies + 1
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[at])
  end
  return wrk.format()
end
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, '
    .. '"errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the server did not start within 3 minutes")


BODIES = 20_000
"""Different answer sets for the POST runs: more than a 10-second run sends."""


def run_wrk(url: str, path: str, *, connections: int, seconds: int, post: bool,
            folder: Path) -> dict[str, float]:
    script = folder / ("post.lua" if post else "get.lua")
    script.write_text(('wrk.method = "POST"\n' if post else "") + SCRIPT)
    bodies = folder / "bodies.jsonl"
    if post and not bodies.exists():
        bodies.write_text("".join(json.dumps(a) + "\n" for a in answer_sets(BODIES)))
    command = [WRK, f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s",
               "--timeout", "10s", "-s", str(script), url + path, "--", str(bodies)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
    result["per_second"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--url", help="measure a server already running here instead")
    args = parser.parse_args()
    if not Path(WRK).exists():
        sys.exit("wrk is missing: run scripts/tools.sh wrk (make bench-server does)")
    folder = Path(tempfile.mkdtemp(prefix="sd-bench-"))
    process = None
    url = args.url
    try:
        if url is None:
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            cli = str(Path(sys.executable).with_name("symptom-decoder"))
            env = os.environ | {"SD_DATA_DIR": str(folder / "data")}
            process = subprocess.Popen(
                [cli, "serve", "--port", str(port), "--workers", str(args.workers)], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait(url, process)
        from symptom_decoder.engine import compiled  # the same files the server loads

        print(f"server: {url}, {args.workers} workers, engine {compiled()[1]}; {args.duration} s "
              f"per run; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        rows: dict[tuple[str, int], dict[str, float]] = {}
        for connections in (1, 50):
            for name, path, post in (("healthz", "/healthz", False),
                                     ("assess", "/api/v1/assess", True)):
                result = run_wrk(url, path, connections=connections, seconds=args.duration,
                                 post=post, folder=folder)
                rows[(name, connections)] = result
                print(f"{name:<8} {connections:>2} connections: {result['per_second']:8.0f}/s  "
                      f"p50 {result['p50_ms']:7.2f} ms  p99 {result['p99_ms']:7.2f} ms  "
                      f"errors {int(result['errors'])}, non-2xx {int(result['non_2xx'])}")
        ratio = rows[("assess", 50)]["per_second"] / rows[("healthz", 50)]["per_second"]
        print(f"assess / healthz throughput at 50 connections: {ratio:.0%} (aim: at least 60%); "
              f"healthz p99 {rows[('healthz', 50)]['p99_ms']:.1f} ms (aim: under 20 ms); "
              f"assess p99 {rows[('assess', 50)]['p99_ms']:.1f} ms (aim: under 50 ms)")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
