"""The core stays pure: the engine and the knowledge know nothing of the edges or the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import symptom_decoder

SRC = Path(symptom_decoder.__file__).parent
CORE = sorted([*SRC.joinpath("engine").glob("*.py"), *SRC.joinpath("knowledge").glob("*.py"),
               SRC / "nutrition.py", SRC / "answers.py", SRC / "types.py"])
EDGES = ("fastapi", "starlette", "sqlalchemy", "alembic", "typer", "rich", "uvicorn",
         "symptom_decoder.settings", "symptom_decoder.store", "symptom_decoder.cli",
         "symptom_decoder.web", "matplotlib", "requests", "httpx", "random", "socket")
CLOCK = ("now", "today", "utcnow", "time", "perf_counter", "monotonic")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(SRC)))
def test_core_modules_import_nothing_from_the_edges(path: Path) -> None:
    bad = [n for n in _imports(path) if any(n == e or n.startswith(e + ".") for e in EDGES)]
    assert bad == []


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(SRC)))
def test_core_modules_never_read_the_clock(path: Path) -> None:
    calls = [node.func.attr for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr in CLOCK]
    assert calls == []
