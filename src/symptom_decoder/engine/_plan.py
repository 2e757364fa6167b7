"""A pack compiled for fast evaluation: closures for every condition, and for every unit
of output the answer paths it depends on (used to rank missing answers)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from symptom_decoder.engine._compile import Check, compile_condition, firing_values
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.conditions import Condition, Ref, fired_refs, leaves
from symptom_decoder.knowledge.derived import DERIVED
from symptom_decoder.knowledge.models import Advice, Rule

# Stages in evaluation order; a unit may only read the outcomes of earlier stages.
STAGES = ("warning", "look_alike", "factor", "triage", "test", "relief", "plan")


@dataclass(frozen=True, eq=False)
class CompiledRule:
    """A weighted rule, compiled; compared by identity (``rule in fired``)."""

    rule: Rule
    check: Check
    answers: tuple[str, ...]


@dataclass
class Unit:
    """One thing the engine can show: a warning, look-alike, factor, triage rule, ..."""

    stage: str
    id: str
    order: int
    key: str = field(init=False)
    """``stage:id``, as rules name it (``factor:iron``)."""
    deps: set[str] = field(default_factory=set)
    direct: frozenset[str] = frozenset()
    """Answer paths read without going through another unit's outcome."""
    refs: frozenset[str] = frozenset()
    """Other units' outcomes this unit reads (``warning:x``, ``factor:y``...)."""
    outcome_keys: tuple[str, str, str] = field(init=False)
    """The outcomes a look-alike or factor sets: itself, ``>=moderate``, ``>=high``."""

    def __post_init__(self) -> None:
        self.key = key = f"{self.stage}:{self.id}"
        self.outcome_keys = (key, f"{key}>=moderate", f"{key}>=high")


@dataclass(frozen=True)
class Trial:
    """A value to try for an unanswered question, and what it can move (see ``_trial``)."""

    value: Any
    live: frozenset[str]
    """Units whose own conditions can read differently with this value (or that read an
    outcome of their own stage or a later one); any other unit changes only when an
    outcome it reads does."""
    moving: frozenset[Check]
    """Conditions that can read differently: those with such a leaf, and every condition
    that reads an outcome. Any other condition reads as it did in the decision."""


@dataclass(frozen=True)
class Plan:
    pack: Pack
    warnings: tuple[tuple[Any, Check, tuple[str, ...]], ...]
    scores: dict[str, tuple[tuple[Check, int, str], ...]]
    look_alikes: tuple[tuple[Any, Check, tuple[CompiledRule, ...]], ...]
    factors: tuple[tuple[Any, tuple[CompiledRule, ...]], ...]
    triage: tuple[tuple[Any, Check, tuple[str, ...]], ...]
    tests: tuple[tuple[Any, Check], ...]
    relief: tuple[tuple[Advice, Check | None, Check | None], ...]
    plan: tuple[tuple[Advice, Check | None, Check | None], ...]
    units: dict[str, Unit]
    affected: dict[str, tuple[Unit, ...]]
    candidates: dict[str, tuple[Any, ...]]
    question_order: dict[str, int]
    score_deps: dict[str, frozenset[str]]
    bands: tuple[float, float] = (1.0, 1.0)
    index: dict[str, Any] = field(default_factory=dict)
    rules_for: dict[tuple[str, str], tuple[CompiledRule, ...]] = field(default_factory=dict)
    """(factor or look-alike key, answer path) -> the weighted rules that read that path."""
    stale: dict[str, frozenset[str]] = field(default_factory=dict)
    """For each answer path, the values (answers, derived, limits, scores) that change with it."""
    caps: dict[str, tuple[tuple[Any, Check | None, Check | None], ...]] = field(
        default_factory=dict)
    """Unit key (``look_alike:dvt``, ``factor:iron``) -> its caps, compiled."""
    safety_net: tuple[tuple[Any, Check | None], ...] = ()
    ask_when: dict[str, Check] = field(default_factory=dict)
    """Question path -> when it is asked (follow-ups of a lead question)."""
    quick_when: dict[str, Check] = field(default_factory=dict)
    """Question path -> when the quick check asks it though it needs a reading."""
    stage_headlines: tuple[Check, ...] = ()
    """The ``when`` of each of the manifest's ``stage_headlines``, in order."""
    trials: dict[str, tuple[Trial, ...]] = field(default_factory=dict)
    """Question path -> its candidate values, each with what it can move."""


