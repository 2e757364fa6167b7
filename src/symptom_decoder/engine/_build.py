"""Assemble the assessment: the decision, in words, with reasons and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from symptom_decoder.answers import get_path
from symptom_decoder.engine._decide import Ctx, band, decide
from symptom_decoder.engine._missing import Missing, rank_missing
from symptom_decoder.engine._plan import CompiledRule, compile_pack
from symptom_decoder.engine._wording import fill, squash
from symptom_decoder.engine.result import (
    Assessment,
    Code,
    FactorEvidenceResult,
    FactorResult,
    LookAlikeResult,
    NextQuestion,
    PlanItem,
    Reason,
    ReferenceResult,
    TestResult,
    Triage,
    WarningResult,
)
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.conditions import Fired
from symptom_decoder.knowledge.derived import food_calcium_estimated
from symptom_decoder.knowledge.pack import reference_order
from symptom_decoder.nutrition import blank_estimates, blank_unknowns
from symptom_decoder.types import Level

_LEVELS = list(Level)


def _present(paths: tuple[str, ...], ctx: Ctx) -> list[str]:
    return [p for p in paths if get_path(ctx.answers, p) is not None]


def _reason(r: CompiledRule, ctx: Ctx) -> Reason:
    return Reason(
        id=r.rule.id,
        text=fill(r.rule.text, ctx),
        weight=r.rule.weight,
        direction="for" if r.rule.weight > 0 else "against",
        sources=r.rule.sources,
        evidence=r.rule.evidence,
        answers=_present(r.answers, ctx),
    )


def _code(code: Any) -> Code | None:
    return None if code is None else Code(**code.model_dump())


def _cap_reasons(caps: list[Any], ctx: Ctx) -> list[Reason]:
    return [Reason(id=f"cap_{i}", text=fill(cap.text, ctx), direction="against", sources=[])
            for i, cap in enumerate(caps)]


def _echoes_a_look_alike(rule: Any) -> bool:
    return isinstance(rule.when, Fired) and rule.when.fired.startswith("look_alike:")


def _without_echoes(fired: list[Any], deps: dict[str, frozenset[str]]) -> list[Any]:
    """Fired triage rules, leaving out those another rule already says more strongly: a
    look-alike's floor rule when another rule reaches its level, and a rule whose answers a
    higher rule also reads ("140 over 90 needs a plan" under "140 over 90 this late needs
    checking today"). The reasons that set the level are the ones worth reading."""
    direct = [t.level.rank for t in fired if not _echoes_a_look_alike(t)]
    best = max(direct, default=-1)
    kept = [t for t in fired if not (_echoes_a_look_alike(t) and t.level.rank <= best)]
    return [t for t in kept if not any(
        other.level.rank > t.level.rank and deps[t.id] and deps[t.id] <= deps[other.id]
        for other in kept)]


def _shown_at(item: Any, level: Level) -> bool:
    min_level = getattr(item, "min_level", Level.self_care)
    return level.at_least(min_level) and item.max_level.at_least(level)


_FOOD_CALCIUM = "intake.dietary_calcium_mg_per_day"


def _missing_paths(pack: Pack, ctx: Ctx, ranked: list[Missing]) -> list[Missing]:
    """The ranked questions with every amount an upper-limit check had to estimate or leave
    unknown put ahead of the intake questions: a blank amount counted at a typical figure,
    food calcium counted at a usual intake, then a blank amount with no figure to count.
    The exact figure, from a label or the food log, could change the check."""
    items = ctx.answers.get("supplements")
    if not items:
        return ranked
    paths = [e.path for e in blank_estimates(items, pack.blanks)]
    if food_calcium_estimated(ctx.answers, pack):
        paths.append(_FOOD_CALCIUM)
    limits = pack.intakes_for(ctx.value("age_years"))
    for u in blank_unknowns(items, pack.expected, pack.blanks):
        row = limits.get(u.nutrient.rsplit("_", 1)[0])  # vitamin_d_iu -> vitamin_d
        if row is not None and row.ul is not None:  # an amount no limit counts never matters
            paths.append(u.path)
    if not paths:
        return ranked
    ahead = set(paths)
    rest = [m for m in ranked if m.path not in ahead]
    at = next((i for i, m in enumerate(rest)
               if m.path.startswith(("intake.", "supplements", "medications"))), len(rest))
    return rest[:at] + [Missing(path, 0.0, None) for path in paths] + rest[at:]


@dataclass(frozen=True)
class _Fixed:
    """What every assessment with one pack shares, built once per pack."""

    triage_deps: dict[str, frozenset[str]]
    triage_answers: dict[str, tuple[str, ...]]
    """Triage rule id -> the answers it reads (the first rule of that id)."""
    factor_order: dict[str, int]
    factor_evidence: dict[str, FactorEvidenceResult]
    gate_reasons: dict[str, Reason]
    codes: dict[str, Code | None]
    """Look-alike or test id (``look_alike:dvt``, ``test:ferritin``) -> its code."""
    questions: dict[str, str]
    references: dict[str, tuple[tuple[int, str], ReferenceResult]]
    about_causes: str | None
    disclaimer: str
    next_questions: dict[tuple[str, float, int | None], NextQuestion] = field(
        default_factory=dict)
    """Each question line made so far, by (path, impact, level it could raise to): the same
    few hundred recur across all answers, and a model costs more to make than to look up."""


_NEXT_QUESTIONS_KEPT = 4096


def _next_question(fixed: _Fixed, m: Missing) -> NextQuestion:
    impact = round(m.impact, 2)
    key = (m.path, impact, m.raises_to)
    made = fixed.next_questions.get(key)
    if made is None:
        if len(fixed.next_questions) >= _NEXT_QUESTIONS_KEPT:
            fixed.next_questions.clear()
        texts = fixed.questions
        made = fixed.next_questions[key] = NextQuestion(
            path=m.path, question=texts.get(m.path, texts.get("supplements", "")), impact=impact,
            raises_to=None if m.raises_to is None else _LEVELS[m.raises_to])
    return made


@cache
def _fixed(pack: Pack) -> _Fixed:
    plan = compile_pack(pack)
    triage_answers: dict[str, tuple[str, ...]] = {}
    for rule, _, deps in plan.triage:
        triage_answers.setdefault(rule.id, deps)
    about = pack.manifest.about_causes
    return _Fixed(
        triage_deps={rule.id: frozenset(deps) for rule, _, deps in plan.triage},
        triage_answers=triage_answers,
        factor_order={f.id: i for i, (f, _) in enumerate(plan.factors)},
        factor_evidence={f.id: FactorEvidenceResult(level=f.evidence.level,
                                                    note=squash(f.evidence.note))
                         for f, _ in plan.factors},
        gate_reasons={la.id: Reason(id=f"{la.id}_signs", text=la.gate_text, sources=la.sources,
                                    evidence=la.evidence) for la, _, _ in plan.look_alikes},
        codes={**{f"look_alike:{la.id}": _code(la.code) for la, _, _ in plan.look_alikes},
               **{f"test:{t.id}": _code(t.code) for t, _ in plan.tests}},
        questions={q.path: q.text for q in pack.questions},
        references={key: (reference_order(r.id),
                          ReferenceResult(id=r.id, citation=r.citation, url=r.url))
                    for key, r in pack.references.items()},
        about_causes=None if about is None else squash(about),
        disclaimer=squash(pack.manifest.disclaimer),
    )


def assess(answers: dict[str, Any], pack: Pack) -> Assessment:
    """Decode valid answers with PACK; the same answers always give the same result.

    The caller loads the pack and validates the answers (``answers.validate_answers``): the
    engine reads no files, no clock and no settings.
    """
    plan = compile_pack(pack)
    fixed = _fixed(pack)
    d, ctx = decide(plan, answers)
    cited: set[str] = set()

    # Triage: the highest level reached; its reasons, most urgent first.
    fired_triage = _without_echoes(sorted(d.triage, key=lambda t: -t.level.rank),
                                   fixed.triage_deps)
    top = fired_triage[0] if fired_triage else None
    headline = getattr(pack.manifest.headlines, d.level.value)
    for variant, holds in zip(pack.manifest.stage_headlines, plan.stage_headlines, strict=True):
        instead = getattr(variant, d.level.value)
        if instead and holds(ctx):
            headline = instead
            break
    do_now = None
    if top is not None and d.level in (Level.emergency, Level.urgent):
        do_now = " ".join(x for x in (headline, top.do_now and fill(top.do_now, ctx)) if x)
        headline = f"{headline} {fill(top.reason, ctx)}"
    triage_reasons = []
    for t in fired_triage:
        triage_reasons.append(Reason(id=t.id, text=fill(t.reason, ctx), sources=t.sources,
                                     evidence=t.evidence,
                                     answers=_present(fixed.triage_answers[t.id], ctx)))
        cited.update(t.sources)

    # Factors: every one, best first (ties keep the pack's order).
    order = fixed.factor_order
    ranked = sorted(d.factors.items(), key=lambda kv: (-round(kv[1][0], 9), order[kv[0]]))
    factors = []
    for rank, (fid, (score, fired)) in enumerate(ranked, start=1):
        f = plan.index["factor"][fid][0]
        reasons = [_reason(r, ctx) for r in sorted(fired, key=lambda r: -r.rule.weight)]
        reasons += _cap_reasons(d.capped.get(f"factor:{fid}", []), ctx)
        for r in fired:
            cited.update(r.rule.sources)
        factors.append(FactorResult(
            id=fid, rank=rank, likelihood=band(score, plan), score=round(score, 3),
            title=f.title, summary=f.summary,
            evidence=fixed.factor_evidence[fid], reasons=reasons))

    look_alikes = []
    for la, _, _ in plan.look_alikes:
        if la.id not in d.look_alikes:
            continue
        score, fired = d.look_alikes[la.id]
        reasons = [fixed.gate_reasons[la.id]]
        reasons += [_reason(r, ctx) for r in sorted(fired, key=lambda r: -r.rule.weight)]
        reasons += _cap_reasons(d.capped.get(f"look_alike:{la.id}", []), ctx)
        cited.update(la.sources)
        for r in fired:
            cited.update(r.rule.sources)
        look_alikes.append(LookAlikeResult(
            id=la.id, likelihood=band(score, plan), score=round(score, 3), title=la.title,
            advice=la.advice, code=fixed.codes[f"look_alike:{la.id}"], reasons=reasons))
    look_alikes.sort(key=lambda x: -x.score)

    tests = []
    for t, _ in plan.tests:
        if t.id in d.tests and _shown_at(t, d.level):
            tests.append(TestResult(id=t.id, title=t.title, why=fill(t.why, ctx),
                                    code=fixed.codes[f"test:{t.id}"], sources=t.sources,
                                    evidence=t.evidence))
            cited.update(t.sources)

    relief = []
    for a, _, _ in plan.relief:
        if a.id in d.relief and _shown_at(a, d.level):
            relief.append(fill(a.text, ctx))
            cited.update(a.sources)
    plan_items = []
    for a, _, _ in plan.plan:
        if a.id in d.plan and _shown_at(a, d.level):
            plan_items.append(PlanItem(id=a.id, text=fill(a.text, ctx), sources=a.sources,
                                       evidence=a.evidence))
            cited.update(a.sources)

    warnings = []
    for w, _, _ in plan.warnings:
        if any(w is fired for fired in d.warnings.get(w.public_id, ())):  # model == is slow
            warnings.append(WarningResult(id=w.public_id, rule=w.id, text=fill(w.text, ctx),
                                          sources=w.sources, evidence=w.evidence))
            cited.update(w.sources)

    safety_net = []
    if_no_answer = None
    for item, when in plan.safety_net:
        if (when is None or when(ctx)) and (item.levels is None or d.level in item.levels):
            safety_net.append(fill(item.text, ctx))
            cited.update(item.sources)
            if item.if_no_answer and if_no_answer is None and do_now is not None:
                if_no_answer = safety_net[-1]

    missing = _missing_paths(pack, ctx, rank_missing(plan, d, ctx))
    next_questions = [_next_question(fixed, m) for m in missing]
    estimates = [text for text in (ctx.value("derived.calcium_estimates"),
                                   ctx.value("derived.magnesium_estimates"),
                                   ctx.value("derived.iron_estimates"),
                                   ctx.value("derived.vitamin_d_estimates")) if text]

    references = [ref for _, ref in sorted((fixed.references[i] for i in cited
                                            if i in fixed.references), key=lambda r: r[0])]
    return Assessment(
        knowledge_version=pack.knowledge_version,
        triage=Triage(level=d.level, headline=headline, do_now=do_now,
                      if_no_answer=if_no_answer, reasons=triage_reasons),
        safety_net=safety_net,
        about_causes=fixed.about_causes,
        estimates=estimates,
        factors=factors,
        look_alikes=look_alikes,
        tests_to_discuss=tests,
        relief_now=relief,
        plan=plan_items,
        warnings=warnings,
        missing_answers=[m.path for m in missing],
        next_questions=next_questions,
        references=references,
        disclaimer=fixed.disclaimer,
    )
