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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from symptom_decoder.engine._compile import Check
from symptom_decoder.engine._decide import (
    Ctx,
    Decision,
    OverlayCtx,
    _advice_on,
    apply_caps,
    band,
    decide,
    logistic_score,
    outcome_values,
    score_rules,
    with_answer,
)
from symptom_decoder.engine._plan import Plan, Trial, Unit

# How much each kind of change counts when ranking missing answers.
LEVEL_STEP = 10.0
LOOK_ALIKE_APPEARS = 3.0
WARNING_APPEARS = 2.0
FACTOR_SCORE = 4.0
BAND_CHANGE = 1.0
TEST_CHANGE = 0.5
ADVICE_CHANGE = 0.2


def _rescore(plan: Plan, base: Decision, ctx: Ctx, key: str, path: str, prior: float,
             before: tuple[float, list[Any]], moving: frozenset[Check]) -> float:
    """The unit's capped score with only the rules that read PATH, and can read differently,
    evaluated again; its score before when none of them, nor its caps, did."""
    total, fired, flipped = base.totals[key], before[1], False
    for r in plan.rules_for.get((key, path), ()):
        if r.check in moving and (now := r.check(ctx)) != (r in fired):
            total += r.rule.weight if now else -r.rule.weight
            flipped = True
    if not flipped and not any(when in moving or unless in moving
                               for _, when, unless in plan.caps.get(key, ())):
        return before[0]
    return apply_caps(plan, key, logistic_score(prior, total), ctx)[0]


def _record(ctx: OverlayCtx, unit: Unit, values: tuple[bool, bool, bool]) -> bool:
    """Set a look-alike's or factor's outcomes in CTX; True if any of them changed."""
    changed = False
    for key, value in zip(unit.outcome_keys, values, strict=True):
        if ctx.fired(key) != value:
            ctx.outcomes[key] = value
            changed = True
    return changed


def _warning_fires(entries: list[tuple[Any, Check]], was: Sequence[Any], moving: frozenset[Check],
                   ctx: Ctx) -> bool:
    """Whether a warning fires: an entry that cannot move reads as it did (WAS fired)."""
    for w, check in entries:
        if check in moving:
            if check(ctx):
                return True
        elif any(w is fired for fired in was):  # by identity: model equality is slow
            return True
    return False


def _impact(plan: Plan, base: Decision, base_ctx: Ctx, path: str, trial: Trial,
            fired: tuple[tuple[str, int], ...]) -> tuple[float, int]:
    """How much answering PATH with the TRIAL's value changes the result, and the level it
    gives. Only what the trial can move is evaluated again; the rest reads as before.
    FIRED holds the decision's triage rules as (id, level rank)."""
    live, moving = trial.live, trial.moving
    here = base.level.rank
    if not live:
        return 0.0, here
    ctx = OverlayCtx(base_ctx, path, trial.value, plan.stale[path])
    impact = 0.0
    triage_changed: dict[str, bool] = {}
    index = plan.index
    changed: set[str] = set()
    for unit in plan.affected[path]:
        key = unit.key
        if key not in live and (not changed or unit.refs.isdisjoint(changed)):
            continue  # cannot read differently: its answers and outcomes stay the same
        stage, uid = unit.stage, unit.id
        if stage == "warning":
            was = base.warnings.get(uid, ())
            now = _warning_fires(index["warning"][uid], was, moving, ctx)
            if now != bool(was):
                impact += WARNING_APPEARS
                ctx.outcomes[key] = now
                changed.add(key)
        elif stage == "look_alike":
            la, gate, rules = index["look_alike"][uid]
            before = base.look_alikes.get(uid)
            is_open = gate(ctx) if gate in moving else before is not None
            score: float | None = None
            if before is not None and is_open:
                score = _rescore(plan, base, ctx, key, path, la.prior, before, moving)
            elif is_open:
                score = score_rules(plan, ctx, key, la.prior, rules)[0]
            if (score is None) != (before is None):
                impact += LOOK_ALIKE_APPEARS
            elif score is not None and before is not None and score != before[0]:
                impact += abs(score - before[0]) + (
                    BAND_CHANGE if band(score, plan) != band(before[0], plan) else 0.0)
            shown = score is not None
            if _record(ctx, unit, outcome_values(True, shown, score or 0.0, plan)):
                changed.add(key)
        elif stage == "factor":
            factor, _rules = index["factor"][uid]
            before = base.factors[uid]
            score = _rescore(plan, base, ctx, key, path, factor.prior, before, moving)
            if score != before[0]:
                impact += FACTOR_SCORE * abs(score - before[0])
                if band(score, plan) != band(before[0], plan):
                    impact += BAND_CHANGE
                if _record(ctx, unit, outcome_values(False, True, score, plan)):
                    changed.add(key)
        elif stage == "triage":
            triage_changed[uid] = index["triage"][uid][1](ctx)
        elif stage == "test":
            if index["test"][uid](ctx) != (uid in base.tests):
                impact += TEST_CHANGE
        else:
            when, unless = index[stage][uid]
            shown_now = base.relief if stage == "relief" else base.plan
            if _advice_on(when, unless, ctx) != (uid in shown_now):
                impact += ADVICE_CHANGE
    level = here
    if triage_changed:
        ranks = index["triage_rank"]
        levels = [rank for tid, rank in fired if tid not in triage_changed]
        levels += [ranks[tid] for tid, on in triage_changed.items() if on]
        level = max(levels, default=0)
        impact += LEVEL_STEP * abs(level - here)
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
        found = cache[key] = decide(plan, with_answer(alone, path, value))[0].level.rank
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
    fired = tuple((t.id, t.level.rank) for t in base.triage)
    for path, order in plan.question_order.items():
        if base_ctx.value(path) is not None or not asked(plan, base_ctx, path):
            continue
        follow_up = path in plan.ask_when
        best: RankKey = (0, 0, int(follow_up), 0.0)
        top = here
        for trial in plan.trials.get(path, ()):
            impact, level = _impact(plan, base, base_ctx, path, trial, fired)
            if impact <= 0:
                continue
            alone = standalone_level(plan, answers, path, trial.value) if level > here else 0
            best = max(best, rank_key(here, level, alone, follow_up, impact))
            top = max(top, level)
        if best[3] > 0 or follow_up:
            ranked.append((best, order, Missing(path, best[3], top if top > here else None)))
    ranked.sort(key=lambda r: (tuple(-k for k in r[0]), r[1]))
    return [m for _, _, m in ranked]
