"""The summary as plain, frozen data: what every exporter (PDF, FHIR, Markdown, the web
page) shows, built once by ``build``. Nothing here knows about a file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from symptom_decoder.diet.stack import LimitRow
from symptom_decoder.knowledge.models import Code


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Pregnancy:
    """Where the pregnancy is at the end of the period, and who she is, as far as given."""

    weeks: int | None
    days: int | None
    due_date: date | None
    dated_by: str | None
    """``profile`` (her due date) or ``check`` (the week she gave in the check)."""
    age_band: str | None
    given_on: date | None = None
    """For ``check``: the day she gave the week, which may be weeks before the summary."""

    @property
    def gestation(self) -> str | None:
        if self.weeks is None:
            return None
        return f"{self.weeks}+{self.days}" if self.days is not None else str(self.weeks)


@dataclass(frozen=True)
class DangerSign:
    label: str
    question: str
    path: str
    answer: Any
    """True, False, a value (a leg, centimetres), or None when not answered."""
    shown: str
    """The answer in words: yes, no, left, 2 centimetres, not answered."""

    @property
    def present(self) -> bool:
        return self.answer not in (None, False)


@dataclass(frozen=True)
class Note:
    """A warning from the engine: its public id and its words."""

    id: str
    text: str


@dataclass(frozen=True)
class Check:
    """The latest check: its triage level, headline, reasons and the danger signs asked."""

    made_at: datetime | None
    """When it was kept; None for answers given with the command (checked now)."""
    level: str
    headline: str
    do_now: str | None
    reasons: list[str]
    danger_signs: list[DangerSign]
    warnings: list[Note]
    """The check's own warnings, word for word, for the record of the check."""
    worries: list[Note]
    """What the page says worries the tool: the warnings less those the supplements
    section says from its own totals, and an upper limit the check found exceeded that
    those totals do not reach, dated and without the check's figure, so the page gives
    one total for each nutrient; less, too, a warning the saved stack no longer gives
    (iron beside an antacid she has stopped)."""
    knowledge_version: str

    @property
    def signs_present(self) -> list[DangerSign]:
        return [s for s in self.danger_signs if s.present]

    @property
    def signs_absent(self) -> list[DangerSign]:
        return [s for s in self.danger_signs if s.answer is False]

    @property
    def signs_unanswered(self) -> list[DangerSign]:
        return [s for s in self.danger_signs if s.answer is None]


@dataclass(frozen=True)
class Week:
    first: date
    last: date
    gestational_week: int | None
    cramps: int
    nights_woken: int
    median_severity: float | None
    logged_days: int
    """Days of the block with a cramp or a day entry (or inside a short gap): a block with
    none was not logged, which is not the same as no cramps."""


@dataclass(frozen=True)
class Trend:
    """The rate in the later half of the period against the earlier half."""

    ratio: float
    low: float
    high: float
    earlier_days: int
    later_days: int
    words: str
    cautions: list[str]


@dataclass(frozen=True)
class Cramp:
    """One logged cramp, for the record."""

    started_at: datetime
    """On the clock of the zone it was logged in."""
    night: bool
    leg: str | None
    muscle: str | None
    severity: int | None
    duration_min: float | None
    woke: bool


@dataclass(frozen=True)
class Cramps:
    total: int
    per_week: float | None
    logged_days: int
    night: int
    nights_woken: int
    median_severity: float | None
    max_severity: int | None
    rated: int
    weeks: list[Week]
    trend: Trend | None
    trend_note: str
    """Why there is no trend, or the trend's caution in a line."""
    episodes: list[Cramp]


@dataclass(frozen=True)
class Finding:
    """A factor worth a look or a look-alike, with one-line reasons."""

    title: str
    likelihood: str
    reasons: list[str]
    code: Code | None = None


@dataclass(frozen=True)
class TestToDiscuss:
    title: str
    why: str
    code: Code | None = None


@dataclass(frozen=True)
class Product:
    name: str
    kind: str
    units_per_day: float
    amounts: dict[str, float]
    """Nutrient key (``magnesium_mg``) to the amount per unit, as given or estimated."""
    estimated: list[str]
    """Nutrient keys left blank on the label and counted at the pack's typical amount."""


@dataclass(frozen=True)
class Ledger:
    source: str
    """``stack`` (her saved supplements) or ``check`` (as listed in the check)."""
    products: list[Product]
    totals: list[LimitRow]
    """The ledger's own rows (``diet.stack.check``), against the limits for her age band."""
    warnings: list[Note]
    """The engine's warnings on these products and the food log, and those the check's
    answers give with the saved stack that the check itself did not."""
    notes: list[str]
    """The pack's words for each amount left blank and counted at a typical figure."""


@dataclass(frozen=True)
class Reading:
    """A reading or test result she gave, with its usual range."""

    id: str
    label: str
    value: str
    """In words and numbers, as shown: ``118/74``, ``18``, ``trace``."""
    unit: str
    usual: str
    flag: str | None
    """``low``, ``high`` or ``outside`` when out of the usual range, else None."""
    low: float | None
    high: float | None
    """The bounds of the usual range used (an exclusive "under" is in ``usual`` only)."""
    values: dict[str, float | str]
    """Answer path to the value given, for the record."""


@dataclass(frozen=True)
class FoodLine:
    key: str
    name: str
    amount: float
    unit: str
    target: float | None
    """The pregnancy reference intake a day, when there is one."""
    limit: float | None
    """A daily amount to stay under (caffeine), when there is one."""


@dataclass(frozen=True)
class Food:
    days_logged: int
    lines: list[FoodLine]


@dataclass(frozen=True)
class Summary:
    generated_at: datetime
    knowledge_version: str
    disclaimer: str
    period: Period
    name: str | None
    pregnancy: Pregnancy
    check: Check | None
    cramps: Cramps
    factors: list[Finding]
    look_alikes: list[Finding]
    tests: list[TestToDiscuss]
    ledger: Ledger | None
    readings: list[Reading]
    food: Food | None
    answers: dict[str, Any] = field(default_factory=dict)
    """The answers behind the check, for the record's questionnaire response."""
