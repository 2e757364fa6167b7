"""From what is stored to a ``Summary``: a pure function over plain data and the pack.

The clock is passed in. The check is the engine's ``assessment/v1`` document with the
answers behind it; the supplement totals come from ``stack.check`` and the warnings and
estimates from the engine, the same code the assessment and the supplements page use.
Those totals are the page's one figure for each nutrient: the check's own warning about an
upper limit gives way to them, and a warning about products she has stopped goes with them
(``_warnings``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from symptom_decoder.answers import AnswersError, get_path, validate_answers
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.profile import age_band, due_from_lmp, gestation_at
from symptom_decoder.diary.times import local
from symptom_decoder.diet import ledger as stack_ledger
from symptom_decoder.diet import stack
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Code, Question
from symptom_decoder.knowledge.records import Range
from symptom_decoder.knowledge.records import Reading as ReadingSpec
from symptom_decoder.summary import _warnings
from symptom_decoder.summary.cramps import LoggedCramp, cramps_for
from symptom_decoder.summary.model import (
    Check,
    DangerSign,
    Finding,
    Food,
    FoodLine,
    Ledger,
    Note,
    Period,
    Pregnancy,
    Product,
    Reading,
    Summary,
    TestToDiscuss,
)

SHOWN = ("high", "moderate")
"""Factors shown as worth a look; the low ones are left out to keep the page short."""
FOOD = (("magnesium", "dietary_magnesium_mg_per_day", "Magnesium", "mg"),
        ("calcium", "dietary_calcium_mg_per_day", "Calcium", "mg"),
        ("iron", "dietary_iron_mg_per_day", "Iron", "mg"),
        ("vitamin_d", "vitamin_d_iu", "Vitamin D", "IU"),
        ("caffeine", "caffeine_mg_per_day", "Caffeine", "mg"))
"""The food log's averages shown, from ``Stored.food`` or ``Stored.food_extra``: each one
that counts toward a limit in the supplements table, so its total can be followed."""


@dataclass(frozen=True)
class KeptCheck:
    """A check as kept: the engine's document, the answers, and when (None: made now)."""

    assessment: dict[str, Any]
    answers: dict[str, Any]
    made_at: datetime | None


@dataclass(frozen=True)
class Stored:
    """Everything the summary reads about one person, already loaded."""

    lmp: date | None
    age_band: str | None
    check: KeptCheck | None
    episodes: Sequence[LoggedCramp]
    supplements: list[dict[str, Any]]
    """Her saved stack as ``answers/v1`` supplement objects."""
    food: dict[str, Any]
    """The food log's daily averages as an ``answers/v1`` ``intake`` fragment."""
    food_days: int
    entry_days: frozenset[date] = frozenset()
    """Days with a diary day entry (for example "no cramps today"): they count as logged."""
    food_extra: dict[str, float] = field(default_factory=dict)
    """The food log's daily averages the answers contract does not carry (``vitamin_d_iu``),
    which count toward a food-plus-supplements limit."""


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _pregnancy(stored: Stored, answers: Mapping[str, Any], last: date) -> Pregnancy:
    band = stored.age_band
    years = answers.get("age_years")
    if band is None and isinstance(years, int):
        try:
            band = age_band(str(years))
        except FieldError:
            band = None
    if stored.lmp is not None:
        age = gestation_at(stored.lmp, last)
        return Pregnancy(weeks=age.weeks if age else None, days=age.days if age else None,
                         due_date=due_from_lmp(stored.lmp), dated_by="profile", age_band=band)
    week = answers.get("gestational_week")
    if isinstance(week, int):
        made = stored.check.made_at if stored.check is not None else None
        given = made.date() if made is not None else None  # None: made now
        return Pregnancy(weeks=week, days=None, due_date=None, dated_by="check", age_band=band,
                         given_on=given)
    return Pregnancy(weeks=None, days=None, due_date=None, dated_by=None, age_band=band)


def _shown(question: Question, value: Any) -> str:
    if value is None:
        return "not answered"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    for choice in question.choices or []:
        if choice.value == value:
            return choice.label.lower()
    if isinstance(value, int | float):
        return f"{value:g} {question.unit}" if question.unit else f"{value:g}"
    return str(value)


def _danger_signs(pack: Pack, answers: Mapping[str, Any]) -> list[DangerSign]:
    signs = []
    for q in pack.questions:
        if not q.red_flag:
            continue
        value = get_path(dict(answers), q.path)
        if value is None and q.ask_when is not None:
            continue  # a follow-up that was not asked
        signs.append(DangerSign(label=q.label or q.text, question=q.text, path=q.path,
                                answer=value, shown=_shown(q, value)))
    return signs


