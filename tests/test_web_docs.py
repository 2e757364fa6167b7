"""docs/web.md names every route the app has, and the serve command's options."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from symptom_decoder.cli import app
from web_support import all_routes, make_client

DOC = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")


def test_it_documents_every_route() -> None:
    client = make_client()
    paths = {r.path for r in all_routes(list(client.app.routes))}  # type: ignore[attr-defined]
    missing = sorted(p for p in paths if p not in DOC)
    assert missing == []


def test_it_documents_every_option_of_serve() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    offered = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout)) - {"--help"}
    assert offered == {"--host", "--port", "--workers", "--dev-http"}
    for option in offered:
        assert f"`{option}" in DOC or f"{option}`" in DOC or option in DOC
