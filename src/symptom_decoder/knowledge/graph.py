"""Layer 2 of pack checking: the rules form a sound graph over real answer paths."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from symptom_decoder.knowledge import records
from symptom_decoder.knowledge.conditions import (
    Condition,
    Fired,
    Leaf,
    Ref,
    fired_refs,
    has_negation,
    leaves,
    nodes,
)
from symptom_decoder.knowledge.derived import DERIVED, LIMIT_FIELDS
from symptom_decoder.types import Evidence, Level

if TYPE_CHECKING:
    from symptom_decoder.knowledge.pack import Pack

# Which rule outcomes each stage may read; the order rules out cycles.
STAGE_READS = {
    "warnings.yaml": (),
    "scores.yaml": (),
    "look_alikes.yaml": ("warning",),
    "factors.yaml": ("warning", "look_alike"),
    "triage.yaml": ("warning", "look_alike"),
    "tests.yaml": ("warning", "look_alike", "factor"),
    "relief.yaml": ("warning", "look_alike", "factor"),
    "plan.yaml": ("warning", "look_alike", "factor"),
    "safety_net.yaml": ("warning", "look_alike", "factor"),
    "claims.yaml": (),
    "questions.yaml": (),
    "pack.yaml": (),
}


def answer_paths(schema: dict[str, Any], prefix: str = "") -> dict[str, dict[str, Any]]:
    """Every answerable path of a JSON Schema, mapped to its sub-schema."""
    out: dict[str, dict[str, Any]] = {}
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        if sub.get("type") == "object" and "properties" in sub:
            out.update(answer_paths(sub, f"{path}."))
        else:
            out[path] = sub
    return out


def _entries(pack: Pack) -> Iterator[tuple[str, str, Any]]:
    """(file, place, entry) for every entry of the pack that holds conditions or sources."""
    for name, items in (("questions.yaml", pack.questions), ("triage.yaml", pack.triage),
                        ("tests.yaml", pack.tests), ("relief.yaml", pack.relief),
                        ("plan.yaml", pack.plan), ("warnings.yaml", pack.warnings),
                        ("safety_net.yaml", pack.safety_net), ("claims.yaml", pack.claims)):
        for i, item in enumerate(items):
            yield name, f"[{i}]", item
    for name, groups, inner in (("factors.yaml", pack.factors, "rules"),
                                ("factors.yaml", pack.factors, "caps"),
                                ("look_alikes.yaml", pack.look_alikes, "rules"),
                                ("look_alikes.yaml", pack.look_alikes, "caps"),
                                ("scores.yaml", pack.scores, "items")):
        for i, group in enumerate(groups):
            if inner != "caps":
                yield name, f"[{i}]", group
            for j, item in enumerate(getattr(group, inner)):
                yield name, f"[{i}].{inner}[{j}]", item
    for i, variant in enumerate(pack.manifest.stage_headlines):
        yield "pack.yaml", f"stage_headlines[{i}]", variant


def _conditions(pack: Pack) -> Iterator[tuple[str, str, Condition]]:
    """(file, place, condition) for every condition in the pack."""
    for name, place, entry in _entries(pack):
        for attr in ("ask_when", "quick_when", "gate", "when", "unless"):
            cond = getattr(entry, attr, None)
            if cond is not None:
                yield name, f"{place}.{attr}", cond


def _sources(pack: Pack) -> Iterator[tuple[str, str, list[str]]]:
    for name, place, entry in _entries(pack):
        sources = getattr(entry, "sources", None)
        if sources is not None:
            yield name, f"{place}.sources", sources
    if pack.manifest.estimates is not None:
        yield "pack.yaml", "estimates.sources", pack.manifest.estimates.sources
    for i, row in enumerate(pack.intakes):
        yield "intakes.csv", f"row {i + 2}, column references", row.references
    if pack.records is not None:
        for place, ids in records.sources(pack.records):
            yield "records.yaml", place, ids


def _check_path(path: str, pack: Pack, answers: dict[str, Any]) -> str | None:
    if path in answers or path in DERIVED:
        return None
    parts = path.split(".")
    if parts[0] == "limits":
        nutrients = {row.nutrient for row in pack.intakes}
        if len(parts) == 3 and parts[1] in nutrients and parts[2] in LIMIT_FIELDS:
            return None
        return f"unknown limit {path!r} (limits.<nutrient>.<rda|ear|ul>, nutrients: "\
               f"{', '.join(sorted(nutrients)) or 'none'})"
    if parts[0] == "scores":
        if len(parts) == 2 and parts[1] in {s.id for s in pack.scores}:
            return None
        return f"unknown score {path!r}"
    return f"unknown answer path {path!r}"


def check(pack: Pack) -> list[str]:
    """Every graph problem of PACK, one line each: file, place, problem."""
    problems: list[str] = []
    answers = answer_paths(pack.answers_schema)
    ids: dict[str, set[str]] = {
        "warning": {w.public_id for w in pack.warnings},
        "look_alike": {la.id for la in pack.look_alikes},
        "factor": {f.id for f in pack.factors},
    }
    id_lists: list[tuple[str, list[str]]] = [
        ("questions.yaml", [q.id for q in pack.questions]),
        ("triage.yaml", [t.id for t in pack.triage]),
        ("factors.yaml", [f.id for f in pack.factors]),
        ("look_alikes.yaml", [la.id for la in pack.look_alikes]),
        ("tests.yaml", [t.id for t in pack.tests]),
        ("relief.yaml", [a.id for a in pack.relief]),
        ("plan.yaml", [a.id for a in pack.plan]),
        ("warnings.yaml", [w.id for w in pack.warnings]),
        ("scores.yaml", [s.id for s in pack.scores]),
    ]
    for name, item_ids in id_lists:
        seen: set[str] = set()
        for i, item_id in enumerate(item_ids):
            if item_id in seen:
                problems.append(f"{name}: [{i}].id: duplicate id {item_id!r}")
            seen.add(item_id)
    rule_ids: set[str] = set()
    for i, f in enumerate(pack.factors):
        for j, r in enumerate(f.rules):
            if r.id in rule_ids:
                problems.append(f"factors.yaml: [{i}].rules[{j}].id: duplicate rule id {r.id!r}")
            rule_ids.add(r.id)
    for i, la in enumerate(pack.look_alikes):
        for j, r in enumerate(la.rules):
            if r.id in rule_ids:
                problems.append(f"look_alikes.yaml: [{i}].rules[{j}].id: duplicate rule id "
                                f"{r.id!r}")
            rule_ids.add(r.id)

    for name, place, cond in _conditions(pack):
        for leaf in leaves(cond):
            for path in [leaf.path] + ([leaf.operand.ref] if isinstance(leaf.operand, Ref) else []):
                problem = _check_path(path, pack, answers)
                if problem:
                    problems.append(f"{name}: {place}: {problem}")
            problems.extend(f"{name}: {place}: {p}" for p in _check_leaf_value(leaf, answers))
        for ref in fired_refs(cond):
            kind, target = ref.split(":", 1)
            if kind not in STAGE_READS[name]:
                problems.append(f"{name}: {place}: may not read {kind} outcomes "
                                f"(allowed: {', '.join(STAGE_READS[name]) or 'none'})")
            elif target not in ids[kind]:
                problems.append(f"{name}: {place}: fired refers to unknown {kind} {target!r}")
        if name == "triage.yaml" and has_negation(cond):
            problems.append(f"{name}: {place}: triage conditions may not use 'not', 'ne' or "
                            "'present: false' (adding an answer must never lower urgency)")

    cited: set[str] = set()
    for name, place, sources in _sources(pack):
        for ref_id in sources:
            cited.add(ref_id)
            if ref_id not in pack.references:
                problems.append(f"{name}: {place}: unknown reference {ref_id!r}")
    for ref_id in pack.references:
        if ref_id not in cited:
            problems.append(f"references.yaml: {ref_id}: cited by no rule (unreachable)")

    for i, q in enumerate(pack.questions):
        if q.quick_when is not None and q.needs is None:
            problems.append(f"questions.yaml: [{i}].quick_when: only for a question with "
                            "'needs' (the quick check asks every other one already)")
        if q.path not in answers:
            problems.append(f"questions.yaml: [{i}].path: unknown answer path {q.path!r}")
        elif q.type in ("choice", "multi_choice"):
            allowed = set(_enum(answers[q.path]))
            for c in q.choices or []:
                if c.value not in allowed:
                    problems.append(f"questions.yaml: [{i}].choices: {c.value!r} is not an "
                                    f"allowed value of {q.path}")
            if not q.choices:
                problems.append(f"questions.yaml: [{i}].choices: a {q.type} question needs "
                                "choices")
        elif q.type == "supplements":
            problems.extend(f"questions.yaml: [{i}].{p}" for p in _check_list_question(
                q, answers[q.path]))
    asked = {q.path for q in pack.questions}
    for name, place, cond in _conditions(pack):
        for leaf in leaves(cond):
            if leaf.path in answers and leaf.path not in asked:
                problems.append(f"{name}: {place}: no question asks {leaf.path!r}")
    problems.extend(_check_levels(pack))
    if pack.records is not None:
        trimesters = {row.trimester for row in pack.manifest.trimesters}
        problems.extend(records.check(pack.records, answers, trimesters))
    problems.extend(_check_unknown_age(pack))
    return problems


def _check_unknown_age(pack: Pack) -> list[str]:
    """Each nutrient needs a band for people who do not give their age."""
    span = pack.manifest.unknown_age
    if span is None:
        return []
    if span.age_min > span.age_max:
        return [f"pack.yaml: unknown_age: age_min {span.age_min} is above age_max {span.age_max}"]
    covered = {r.nutrient for r in pack.intakes
               if r.age_min <= span.age_max and span.age_min <= r.age_max}
    return [f"pack.yaml: unknown_age: no intakes.csv band of {nutrient!r} falls within ages "
            f"{span.age_min} to {span.age_max}"
            for nutrient in sorted({r.nutrient for r in pack.intakes} - covered)]


def _floor_rules(pack: Pack, la_id: str) -> list[Level]:
    """Levels of triage rules that fire on look-alike LA_ID shown at moderate or more."""
    out = []
    for t in pack.triage:
        for node in nodes(t.when):
            if isinstance(node, Fired) and node.fired == f"look_alike:{la_id}" and \
                    node.at_least in (None, "moderate") and t.when == node:
                out.append(t.level)
    return out


def _check_levels(pack: Pack) -> list[str]:
    """Headline consistency, caps on weak evidence, nothing routine at emergency level, and
    a safety net on every result."""
    problems = []
    for i, la in enumerate(pack.look_alikes):
        if la.danger is None:
            continue
        if not any(level.at_least(la.danger) for level in _floor_rules(pack, la.id)):
            problems.append(
                f"look_alikes.yaml: [{i}].danger: {la.id!r} is a danger at {la.danger.value}, "
                f"but no triage rule says {{fired: \"look_alike:{la.id}\", at_least: moderate}} "
                f"with level {la.danger.value} or higher")
    for i, f in enumerate(pack.factors):
        if f.evidence.level is Evidence.source_article_claim and not any(
                cap.when is None and cap.unless is None for cap in f.caps):
            problems.append(f"factors.yaml: [{i}].caps: {f.id!r} rests on the source article's "
                            "claim alone, so it needs a cap with no condition (at_most: "
                            "moderate) to keep it from ever being rated high")
    for i, a in enumerate(pack.plan):
        if a.max_level is Level.emergency:
            problems.append(f"plan.yaml: [{i}].max_level: a plan is never shown at an "
                            "emergency; the most is urgent")
    if not any(item.when is None and item.levels is None for item in pack.safety_net):
        problems.append("safety_net.yaml: (top): needs at least one line with no 'when' and "
                        "no 'levels', so that no result is without a safety net")
    return problems


def _check_list_question(q: Any, sub: dict[str, Any]) -> list[str]:
    """A list question's choices are exactly the item kinds the schema allows, and every field
    it asks for is a property of the item."""
    item = sub.get("items", {})
    props = item.get("properties", {})
    kinds = list(props.get("kind", {}).get("enum", []))
    problems = []
    given = [c.value for c in q.choices or []]
    if sorted(given) != sorted(kinds):
        problems.append(f"choices: must be exactly the kinds {q.path} allows ({', '.join(kinds)}); "
                        f"got {', '.join(given) or 'none'}")
    for f in q.fields or []:
        if f.key not in props:
            problems.append(f"fields: {f.key!r} is not a field of an item of {q.path}")
    return problems


def _enum(sub: dict[str, Any]) -> list[Any]:
    if "enum" in sub:
        return list(sub["enum"])
    items = sub.get("items", {})
    return list(items.get("enum", []))


def _check_leaf_value(leaf: Leaf, answers: dict[str, Any]) -> list[str]:
    sub = answers.get(leaf.path)
    if sub is None:
        return []
    allowed = _enum(sub)
    values: list[Any] = []
    if leaf.op == "in_":
        values = list(leaf.in_ or [])
    elif leaf.op in ("eq", "ne", "contains"):
        values = [leaf.operand]
    if allowed:
        return [f"{v!r} is not an allowed value of {leaf.path}" for v in values if v not in allowed]
    return []
