"""The command starts fast: --help imports no heavy module (speed figures live in bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("pydantic_settings", "sqlalchemy", "alembic", "matplotlib", "jsonschema", "fastapi",
         "uvicorn", "rapidfuzz", "symptom_decoder.engine", "symptom_decoder.knowledge")


def test_help_imports_none_of_the_heavy_modules() -> None:
    code = ("import sys, symptom_decoder.cli as c\n"
            "sys.argv = ['symptom-decoder', '--help']\n"
            "try:\n    c.main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} "
            f"or m in {HEAVY!r}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_a_worker_is_ready_before_its_first_request(tmp_path: Path) -> None:
    """Each worker of ``serve`` compiles the pack and builds the API document before it
    answers, then hides what it built from the garbage collector: the first person does not
    wait for the compile, and no later one waits for a collection that walks the whole app
    (about 90 ms a few times a minute under load before; figures in bench/server.py)."""
    code = ("import gc\n"
            "from symptom_decoder.engine._plan import compile_pack\n"
            "from symptom_decoder.web.app import serve_app\n"
            "app = serve_app()\n"
            "print(compile_pack.cache_info().currsize, app.openapi_schema is not None,\n"
            "      gc.get_freeze_count() > 10000)")
    env = {**os.environ, "SD_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env)
    assert proc.stdout.split() == ["1", "True", "True"]
