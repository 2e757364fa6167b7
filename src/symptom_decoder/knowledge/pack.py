"""A loaded knowledge pack: its manifest, its rules and its reference intakes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

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
from symptom_decoder.knowledge.records import Records
from symptom_decoder.nutrition import NUTRIENT_WORDS


@dataclass(frozen=True, eq=False)
class Pack:
    manifest: Manifest
    answers_schema: dict[str, Any]
    questions: tuple[Question, ...]
    triage: tuple[TriageRule, ...]
    factors: tuple[Factor, ...]
    look_alikes: tuple[LookAlike, ...]
    scores: tuple[Score, ...]
    tests: tuple[TestItem, ...]
    relief: tuple[Advice, ...]
    plan: tuple[Advice, ...]
    warnings: tuple[WarningRule, ...]
    references: dict[str, Reference]
    safety_net: tuple[SafetyNetItem, ...] = field(default=())
    claims: tuple[Claim, ...] = field(default=())
    intakes: tuple[Intake, ...] = field(default=())
    records: Records | None = None
    """Codes for the clinical record (``records.yaml``); None when the pack has none."""

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def knowledge_version(self) -> str:
        return f"{self.manifest.id}@{self.manifest.version}"

    def question(self, path: str) -> Question | None:
        """The question that asks for PATH, if any."""
        return next((q for q in self.questions if q.path == path), None)

    def choices(self, path: str, values: tuple[str, ...] | None = None
                ) -> tuple[tuple[str, str], ...]:
        """(value, label) for each choice of PATH's question, in its order; only VALUES when
        given. The values come from the contract; the words people read, from the pack."""
        question = self.question(path)
        found = [(c.value, c.label) for c in (question.choices or [])] if question else []
        return tuple((v, label) for v, label in found if values is None or v in values)

    def fields(self, path: str) -> tuple[tuple[str, str], ...]:
        """(key, label) for each value asked per item of PATH's list question."""
        question = self.question(path)
        return tuple((f.key, f.label) for f in (question.fields or [])) if question else ()

    @property
    def blanks(self) -> Mapping[str, Mapping[str, float]]:
        """kind -> nutrient -> the amount per unit counted when that amount is left blank."""
        return _blanks(self)

    def product_name(self, kind: str, name: str | None = None) -> str:
        """What a sentence calls a product: its own name, else its kind as the supplements
        question words it, without examples and lower-cased to sit mid-sentence ("antacid
        with calcium" for "Antacid with calcium (for example Tums, Rennie)")."""
        if name:
            return name
        label = dict(self.choices("supplements")).get(kind) or kind.replace("_", " ")
        label = label.split(" (", 1)[0]
        return label[:1].lower() + label[1:]

    def unknown_amount(self, nutrient: str, name: str) -> str:
        """The ledger's sentence for an amount of NUTRIENT ("iron_mg") left blank in the
        product NAME with no usual figure to count, on one line ("" without a ledger)."""
        ledger = self.manifest.ledger
        if ledger is None:
            return ""
        return " ".join(ledger.unknown_amount.format(
            name=name, nutrient=NUTRIENT_WORDS[nutrient]).split())

    @property
    def expected(self) -> Mapping[str, tuple[str, ...]]:
        """kind -> the amounts a product of that kind is taken for (``ledger.expected``)."""
        return _expected(self)

    def intakes_for(self, age_years: int | None) -> Mapping[str, Intake]:
        """Reference intakes and upper limits for an age: the one source of every target and
        limit shown. With no age, those of the pack's ``unknown_age`` span (an adult)."""
        return _intakes_for(self, age_years)

    def intake_ages(self, age_years: int | None) -> tuple[int, int]:
        """The ages (first, last) that ``intakes_for(age_years)`` stands for: the span where
        all its bands meet, or the ``unknown_age`` span when no age is given."""
        span = self.manifest.unknown_age
        if age_years is None and span is not None:
            return span.age_min, span.age_max
        rows = list(self.intakes_for(age_years).values())
        if not rows:
            return (age_years, age_years) if age_years is not None else (0, 0)
        return max(r.age_min for r in rows), min(r.age_max for r in rows)


def reference_order(ref_id: str) -> tuple[int, str]:
    """Sort key for reference ids: R2 before R10, R12 before R12a."""
    digits = "".join(ch for ch in ref_id if ch.isdigit())
    return int(digits or 0), ref_id


@lru_cache(maxsize=32)
def _blanks(self: Pack) -> Mapping[str, Mapping[str, float]]:
    out: dict[str, dict[str, float]] = {}
    if self.manifest.estimates is not None:
        for row in self.manifest.estimates.blank_amounts:
            out.setdefault(row.kind, {})[row.nutrient] = row.per_unit
    return MappingProxyType({k: MappingProxyType(v) for k, v in out.items()})


@lru_cache(maxsize=32)
def _expected(self: Pack) -> Mapping[str, tuple[str, ...]]:
    ledger = self.manifest.ledger
    return MappingProxyType({} if ledger is None else {
        kind: tuple(nutrients) for kind, nutrients in ledger.expected.items()})


def _clamped(rows: list[Intake], age_years: int) -> int:
    """AGE_YEARS moved into the ages ROWS cover: a 12-year-old gets the youngest band."""
    return min(max(age_years, min(r.age_min for r in rows)), max(r.age_max for r in rows))


@lru_cache(maxsize=512)
def _intakes_for(self: Pack, age_years: int | None) -> Mapping[str, Intake]:
    chosen: dict[str, Intake] = {}
    span = self.manifest.unknown_age
    for row in self.intakes:
        if age_years is not None:
            age = _clamped([r for r in self.intakes if r.nutrient == row.nutrient], age_years)
            if row.age_min <= age <= row.age_max:
                chosen[row.nutrient] = row
            continue
        if span is not None and not _overlaps(row, span.age_min, span.age_max):
            continue
        best = chosen.get(row.nutrient)
        if best is None or _stricter(row, best):
            chosen[row.nutrient] = row
    return MappingProxyType(chosen)


def _overlaps(row: Intake, first: int, last: int) -> bool:
    return row.age_min <= last and first <= row.age_max


def _stricter(row: Intake, than: Intake) -> bool:
    if row.ul is not None and (than.ul is None or row.ul < than.ul):
        return True
    return row.ul == than.ul and (row.rda or 0) > (than.rda or 0)