def _key_inputs(key: str, score_deps: dict[str, frozenset[str]]) -> frozenset[str]:
    if key in DERIVED:
        return frozenset(DERIVED[key].inputs)
    head, _, rest = key.partition(".")
    if head == "limits":
        return frozenset({"age_years"})
    if head == "scores":
        return score_deps.get(rest, frozenset())
    return frozenset({key})


def _answer_deps(cond: Condition | None, pack: Pack, score_deps: dict[str, set[str]]) -> set[str]:
    """Answer paths a condition reads, directly or through derived values, limits, scores."""
    out: set[str] = set()
    if cond is None:
        return out
    for leaf in leaves(cond):
        paths = [leaf.path] + ([leaf.operand.ref] if isinstance(leaf.operand, Ref) else [])
        for path in paths:
            out |= _path_deps(path, score_deps)
    return out


def _path_deps(path: str, score_deps: dict[str, set[str]]) -> set[str]:
    if path in DERIVED:
        return set(DERIVED[path].inputs)
    head = path.split(".", 1)[0]
    if head == "limits":
        return {"age_years"}
    if head == "scores":
        return set(score_deps.get(path.split(".", 1)[1], set()))
    return {path}


def _compile_rules(rules: Iterable[Rule], pack: Pack, score_deps: dict[str, set[str]]
                   ) -> tuple[CompiledRule, ...]:
    return tuple(
        CompiledRule(r, compile_condition(r.when), tuple(sorted(_answer_deps(r.when, pack,
                                                                              score_deps))))
        for r in rules
    )


def _maybe(cond: Condition | None) -> Check | None:
    return None if cond is None else compile_condition(cond)


class _Alone:
    """A context where one unanswered PATH now holds VALUE and nothing else is known."""

    __slots__ = ("_path", "_value")

    def __init__(self, path: str, value: Any) -> None:
        self._path, self._value = path, value

    def value(self, path: str) -> Any:
        return self._value if path == self._path else None

    def fired(self, ref: str) -> bool:
        return False


Owner = tuple[str, Check, Condition]
"""A compiled condition the engine evaluates, with its unit's key and its source."""


def _owners(plan: Plan) -> list[Owner]:
    """Every compiled condition of the plan's units (rules, gates, caps, advice...)."""
    out: list[Owner] = [(f"warning:{w.public_id}", check, w.when) for w, check, _ in plan.warnings]
    for stage, items in (("look_alike", [(la, rules) for la, _, rules in plan.look_alikes]),
                         ("factor", plan.factors)):
        for model, rules in items:
            key = f"{stage}:{model.id}"
            out += [(key, r.check, r.rule.when) for r in rules]
            out += [(key, check, cond) for cap, when, unless in plan.caps.get(key, ())
                    for check, cond in ((when, cap.when), (unless, cap.unless))
                    if check is not None and cond is not None]
    out += [(f"look_alike:{la.id}", gate, la.gate) for la, gate, _ in plan.look_alikes]
    out += [(f"triage:{t.id}", check, t.when) for t, check, _ in plan.triage]
    out += [(f"test:{t.id}", check, t.when) for t, check in plan.tests]
    for stage, advice in (("relief", plan.relief), ("plan", plan.plan)):
        out += [(f"{stage}:{a.id}", check, cond) for a, when, unless in advice
                for check, cond in ((when, a.when), (unless, a.unless))
                if check is not None and cond is not None]
    return out


LeafReads = tuple[Owner, frozenset[str], Check]
"""(the condition a leaf belongs to, the values the leaf reads, the leaf compiled)."""


def _leaf_reads(owners: list[Owner]) -> dict[str, list[LeafReads]]:
    """Value key -> every leaf that reads it, with the condition it belongs to."""
    out: dict[str, list[LeafReads]] = {}
    for owner in owners:
        for leaf in leaves(owner[2]):
            reads = frozenset([leaf.path] + ([leaf.operand.ref] if isinstance(leaf.operand, Ref)
                                             else []))
            check = compile_condition(leaf)
            for read in reads:
                out.setdefault(read, []).append((owner, reads, check))
    return out


