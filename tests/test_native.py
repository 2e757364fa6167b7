"""The engine compiled with mypyc (``make`` builds it) gives the same results as its Python
source, and a build older than its source is never used (speed figures live in bench/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from symptom_decoder.engine import _native, assess
from symptom_decoder.knowledge import load_pack

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
EXAMPLES = ROOT.parent / "shared" / "contract" / "examples"

compiled = pytest.mark.skipif(not _native.NATIVE, reason=f"engine not compiled: {_native.WHY}")


def _answer_sets() -> list[dict[str, Any]]:
    """Every clinical case's answers and every contract example's: about 180 varied sets."""
    sets: list[dict[str, Any]] = [{}]
    for path in sorted(CASES.glob("*.yaml")):
        sets += [dict(case["answers"]) for case in yaml.safe_load(path.read_text())]
    for path in sorted(EXAMPLES.glob("*.json")):
        case = json.loads(path.read_text())
        if "exit_code" not in case["expect"]:
            sets.append(case["answers"])
    return sets


SOURCE = """
import json, sys
from symptom_decoder.engine import _native, assess
from symptom_decoder.knowledge import load_pack
assert not _native.NATIVE, _native.WHY
pack = load_pack()
print(json.dumps([assess(a, pack).to_json() for a in json.load(sys.stdin)]))
"""


@compiled
def test_the_compiled_engine_gives_what_its_source_gives() -> None:
    sets = _answer_sets()
    pack = load_pack()
    fast = [assess(a, pack).to_json() for a in sets]
    proc = subprocess.run([sys.executable, "-c", SOURCE], input=json.dumps(sets),
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "SD_ENGINE": "python"})
    slow = json.loads(proc.stdout)
    assert len(sets) > 150
    for answers, a, b in zip(sets, fast, slow, strict=True):
        assert a == b, answers


@compiled
def test_a_build_older_than_its_source_is_not_used(tmp_path: Path) -> None:
    """After an edit or a pull, the engine runs the new source until make rebuilds it."""
    src = ROOT / "src"
    copy = tmp_path / "src"
    shutil.copytree(src / "symptom_decoder", copy / "symptom_decoder")
    for lib in src.glob("*__mypyc*.so"):
        shutil.copy2(lib, copy / lib.name)
    edited = copy / "symptom_decoder" / "engine" / "_missing.py"
    edited.write_text(edited.read_text() + "\nEDITED = True\n")
    code = ("from symptom_decoder.engine import _native, _missing, assess\n"
            "from symptom_decoder.knowledge import load_pack\n"
            "assess({}, load_pack())\n"
            "print(_native.NATIVE, _missing.EDITED, _native.WHY)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(copy)}, cwd=tmp_path)
    assert proc.stdout.split()[:2] == ["False", "True"]
    assert "older than their source: _missing" in proc.stdout


def test_serve_says_when_the_engine_runs_from_source() -> None:
    """Whoever hosts it learns in one line that the engine is running slower, and how to
    fix that; a compiled engine adds no line."""
    code = "from symptom_decoder.cli.web import engine_note; print(engine_note())"
    source = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "SD_ENGINE": "python"})
    assert "runs from its Python source (SD_ENGINE=python" in source.stdout
    assert "`make native`" in source.stdout
    if _native.NATIVE:
        fast = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        assert fast.stdout.strip() == "None"
