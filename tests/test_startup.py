"""The command starts fast: --help imports no heavy module (speed figures live in bench/)."""

from __future__ import annotations

import subprocess
import sys

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
