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


# ------------------------------------------------------------------ the house stays straight

PACKAGE = SRC.name


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in SRC.rglob("*.py")}


def _resolve(name: str) -> str | None:
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in MODULES:
            return ".".join(parts[:i])
    return None


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING"))


def _project_imports(module: str) -> set[str]:
    """Every module of the package that MODULE imports, inside functions too, leaving out
    ``if TYPE_CHECKING:`` blocks (they never run)."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                for inner in child.orelse:  # type: ignore[attr-defined]
                    visit(inner)
                continue
            if isinstance(child, ast.Import):
                found.update(r for a in child.names if (r := _resolve(a.name)))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package[: len(package) - (child.level - 1)]
                    base = ".".join(up + ([base] if base else []))
                if base.split(".")[0] == PACKAGE:
                    for alias in child.names:
                        target = _resolve(f"{base}.{alias.name}") or _resolve(base)
                        if target:
                            found.add(target)
            visit(child)

    visit(ast.parse(path.read_text()))
    found.discard(module)
    return found


GRAPH = {m: _project_imports(m) for m in MODULES}


def _cycles() -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            strong(v)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    assert len(GRAPH) > 100, "the graph is too small to mean anything"
    assert _cycles() == []


def _package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]


def test_no_module_imports_another_packages_private_module() -> None:
    bad = []
    for module, targets in GRAPH.items():
        for target in targets:
            name = target.rsplit(".", 1)[-1]
            if name.startswith("_") and not name.startswith("__") \
                    and _package_of(target) != _package_of(module):
                bad.append(f"{module} -> {target}")
    assert bad == []


def test_no_router_imports_another_router() -> None:
    routers = {m for m in MODULES if m.startswith(f"{PACKAGE}.web.routes.")}
    assert len(routers) >= 5
    bad = [f"{m} -> {t}" for m in routers for t in GRAPH[m] if t in routers]
    assert bad == []


def test_the_package_top_level_holds_at_most_eight_modules() -> None:
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= 8, top


def test_the_engine_is_given_its_pack_and_never_loads_one() -> None:
    engine = [m for m in MODULES if m.startswith(f"{PACKAGE}.engine")]
    loads = [m for m in engine if f"{PACKAGE}.knowledge.loader" in GRAPH[m]]
    assert loads == []
    import inspect

    from symptom_decoder.engine import assess

    assert inspect.signature(assess).parameters["pack"].default is inspect.Parameter.empty
    calls = [m for m in engine if "load_pack" in MODULES[m].read_text()]
    assert calls == []


def test_only_the_engine_compiles_conditions() -> None:
    users = sorted(m for m, targets in GRAPH.items() if f"{PACKAGE}.engine._compile" in targets)
    assert users and all(m.startswith(f"{PACKAGE}.engine") for m in users)


def test_the_json_api_lets_the_products_errors_carry_their_own_status() -> None:
    from symptom_decoder import errors

    domain = {name for name, value in vars(errors).items()
              if isinstance(value, type) and issubclass(value, errors.DecoderError)}
    domain |= {"AnswersError", "StackError", "FoodLogError", "NotFound", "FieldError"}
    for path in SRC.joinpath("web", "routes").glob("api*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = {n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", "")
                          for n in ast.walk(node.type)}
                assert not caught & domain, f"{path.name}:{node.lineno} translates {caught}"
    assert errors.FieldError("x", "y").status == 422
    assert errors.NotFound().status == 404


def test_the_licence_is_apache_2_and_stated_as_an_spdx_string() -> None:
    import tomllib

    root = SRC.parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0"
    assert "Apache License" in (root / "LICENSE").read_text()[:200]
