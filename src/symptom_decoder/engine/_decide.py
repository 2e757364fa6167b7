"""The decision itself: which rules fire, each score, the triage level. No wording here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from symptom_decoder.engine._plan import CompiledRule, Plan
from symptom_decoder.knowledge.derived import DERIVED, limit_value
from symptom_decoder.types import Level

_ROUTES: dict[str, tuple[str, tuple[str, ...]]] = {}


def _route(path: str) -> tuple[str, tuple[str, ...]]:
    """What kind of value PATH names, and its parts (cached: paths are few and fixed)."""
    found = _ROUTES.get(path)
    if found is None:
        parts = tuple(path.split("."))
        kind = parts[0] if parts[0] in ("derived", "limits", "scores") else "answer"
        found = _ROUTES[path] = (kind, parts)
    return found


class Ctx:
    """Evaluation context: answer values, derived values and fired outcomes, cached."""

    __slots__ = ("answers", "plan", "cache", "outcomes")

    def __init__(self, answers: dict[str, Any], plan: Plan,
                 outcomes: dict[str, bool] | None = None) -> None:
        self.answers = answers
        self.plan = plan
        self.cache: dict[str, Any] = {}
        self.outcomes: dict[str, bool] = {} if outcomes is None else outcomes

    def value(self, path: str) -> Any:
        cache = self.cache
        if path in cache:
            return cache[path]
        kind, parts = _route(path)
        if kind == "answer":
            value: Any = self.answers
            for part in parts:
                value = value.get(part) if isinstance(value, dict) else None
                if value is None:
                    break
        elif kind == "derived":
            value = DERIVED[path].compute(self.answers, self.plan.pack)
        elif kind == "limits":
            value = limit_value(path, self.answers, self.plan.pack)
        else:
            items = self.plan.scores[parts[1]]
            value = sum(points for check, points, _ in items if check(self))
        cache[path] = value
        return value

    def fired(self, ref: str) -> bool:
        return self.outcomes.get(ref, False)


_UNSET: Any = object()


def with_answer(answers: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ANSWERS with VALUE at PATH; only the sections on the way are copied."""
    parts = path.split(".")
    top = dict(answers)
    node = top
    for part in parts[:-1]:
        child = node.get(part)
        child = dict(child) if isinstance(child, dict) else {}
        node[part] = child
        node = child
    node[parts[-1]] = value
    return top


class OverlayCtx(Ctx):
    """A context for the same answers with PATH answered VALUE: it reads the base context's
    values, less those that can depend on PATH (STALE), and the base's outcomes unless it
    records its own. Ranking makes one per value it tries, so nothing is copied up front: the
    changed answers are built only when a value must be computed from them."""

    __slots__ = ("base_outcomes", "base_cache", "stale", "path", "new", "built")

    def __init__(self, base: Ctx, path: str, value: Any, stale: frozenset[str]) -> None:
        self.answers = base.answers
        self.plan = base.plan
        self.cache = {}
        self.outcomes = {}
        self.base_cache = base.cache
        self.base_outcomes = base.outcomes
        self.stale = stale
        self.path = path
        self.new = value
        self.built = False

    def value(self, path: str) -> Any:
        if path not in self.stale:
            found = self.base_cache.get(path, _UNSET)
            if found is not _UNSET:
                return found
        elif path == self.path:
            return self.new
        if not self.built:
            self.answers = with_answer(self.answers, self.path, self.new)
            self.built = True
        return super().value(path)

    def fired(self, ref: str) -> bool:
        found = self.outcomes.get(ref)
        return self.base_outcomes.get(ref, False) if found is None else found


def logistic_score(prior: float, weights: float) -> float:
    """Combine a prior probability with summed log-odds weights; clipped to [0, 1]."""
    logit = math.log(prior / (1 - prior)) + weights
    return 1 / (1 + math.exp(-logit))


def band(score: float, plan: Plan) -> str:
    high, moderate = plan.bands
    if score >= high:
        return "high"
    return "moderate" if score >= moderate else "low"


_CEILING_GAP = 0.001