def _reads_ahead(unit: Unit, units: dict[str, Unit]) -> bool:
    """True when UNIT reads an outcome of its own stage or a later one: ranking then sees
    that outcome's final value, not the one the decision saw, so it is always rechecked."""
    here = STAGES.index(unit.stage)
    return any(STAGES.index(units[ref].stage) >= here for ref in unit.refs)


def _trial(plan: Plan, path: str, value: Any, by_read: dict[str, list[LeafReads]],
           read_outcomes: frozenset[Check]) -> Trial:
    """What answering unanswered PATH with VALUE can move, before any outcome changes.

    A leaf on PATH alone is decided here, once: it reads nothing else, and PATH was unknown
    before. A leaf on a derived value, a limit, a score or a second path may always move.
    """
    units = plan.units
    live = {key for key, unit in units.items() if path in unit.direct and _reads_ahead(unit, units)}
    moving = set(read_outcomes)
    for read in plan.stale[path]:
        for (key, owner, _), reads, check in by_read.get(read, ()):
            if reads != {path} or check(_Alone(path, value)) != check(_Alone(path, None)):
                live.add(key)
                moving.add(owner)
    return Trial(value, frozenset(live), frozenset(moving))


@cache
def compile_pack(pack: Pack) -> Plan:
    score_deps: dict[str, set[str]] = {}
    for s in pack.scores:
        deps: set[str] = set()
        for item in s.items:
            deps |= _answer_deps(item.when, pack, score_deps)
        score_deps[s.id] = deps

    units: dict[str, Unit] = {}
    conds: dict[str, list[Condition | None]] = {}

    def unit(stage: str, uid: str, order: int, *cs: Condition | None) -> None:
        key = f"{stage}:{uid}"
        if key not in units:
            units[key] = Unit(stage, uid, order)
            conds[key] = []
        conds[key].extend(cs)

    for i, w in enumerate(pack.warnings):
        unit("warning", w.public_id, i, w.when)
    def cap_conditions(caps: Iterable[Any]) -> list[Condition | None]:
        return [c for cap in caps for c in (cap.when, cap.unless)]

    for i, la in enumerate(pack.look_alikes):
        unit("look_alike", la.id, i, la.gate, *(r.when for r in la.rules),
             *cap_conditions(la.caps))
    for i, f in enumerate(pack.factors):
        unit("factor", f.id, i, *(r.when for r in f.rules), *cap_conditions(f.caps))
    for i, t in enumerate(pack.triage):
        unit("triage", t.id, i, t.when)
    for i, test in enumerate(pack.tests):
        unit("test", test.id, i, test.when)
    for i, a in enumerate(pack.relief):
        unit("relief", a.id, i, a.when, a.unless)
    for i, a in enumerate(pack.plan):
        unit("plan", a.id, i, a.when, a.unless)

    # Direct dependencies, then the fired outcomes they read, to a fixed point.
    reads: dict[str, set[str]] = {}
    for key, cs in conds.items():
        for c in cs:
            units[key].deps |= _answer_deps(c, pack, score_deps)
        reads[key] = {ref for c in cs if c is not None for ref in fired_refs(c)}
        units[key].direct = frozenset(units[key].deps)
        units[key].refs = frozenset(reads[key])
    changed = True
    while changed:
        changed = False
        for key, refs in reads.items():
            for ref in refs:
                extra = units[ref].deps - units[key].deps
                if extra:
                    units[key].deps |= extra
                    changed = True

    affected: dict[str, list[Unit]] = {}
    for u in sorted(units.values(), key=lambda u: (STAGES.index(u.stage), u.order)):
        for path in u.deps:
            affected.setdefault(path, []).append(u)

    candidates: dict[str, list[Any]] = {}

    def add(path: str, values: Iterable[Any]) -> None:
        bucket = candidates.setdefault(path, [])
        for v in values:
            if v not in bucket:
                bucket.append(v)

    all_conds = [c for cs in conds.values() for c in cs if c is not None]
    all_conds += [item.when for s in pack.scores for item in s.items]
    for c in all_conds:
        for leaf in leaves(c):
            add(leaf.path, firing_values(leaf))
    question_types = {q.path: q.type for q in pack.questions}
    for q in pack.questions:
        add(q.path, q.probes or [])
    for path, values in list(candidates.items()):
        if question_types.get(path) == "multi_choice":
            candidates[path] = [[v] if not isinstance(v, list) else v for v in values]

    plan = Plan(
        pack=pack,
        warnings=tuple((w, compile_condition(w.when),
                        tuple(sorted(_answer_deps(w.when, pack, score_deps))))
                       for w in pack.warnings),
        scores={s.id: tuple((compile_condition(i.when), i.points, i.text) for i in s.items)
                for s in pack.scores},
        look_alikes=tuple((la, compile_condition(la.gate),
                           _compile_rules(la.rules, pack, score_deps)) for la in pack.look_alikes),
        factors=tuple((f, _compile_rules(f.rules, pack, score_deps)) for f in pack.factors),
        triage=tuple((t, compile_condition(t.when),
                      tuple(sorted(_answer_deps(t.when, pack, score_deps)))) for t in pack.triage),
        tests=tuple((t, compile_condition(t.when)) for t in pack.tests),
        relief=tuple((a, _maybe(a.when), _maybe(a.unless)) for a in pack.relief),
        plan=tuple((a, _maybe(a.when), _maybe(a.unless)) for a in pack.plan),
        units=units,
        affected={p: tuple(us) for p, us in affected.items()},
        candidates={p: tuple(v) for p, v in candidates.items() if v},
        question_order={q.path: i for i, q in enumerate(pack.questions)},
        score_deps={k: frozenset(v) for k, v in score_deps.items()},
        bands=(pack.manifest.likelihood.high, pack.manifest.likelihood.moderate),
        caps={
            **{f"look_alike:{la.id}": tuple((c, _maybe(c.when), _maybe(c.unless)) for c in la.caps)
               for la in pack.look_alikes if la.caps},
            **{f"factor:{f.id}": tuple((c, _maybe(c.when), _maybe(c.unless)) for c in f.caps)
               for f in pack.factors if f.caps},
        },
        safety_net=tuple((item, _maybe(item.when)) for item in pack.safety_net),
        ask_when={q.path: compile_condition(q.ask_when) for q in pack.questions
                  if q.ask_when is not None},
        quick_when={q.path: compile_condition(q.quick_when) for q in pack.questions
                    if q.quick_when is not None},
        stage_headlines=tuple(compile_condition(h.when) for h in pack.manifest.stage_headlines),
    )
    keys = {leaf.path for c in all_conds for leaf in leaves(c)}
    keys |= {leaf.operand.ref for c in all_conds for leaf in leaves(c)
             if isinstance(leaf.operand, Ref)}
    keys |= set(DERIVED) | {f"scores.{sid}" for sid in score_deps}
    for path in plan.question_order:
        plan.stale[path] = frozenset(
            k for k in keys | {path} if k == path or path in _key_inputs(k, plan.score_deps))
    for stage, items in (("factor", [(f.id, rules) for f, rules in plan.factors]),
                         ("look_alike", [(la.id, rules) for la, _, rules in plan.look_alikes])):
        for uid, rules in items:
            per_path: dict[str, list[CompiledRule]] = {}
            for r in rules:
                deps = set(r.answers)
                for ref in fired_refs(r.rule.when):
                    deps |= units[ref].deps
                for path in deps:
                    per_path.setdefault(path, []).append(r)
            for path, rs in per_path.items():
                plan.rules_for[(f"{stage}:{uid}", path)] = tuple(rs)
    by_warning: dict[str, list[tuple[Any, Check]]] = {}
    for w, check, _ in plan.warnings:
        by_warning.setdefault(w.public_id, []).append((w, check))
    owners = _owners(plan)
    by_read = _leaf_reads(owners)
    read_outcomes = frozenset(check for _, check, cond in owners if any(fired_refs(cond)))
    for path in plan.question_order:
        plan.trials[path] = tuple(_trial(plan, path, v, by_read, read_outcomes)
                                  for v in plan.candidates.get(path, ()))
    plan.index.update(
        warning=by_warning,
        look_alike={la.id: (la, gate, rules) for la, gate, rules in plan.look_alikes},
        factor={f.id: (f, rules) for f, rules in plan.factors},
        triage={t.id: (t, check) for t, check, _ in plan.triage},
        triage_rank={t.id: t.level.rank for t, _, _ in plan.triage},
        test={t.id: check for t, check in plan.tests},
        relief={a.id: (when, unless) for a, when, unless in plan.relief},
        plan={a.id: (when, unless) for a, when, unless in plan.plan},
    )
    return plan