def _unique(texts: Sequence[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        clean = " ".join(text.split())
        if clean not in out:
            out.append(clean)
    return out


def _check(pack: Pack, kept: KeptCheck, ledger: Ledger | None,
           restacked: Sequence[Note] | None) -> Check:
    doc = kept.assessment
    triage = doc["triage"]
    warnings = _warnings.notes([(w["id"], w["text"]) for w in doc.get("warnings", [])])
    return Check(
        made_at=kept.made_at, level=triage["level"], headline=triage["headline"],
        do_now=triage.get("do_now"), reasons=_unique([r["text"] for r in triage["reasons"]]),
        danger_signs=_danger_signs(pack, kept.answers), warnings=warnings,
        worries=_warnings.worries(warnings, ledger, kept.made_at, restacked),
        knowledge_version=doc.get("knowledge_version", ""),
    )


def _findings(items: Sequence[Mapping[str, Any]], *, shown: tuple[str, ...] | None = None
              ) -> list[Finding]:
    out = []
    for item in items:
        if shown is not None and item["likelihood"] not in shown:
            continue
        reasons = [first_sentence(r["text"]) for r in item.get("reasons", [])
                   if r.get("direction", "for") == "for"]
        code = item.get("code")
        out.append(Finding(title=item.get("title", item["id"]), likelihood=item["likelihood"],
                           reasons=_unique(reasons), code=_code(code)))
    return out


def _code(code: Mapping[str, str] | None) -> Code | None:
    return Code.model_validate(dict(code)) if code else None


def _trimester(pack: Pack, week: int | None) -> int | None:
    if week is None:
        return None
    for row in pack.manifest.trimesters:
        if row.first_week <= week <= row.last_week:
            return row.trimester
    return None


def _range_for(ranges: Sequence[Range], trimester: int | None) -> Range | None:
    for row in ranges:
        if row.trimesters is None or trimester in row.trimesters:
            return row
    return None


def _decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _range_text(row: Range | None, value: float | None = None) -> str:
    """The range in words, with as many decimals as its figures or the value given have:
    a haemoglobin of 10.4 reads against "11.0 or more", a ferritin of 18 against "30"."""
    if row is None:
        return ""
    figures = [v for v in (row.low, row.high, row.under) if v is not None]
    places = max([_decimals(v) for v in figures] + [min(1, _decimals(value or 0))])

    def n(v: float) -> str:
        return f"{v:.{places}f}"

    top = row.high if row.high is not None else row.under
    if row.low is not None and row.under is not None:
        return f"{n(row.low)} to under {n(row.under)}"
    if row.low is not None and top is not None:
        return f"{n(row.low)} to {n(top)}"
    if row.low is not None:
        return f"{n(row.low)} or more"
    if row.under is not None:
        return f"under {n(row.under)}"
    return f"up to {n(top or 0)}"


def _flag(value: float, row: Range | None) -> str | None:
    if row is None:
        return None
    if row.low is not None and value < row.low:
        return "low"
    if (row.high is not None and value > row.high) or \
            (row.under is not None and value >= row.under):
        return "high"
    return None


def _reading(spec: ReadingSpec, answers: dict[str, Any], trimester: int | None
             ) -> Reading | None:
    unit = spec.unit.text if spec.unit else ""
    if spec.path is not None:
        value = get_path(answers, spec.path)
        if value is None:
            return None
        if isinstance(value, str):
            words = spec.usual or []
            return Reading(id=spec.id, label=spec.label, value=value, unit=unit,
                           usual=" or ".join(words),
                           flag=None if not words or value in words else "outside",
                           low=None, high=None, values={spec.path: value})
        row = _range_for(spec.ranges, trimester)
        return Reading(id=spec.id, label=spec.label, value=f"{value:g}", unit=unit,
                       usual=_range_text(row, float(value)), flag=_flag(float(value), row),
                       low=row.low if row else None, high=row.high if row else None,
                       values={spec.path: value})
    given = {c.path: get_path(answers, c.path) for c in spec.components}
    if all(v is None for v in given.values()):
        return None
    rows = [_range_for(c.ranges, trimester) for c in spec.components]
    flags = [_flag(float(v), row) for v, row in zip(given.values(), rows, strict=True)
             if v is not None]
    texts = [_range_text(row) for row in rows]
    if all(row is not None and row.under is not None and row.low is None for row in rows):
        usual = "under " + "/".join(f"{row.under:g}" for row in rows if row and row.under)
    else:
        usual = "; ".join(f"{c.label} {t}" for c, t in zip(spec.components, texts, strict=True))
    shown = "/".join("–" if v is None else f"{v:g}" for v in given.values())
    flag = "high" if "high" in flags else "low" if "low" in flags else None
    return Reading(id=spec.id, label=spec.label, value=shown, unit=unit, usual=usual,
                   flag=flag, low=None, high=None,
                   values={k: v for k, v in given.items() if v is not None})


def _readings(pack: Pack, answers: dict[str, Any], week: int | None) -> list[Reading]:
    if pack.records is None:
        return []
    trimester = _trimester(pack, week)
    found = [_reading(spec, answers, trimester) for spec in pack.records.readings]
    return [r for r in found if r is not None]


def _ledger(pack: Pack, stored: Stored, answers: Mapping[str, Any]) -> Ledger | None:
    source, items = "stack", stored.supplements
    if not items and answers.get("supplements"):
        source, items = "check", list(answers["supplements"])
    if not items:
        return None
    partial: dict[str, Any] = {"supplements": items, "intake": dict(stored.food)}
    for key in ("age_years", "gestational_week", "postpartum_weeks"):
        if key in answers:
            partial[key] = answers[key]
    try:
        engine = assess(validate_answers(partial, pack.answers_schema), pack)
        warnings = _warnings.notes([(w.id, w.text) for w in engine.warnings])
        notes = list(engine.estimates)
    except AnswersError:
        warnings, notes = [], []
    years = answers.get("age_years")
    intakes = pack.intakes_for(years if isinstance(years, int) else _band_age(stored.age_band))
    result = stack.check(items, intakes=intakes, food=stored.food, food_extra=stored.food_extra,
                         **stack.pack_estimates(pack))
    warnings += _warnings.notes([(w["id"], w["text"]) for w in stack_ledger.total_warnings(
        result.rows, {w.id for w in warnings}, pack)])
    estimated: dict[int, dict[str, float]] = {}
    for e in result.estimates:
        estimated.setdefault(e["index"], {})[e["nutrient"]] = e["per_unit"]
    products = []
    for i, item in enumerate(items):
        amounts = {k: float(item[k]) for k in stack.AMOUNTS if item.get(k) is not None}
        amounts.update(estimated.get(i, {}))
        units = item.get("units_per_day")
        products.append(Product(name=str(item.get("name") or item["kind"].replace("_", " ")),
                                kind=item["kind"],
                                units_per_day=1.0 if units is None else float(units),
                                amounts=amounts, estimated=sorted(estimated.get(i, {}))))
    return Ledger(source=source, products=products, totals=result.rows, warnings=warnings,
                  notes=_unique(notes))


def _band_age(band: str | None) -> int | None:
    """The youngest age of a band, which picks that band's intakes."""
    return int(band.split("-")[0]) if band else None


def _food(pack: Pack, stored: Stored, years: int | None) -> Food | None:
    if not stored.food or stored.food_days == 0:
        return None
    intakes = pack.intakes_for(years)
    averages = {**stored.food, **stored.food_extra}
    lines = []
    for nutrient, key, name, unit in FOOD:
        value = averages.get(key)
        if value is None:
            continue
        intake = intakes.get(nutrient)
        limit = intake.ul if intake is not None and intake.ul_scope == "limit" else None
        lines.append(FoodLine(key=nutrient, name=name, amount=float(value), unit=unit,
                              target=intake.rda if intake else None, limit=limit))
    return Food(days_logged=stored.food_days, lines=lines) if lines else None


def build_summary(pack: Pack, stored: Stored, *, period: Period, now: datetime,
                  name: str | None = None, zone: str | None = None) -> Summary:
    """The summary of PERIOD for what STORED holds, as of NOW; its days and times on the
    clock of ZONE (hers) when given: a check kept at night is dated the night she kept it."""
    if zone is not None:
        now = local(now, zone)
        if stored.check is not None and stored.check.made_at is not None:
            stored = replace(stored, check=replace(
                stored.check, made_at=local(stored.check.made_at, zone)))
    answers = dict(stored.check.answers) if stored.check else {}
    doc = stored.check.assessment if stored.check else {}
    pregnancy = _pregnancy(stored, answers, period.last)
    week = answers.get("gestational_week")
    years = answers.get("age_years")
    ledger = _ledger(pack, stored, answers)
    # Only the saved stack can differ from the products the check listed.
    restacked = (_warnings.given_now(pack, answers, stored.supplements)
                 if stored.check and ledger is not None and ledger.source == "stack" else None)
    check = _check(pack, stored.check, ledger, restacked) if stored.check else None
    if ledger is not None and check is not None and restacked is not None:
        ledger = _warnings.started(ledger, check, restacked)
    return Summary(
        generated_at=now,
        knowledge_version=pack.knowledge_version,
        disclaimer=pack.manifest.disclaimer,
        period=period,
        name=name,
        pregnancy=pregnancy,
        check=check,
        cramps=cramps_for(stored.episodes, period=period, lmp=stored.lmp,
                          entry_days=stored.entry_days),
        factors=_findings(doc.get("factors", []), shown=SHOWN),
        look_alikes=_findings(doc.get("look_alikes", [])),
        tests=[TestToDiscuss(title=t["title"], why=" ".join(t["why"].split()),
                             code=_code(t.get("code")))
               for t in doc.get("tests_to_discuss", [])],
        ledger=ledger,
        readings=_readings(pack, answers, week if isinstance(week, int) else pregnancy.weeks),
        food=_food(pack, stored, years if isinstance(years, int)
                   else _band_age(stored.age_band)),
        answers=answers,
    )