def apply_caps(plan: Plan, key: str, score: float, ctx: Ctx) -> tuple[float, list[Any]]:
    """SCORE under every cap of unit KEY that holds, and the caps that lowered it."""
    high, moderate = plan.bands
    lowered = []
    for cap, when, unless in plan.caps.get(key, ()):
        if (when is None or when(ctx)) and (unless is None or not unless(ctx)):
            ceiling = (moderate if cap.at_most == "low" else high) - _CEILING_GAP
            if score > ceiling:
                score = ceiling
                lowered.append(cap)
    return score, lowered


def outcome_values(look_alike: bool, shown: bool, score: float, plan: Plan
                   ) -> tuple[bool, bool, bool]:
    """What later stages may read of a look-alike or factor, in ``Unit.outcome_keys`` order.

    The unit's own key means shown (look-alikes) or moderate or more (factors);
    ``key>=moderate`` and ``key>=high`` mean shown at that band or more.
    """
    level = band(score, plan) if shown else None
    moderate = level == "moderate" or level == "high"
    return (shown if look_alike else moderate), moderate, level == "high"


@dataclass
class Decision:
    warnings: dict[str, list[Any]] = field(default_factory=dict)  # public id -> fired rules
    look_alikes: dict[str, tuple[float, list[CompiledRule]]] = field(default_factory=dict)
    factors: dict[str, tuple[float, list[CompiledRule]]] = field(default_factory=dict)
    capped: dict[str, list[Any]] = field(default_factory=dict)  # unit key -> caps that bit
    totals: dict[str, float] = field(default_factory=dict)  # summed weights per unit key
    triage: list[Any] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    relief: list[str] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)
    level: Level = Level.self_care


def score_rules(plan: Plan, ctx: Ctx, key: str, prior: float, rules: tuple[CompiledRule, ...]
                ) -> tuple[float, list[CompiledRule], float, list[Any]]:
    """A look-alike's or factor's capped score (KEY names it), its fired rules, their summed
    weight and the caps that lowered it."""
    fired = [r for r in rules if r.check(ctx)]
    total = sum(r.rule.weight for r in fired)
    score, lowered = apply_caps(plan, key, logistic_score(prior, total), ctx)
    return score, fired, total, lowered


def _scored(plan: Plan, ctx: Ctx, d: Decision, key: str, prior: float,
            rules: tuple[CompiledRule, ...], look_alike: bool) -> tuple[float, list[CompiledRule]]:
    """Score a shown look-alike or a factor once; keep its total, its caps and its outcomes."""
    score, fired, d.totals[key], d.capped[key] = score_rules(plan, ctx, key, prior, rules)
    ctx.outcomes.update(zip(plan.units[key].outcome_keys,
                            outcome_values(look_alike, True, score, plan), strict=True))
    return score, fired


def _advice_on(when: Any, unless: Any, ctx: Ctx) -> bool:
    return (when is None or when(ctx)) and (unless is None or not unless(ctx))


def decide(plan: Plan, answers: dict[str, Any]) -> tuple[Decision, Ctx]:
    """Evaluate every stage of the pack on ANSWERS."""
    ctx = Ctx(answers, plan)
    d = Decision()
    for w, check, _ in plan.warnings:
        if check(ctx):
            d.warnings.setdefault(w.public_id, []).append(w)
            ctx.outcomes[f"warning:{w.public_id}"] = True
    for la, gate, rules in plan.look_alikes:
        if gate(ctx):  # an open gate shows the look-alike
            d.look_alikes[la.id] = _scored(plan, ctx, d, f"look_alike:{la.id}", la.prior, rules,
                                           True)
    for factor, rules in plan.factors:
        d.factors[factor.id] = _scored(plan, ctx, d, f"factor:{factor.id}", factor.prior, rules,
                                       False)
    for t, check, _ in plan.triage:
        if check(ctx):
            d.triage.append(t)
    if d.triage:
        d.level = max((t.level for t in d.triage), key=lambda lv: lv.rank)
    d.tests = [t.id for t, check in plan.tests if check(ctx)]
    d.relief = [a.id for a, when, unless in plan.relief if _advice_on(when, unless, ctx)]
    d.plan = [a.id for a, when, unless in plan.plan if _advice_on(when, unless, ctx)]
    return d, ctx
