"""Which build of the engine's hot modules runs: compiled to C, or the Python source.

``make`` compiles ``COMPILED`` with mypyc (``scripts/native.sh``), which puts a
``.so`` beside each source file; both builds give the same results, the compiled one
about twice as fast. Python imports a ``.so`` before the ``.py`` of the same name, so a
``.so`` left from before an edit or a ``git pull`` would run old code: when any compiled
module is older than its source, or will not load, all of them are loaded from source
instead. Nothing is printed; ``NATIVE`` and ``WHY`` say what happened (``make bench``
prints them). ``SD_ENGINE=python`` asks for the source (the tests compare the two).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

COMPILED = ("_compile", "_plan", "_decide", "_wording", "_missing", "_build")
"""The compiled modules, each after the ones it imports."""

PACKAGE = __name__.rpartition(".")[0]
HERE = Path(__file__).parent

NATIVE = False
WHY = "no compiled modules (run make, or scripts/native.sh)"


def _stale() -> str | None:
    """Why the compiled modules cannot be used, or None when they all can."""
    if os.environ.get("SD_ENGINE") == "python":
        return "SD_ENGINE=python asks for the source"
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    missing = [n for n in COMPILED if not (HERE / f"{n}{suffix}").exists()]
    if len(missing) == len(COMPILED):
        return WHY
    if missing:
        return f"compiled modules missing: {', '.join(missing)}"
    old = [n for n in COMPILED
           if (HERE / f"{n}.py").stat().st_mtime > (HERE / f"{n}{suffix}").stat().st_mtime]
    return f"compiled modules older than their source: {', '.join(old)}" if old else None


def _from_source() -> None:
    for name in COMPILED:
        full = f"{PACKAGE}.{name}"
        sys.modules.pop(full, None)
        spec = importlib.util.spec_from_file_location(full, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)


def load() -> None:
    """Import the hot modules, compiled when they are there and current."""
    global NATIVE, WHY
    problem = _stale()
    if problem is None:
        try:
            for name in COMPILED:
                module = importlib.import_module(f"{PACKAGE}.{name}")
                if str(getattr(module, "__file__", "")).endswith(".py"):
                    raise ImportError(f"{name} loaded from source")
        except Exception as exc:  # noqa: BLE001  (any failure: use the source)
            problem = f"compiled modules do not load ({exc})"
        else:
            NATIVE, WHY = True, "compiled with mypyc"
            return
    WHY = problem
    _from_source()
