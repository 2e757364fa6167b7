"""Read a pack folder, check it in three layers, and report every problem with its place.

Layer 1, schema: each file through Pydantic models (unknown keys are errors).
Layer 2, graph: ids unique, every reference and fired rule exists, every condition path
is a real answer path or a known derived value, nothing unreachable, triage monotonic.
Layer 3 is the test suite, which loads every pack and keeps one broken fixture per fault.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from symptom_decoder.knowledge import graph
from symptom_decoder.knowledge.models import (
    Advice,
    Claim,
    Factor,
    Intake,
    LookAlike,
    Manifest,
    Question,
    Reference,
    SafetyNetItem,
    Score,
    TestItem,
    TriageRule,
    WarningRule,
)
from symptom_decoder.knowledge.pack import Pack
from symptom_decoder.knowledge.records import Records
from symptom_decoder.yamlread import safe_load

PACKS = Path(__file__).with_name("packs")
M = TypeVar("M", bound=BaseModel)


class PackError(Exception):
    """A pack failed to load; ``problems`` holds one line each: file, path in it, problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


_TAGS = ("all", "any", "not", "fired", "path")
_CONDITION_FIELDS = ("when", "gate", "ask_when", "quick_when", "unless", "not")


def _where(loc: tuple[Any, ...]) -> str:
    """A Pydantic error location as a readable path, without the condition union's tags."""
    out = ""
    for i, part in enumerate(loc):
        prev = loc[i - 1] if i else None
        in_condition_list = isinstance(prev, int) and i >= 2 and loc[i - 2] in ("all", "any")
        if part in _TAGS and (prev in _CONDITION_FIELDS or in_condition_list):
            continue  # the union's tag repeats what the next key says
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top)"


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name}: file is missing")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else "(top)"
        problems.append(f"{path.name}: {place}: not valid YAML ({getattr(exc, 'problem', exc)})")
    return None


def _items(folder: Path, name: str, model: type[M], problems: list[str], *, optional: bool = False
           ) -> tuple[M, ...]:
    path = folder / name
    if optional and not path.exists():
        return ()
    data = _read_yaml(path, problems)
    if data is None:
        return ()
    try:
        return tuple(TypeAdapter(list[model]).validate_python(data))  # type: ignore[valid-type]
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{name}: {_where(err['loc'])}: {err['msg']}")
        return ()


def _records(folder: Path, problems: list[str]) -> Records | None:
    path = folder / "records.yaml"
    if not path.exists():
        return None
    data = _read_yaml(path, problems)
    if data is None:
        return None
    try:
        return Records.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"records.yaml: {_where(err['loc'])}: {err['msg']}")
        return None


def _intakes(folder: Path, problems: list[str]) -> tuple[Intake, ...]:
    path = folder / "intakes.csv"
    if not path.exists():
        return ()
    rows: list[Intake] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=2):
            clean: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
            clean["references"] = (clean.get("references") or "").split()
            try:
                rows.append(Intake.model_validate(clean))
            except ValidationError as exc:
                for err in exc.errors():
                    problems.append(f"intakes.csv: row {number}, column {_where(err['loc'])}: "
                                    f"{err['msg']}")
    return tuple(rows)


def _answers_schema(folder: Path, manifest: Manifest, problems: list[str]) -> dict[str, Any]:
    if manifest.answers_schema == "answers/v1":
        from symptom_decoder.answers import answers_schema

        return answers_schema()
    path = folder / manifest.answers_schema
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return schema
    except (OSError, ValueError) as exc:
        problems.append(f"pack.yaml: answers_schema: cannot read {path.name} ({exc})")
        return {}


def load_pack_dir(folder: Path) -> Pack:
    """Load and check the pack in FOLDER; raise PackError listing every problem found."""
    problems: list[str] = []
    raw = _read_yaml(folder / "pack.yaml", problems)
    manifest: Manifest | None = None
    if raw is not None:
        try:
            manifest = Manifest.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(f"pack.yaml: {_where(err['loc'])}: {err['msg']}")
    references = _items(folder, "references.yaml", Reference, problems)
    pack_parts = dict(
        questions=_items(folder, "questions.yaml", Question, problems),
        triage=_items(folder, "triage.yaml", TriageRule, problems),
        factors=_items(folder, "factors.yaml", Factor, problems),
        look_alikes=_items(folder, "look_alikes.yaml", LookAlike, problems),
        scores=_items(folder, "scores.yaml", Score, problems, optional=True),
        tests=_items(folder, "tests.yaml", TestItem, problems),
        relief=_items(folder, "relief.yaml", Advice, problems),
        plan=_items(folder, "plan.yaml", Advice, problems),
        warnings=_items(folder, "warnings.yaml", WarningRule, problems, optional=True),
        safety_net=_items(folder, "safety_net.yaml", SafetyNetItem, problems),
        claims=_items(folder, "claims.yaml", Claim, problems, optional=True),
    )
    intakes = _intakes(folder, problems)
    records = _records(folder, problems)
    if manifest is None or problems:
        raise PackError(problems or ["pack.yaml: (top): the manifest is empty"])
    schema = _answers_schema(folder, manifest, problems)
    pack = Pack(
        manifest=manifest,
        answers_schema=schema,
        references={r.id: r for r in references},
        intakes=intakes,
        records=records,
        **pack_parts,  # type: ignore[arg-type]
    )
    problems.extend(graph.check(pack))
    if problems:
        raise PackError(problems)
    return pack


_CACHE: dict[str, Pack] = {}


def load_pack(name: str = "pregnancy-leg-cramps") -> Pack:
    """A built-in pack by name, or a pack folder by path; loaded once per process."""
    if name not in _CACHE:
        folder = Path(name) if ("/" in name or Path(name).is_dir()) else PACKS / name
        if not (folder / "pack.yaml").exists():
            known = ", ".join(sorted(p.name for p in PACKS.iterdir() if p.is_dir()))
            raise PackError([f"{name}: no such knowledge pack (built in: {known})"])
        _CACHE[name] = load_pack_dir(folder)
    return _CACHE[name]
