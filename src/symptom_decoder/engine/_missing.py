"""Rank unanswered questions by how much their answer could change the result.

For each unanswered path the engine tries the values that could matter (those that make a
rule's condition fire, plus the pack's probe values), re-evaluates only the outputs that
depend on that path, and scores the change. Nothing here is listed by hand.

The order, most useful first: answers that would raise the level together with what was
already said (a blood pressure reading after a headache); then answers that would raise
the level at all, the larger rise first; then the size of any other change. A follow-up
whose lead question says it does not apply ("which leg?" after "no leg is swollen") is
never listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from symptom_decoder.answers import get_path
from symptom_decoder.engine._decide import (
    Ctx,
    Decision,
    OverlayCtx,
    _advice_on,
    apply_caps,
    band,
    decide,
    eval_look_alike,
    logistic_score,
    set_outcomes,
)
from symptom_decoder.engine._plan import Plan

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
    """The unit's capped score with only the rules that read PATH evaluated again."""
    total = base.totals[key]
    for r in plan.rules_for.get((key, path), ()):
        now, was = r.check(ctx), any(r is f for f in fired)
        if now != was:
            total += r.rule.weight if now else -r.rule.weight
    return apply_caps(plan, key, logistic_score(prior, total), ctx)[0]


def _impact(plan: Plan, base: Decision, base_ctx: Ctx, path: str, value: Any,
            live: frozenset[str]) -> tuple[float, int]:
    """How much answering PATH with VALUE changes the result, and the level it gives.

    LIVE holds the units whose own conditions can read differently with that answer
    (``Plan.trials``); any other unit changes only when an outcome it reads does.
    """
    if not live:
        return 0.0, base.level.rank
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
        if unit.key not in live and not (unit.refs & changed):
            continue  # cannot read differently: its answers and outcomes stay the same
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
            if set_outcomes(out, key, res is not None, 0.0 if res is None else res[0], plan):
                changed.add(key)
            continue
        elif stage == "factor":
            factor, _rules = factor_index[uid]
            old, fired = base.factors[uid]
            score = _rescore(plan, base, ctx, key, path, factor.prior, fired)
            impact += FACTOR_SCORE * abs(score - old)
            if band(score, plan) != band(old, plan):
                impact += BAND_CHANGE
            if set_outcomes(out, key, True, score, plan):
                changed.add(key)
            continue
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
    level = base.level.rank
    if triage_changed:
        levels = [t.level.rank for t in base.triage if t.id not in triage_changed]
        levels += [triage_index[tid][0].level.rank for tid, on in triage_changed.items() if on]
        level = max(levels, default=0)
        impact += LEVEL_STEP * abs(level - base.level.rank)
    return impact, level


_STAGE_PATHS = ("gestational_week", "postpartum_weeks")


def _hashable(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True)  # lists of choices, lists of supplements
    return value


def standalone_level(plan: Plan, answers: dict[str, Any], path: str, value: Any) -> int:
    """The level PATH = VALUE gives on its own, at the same stage of pregnancy (cached)."""
    stage = tuple(answers.get(p) for p in _STAGE_PATHS)
    cache: dict[tuple[Any, ...], int] = plan.index.setdefault("standalone", {})
    key = (*stage, path, _hashable(value))
    found = cache.get(key)
    if found is None:
        alone = {p: v for p, v in zip(_STAGE_PATHS, stage, strict=True) if v is not None}
        found = cache[key] = decide(plan, _with(alone, path, value))[0].level.rank
    return found


RankKey = tuple[int, int, int, float]


def rank_key(base_level: int, level: int, alone: int, follow_up: bool, impact: float) -> RankKey:
    """(rise beyond what either part gives alone, rise in level, a follow-up of a "yes",
    size of any change): compared in that order, larger first."""
    return (max(0, level - max(base_level, alone)), max(0, level - base_level), int(follow_up),
            impact)


def asked(plan: Plan, ctx: Ctx, path: str) -> bool:
    """False for a follow-up whose lead question does not make it apply."""
    check = plan.ask_when.get(path)
    return check is None or check(ctx)


@dataclass(frozen=True)
class Missing:
    path: str
    impact: float
    """The largest change its answer could make (see the weights above)."""
    raises_to: int | None
    """The highest level rank its answer could raise the result to, or None."""


def rank_missing(plan: Plan, base: Decision, base_ctx: Ctx) -> list[Missing]:
    """Unanswered question paths whose answer could change the result, most useful first.

    A follow-up whose lead was answered yes ("which leg?" after "one leg is swollen") is
    always listed: it completes what was said, even when alone it changes little.
    """
    ranked: list[tuple[RankKey, int, Missing]] = []
    answers = base_ctx.answers
    here = base.level.rank
    for path, order in plan.question_order.items():
        if get_path(answers, path) is not None or not asked(plan, base_ctx, path):
            continue
        follow_up = path in plan.ask_when
        best: RankKey = (0, 0, int(follow_up), 0.0)
        top = here
        for v, live in plan.trials.get(path, ()):
            impact, level = _impact(plan, base, base_ctx, path, v, live)
            if impact <= 0:
                continue
            alone = standalone_level(plan, answers, path, v) if level > here else 0
            best = max(best, rank_key(here, level, alone, follow_up, impact))
            top = max(top, level)
        if best[3] > 0 or follow_up:
            ranked.append((best, order, Missing(path, best[3], top if top > here else None)))
    ranked.sort(key=lambda r: (tuple(-k for k in r[0]), r[1]))
    return [m for _, _, m in ranked]
