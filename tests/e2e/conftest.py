"""A real server and Debian's Chromium for the browser tests.

The server is ``symptom-decoder serve`` on a free port of 127.0.0.1 with a fresh data
directory; Playwright drives /usr/bin/chromium (it cannot download browsers here).
Screenshots go to test-artifacts/screenshots/; axe-core comes from var/axe
(``scripts/browser.sh`` fetches both).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web_support import free_port, stop

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SR28 = ROOT.parent / "shared" / "data" / "usda-sr28"
CHROMIUM = os.environ.get("SD_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}



@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, served by uvicorn as `make run` serves it, on a fresh data directory."""
    from symptom_decoder.foods.importer import import_foods

    port = free_port()
    data = tmp_path_factory.mktemp("server-data")
    import_foods(SR28, data / "foods.sqlite3")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SD_DATABASE_URL")}
    env.update(SD_DATA_DIR=str(data), SD_SECRET_KEY="test-secret-key-for-e2e-only")
    command = [str(Path(sys.executable).with_name("symptom-decoder")), "serve",
               "--host", "127.0.0.1", "--port", str(port)]
    log = (data / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("the server did not start:\n" + (data / "server.log").read_text())
            time.sleep(0.1)
        yield url
    finally:
        stop(process, 10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser.sh (make test does)",
                    pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_context(browser: Any, *, dark: bool = False) -> Any:
    return browser.new_context(
        viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
        color_scheme="dark" if dark else "light", accept_downloads=True,
    )


def capture(page: Any, path: Path, *, full_page: bool = True) -> None:
    """Write a screenshot once the page has loaded. Chromium under load sometimes answers
    "Unable to capture screenshot" for a frame it has not drawn yet: try again then (the
    picture is for people to look at; the tests assert on the page itself)."""
    from playwright.sync_api import Error

    page.wait_for_load_state()
    for attempt in range(3):
        try:
            page.screenshot(path=str(path), full_page=full_page)
            return
        except Error as exc:
            if "Unable to capture screenshot" not in str(exc) or attempt == 2:
                raise
            page.wait_for_timeout(500)


def shoot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    capture(page, path)
    return path


def axe_problems(page: Any) -> list[str]:
    """Serious and critical axe-core violations on the page, one line each."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/browser.sh (make test does)", pytrace=False)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]
