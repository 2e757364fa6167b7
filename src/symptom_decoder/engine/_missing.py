"""Rank unanswered questions by how much their answer could change the result.

For each unanswered path the engine tries the values that could matter (those that make a
rule's condition fire, plus the pack's probe values), re-evaluates only the outputs that
depend on that path, and scores the largest change. Nothing here is listed by hand.
"""

from __future__ import annotations

from typing import Any

from symptom_decoder.engine._decide import (
    Ctx,
    Decision,
    OverlayCtx,
    _advice_on,
    band,
    eval_look_alike,
    logistic_score,
)
from symptom_decoder.engine._plan import Plan
from symptom_decoder.knowledge.derived import get_path

# How much each kind of change counts when ranking missing answers.
LEVEL_STEP = 10.0
LOOK_ALIKE_APPEARS = 3.0
WARNING_APPEARS = 2.0
FACTOR_SCORE = 4.0
BAND_CHANGE = 1.0
TEST_CHANGE = 0.5
ADVICE_CHANGE = 0.2


def _with(answers: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
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


def _rescore(plan: Plan, base: Decision, ctx: Ctx, key: str, path: str, prior: float,
             fired: list[Any]) -> float:
    """The unit's score with only the rules that read PATH evaluated again."""
    total = base.totals[key]
    for r in plan.rules_for.get((key, path), ()):
        now, was = r.check(ctx), any(r is f for f in fired)
        if now != was:
            total += r.rule.weight if now else -r.rule.weight
    return logistic_score(prior, total)


def _impact(plan: Plan, base: Decision, base_ctx: Ctx, path: str, value: Any) -> float:
    ctx = OverlayCtx(base_ctx, _with(base_ctx.answers, path, value), plan.stale[path])
    out = ctx.outcomes
    impact = 0.0
    triage_changed: dict[str, bool] = {}
    la_index = plan.index["look_alike"]
    factor_index = plan.index["factor"]
    triage_index = plan.index["triage"]
    changed: set[str] = set()
    for unit in plan.affected.get(path, ()):
        stage, uid = unit.stage, unit.id
        if path not in unit.direct and not (unit.refs & changed):
            continue  # reaches PATH only through outcomes that stayed the same
        key = unit.key
        before_out = out.get(key, False)
        if stage == "warning":
            now = any(check(ctx) for _, check in plan.index["warning"][uid])
            if now != (uid in base.warnings):
                impact += WARNING_APPEARS
            out[key] = now
        elif stage == "look_alike":
            la, gate, rules = la_index[uid]
            before = base.look_alikes.get(uid)
            res: tuple[float, Any] | None
            if before is not None and gate(ctx):
                res = (_rescore(plan, base, ctx, key, path, la.prior, before[1]), None)
            else:
                res = eval_look_alike(plan, ctx, la, gate, rules)
            if (res is None) != (before is None):
                impact += LOOK_ALIKE_APPEARS
            elif res is not None and before is not None:
                impact += abs(res[0] - before[0]) + (
                    BAND_CHANGE if band(res[0], plan) != band(before[0], plan) else 0.0)
            out[key] = res is not None
        elif stage == "factor":
            factor, _rules = factor_index[uid]
            old, fired = base.factors[uid]
            score = _rescore(plan, base, ctx, key, path, factor.prior, fired)
            impact += FACTOR_SCORE * abs(score - old)
            if band(score, plan) != band(old, plan):
                impact += BAND_CHANGE
            out[key] = band(score, plan) != "low"
        elif stage == "triage":
            triage_changed[uid] = triage_index[uid][1](ctx)
        elif stage == "test":
            if plan.index["test"][uid](ctx) != (uid in base.tests):
                impact += TEST_CHANGE
        else:
            when, unless = plan.index[stage][uid]
            shown = base.relief if stage == "relief" else base.plan
            if _advice_on(when, unless, ctx) != (uid in shown):
                impact += ADVICE_CHANGE
        if out.get(key, False) != before_out:
            changed.add(key)
    if triage_changed:
        levels = [t.level.rank for t in base.triage if t.id not in triage_changed]
        levels += [triage_index[tid][0].level.rank for tid, on in triage_changed.items() if on]
        impact += LEVEL_STEP * abs(max(levels, default=0) - base.level.rank)
    return impact


def rank_missing(plan: Plan, base: Decision, base_ctx: Ctx) -> list[tuple[str, float]]:
    """Unanswered question paths whose answer could change the result, most useful first."""
    ranked: list[tuple[float, int, str]] = []
    for path, order in plan.question_order.items():
        if get_path(base_ctx.answers, path) is not None:
            continue
        best = max((_impact(plan, base, base_ctx, path, v)
                    for v in plan.candidates.get(path, ())), default=0.0)
        if best > 0:
            ranked.append((-best, order, path))
    ranked.sort()
    return [(path, -neg) for neg, _, path in ranked]
