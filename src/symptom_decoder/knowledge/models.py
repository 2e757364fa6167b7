"""Typed, frozen models of a knowledge pack. Unknown keys are errors (``extra="forbid"``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from symptom_decoder.knowledge.conditions import Condition, Frozen
from symptom_decoder.types import Evidence, Level

Id = str  # a stable, readable identifier: lower case, digits and underscores


class Code(Frozen):
    system: Literal["http://snomed.info/sct", "http://loinc.org"]
    code: str = Field(min_length=1)
    display: str = Field(min_length=1)


class Sourced(Frozen):
    """Anything that states medicine names its references and how strong they are."""

    sources: list[Id] = Field(min_length=1)
    evidence: Evidence


class Reference(Frozen):
    id: Id = Field(pattern=r"^R[0-9]+[a-z]?$")
    citation: str = Field(min_length=10)
    url: str | None = Field(default=None, pattern=r"^https://")


class Choice(Frozen):
    value: str
    label: str


class Question(Frozen):
    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    path: str
    text: str = Field(min_length=3)
    help: str | None = None
    type: Literal["boolean", "integer", "number", "choice", "multi_choice", "supplements"]
    unit: str | None = None
    choices: list[Choice] | None = None
    ask_when: Condition | None = None
    red_flag: bool = False
    probes: list[float] | None = None
    """Values worth trying when ranking this question as a missing answer (besides the
    values that make a rule's own leaf fire)."""


class Rule(Sourced):
    """A weighted piece of evidence: positive weights raise a score, negative ones lower it."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    when: Condition
    weight: float = Field(ge=-5, le=5)
    text: str = Field(min_length=3)


class Factor(Frozen):
    id: Id
    title: str
    summary: str
    prior: float = Field(gt=0, lt=1)
    evidence_note: str
    rules: list[Rule] = Field(min_length=1)


class LookAlike(Frozen):
    id: Id
    title: str
    code: Code | None = None
    gate: Condition
    gate_text: str
    prior: float = Field(gt=0, lt=1)
    advice: str
    sources: list[Id] = Field(min_length=1)
    evidence: Evidence
    rules: list[Rule] = Field(default_factory=list)


class TriageRule(Sourced):
    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    level: Level
    when: Condition
    reason: str
    do_now: str | None = None
    code: Code | None = None


class ScoreItem(Frozen):
    when: Condition
    points: int = Field(ge=1, le=10)
    text: str


class Score(Sourced):
    id: Id
    title: str
    items: list[ScoreItem] = Field(min_length=1)


class TestItem(Sourced):
    id: Id
    title: str
    when: Condition
    why: str
    code: Code | None = None


class Advice(Sourced):
    """A relief step or plan item; ``when`` limits it to some pictures, ``unless`` withholds it."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=3)
    when: Condition | None = None
    unless: Condition | None = None


class WarningRule(Sourced):
    """One way a warning can fire; several rules may emit the same public warning id."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    emits: Id | None = None
    when: Condition
    text: str

    @property
    def public_id(self) -> str:
        return self.emits or self.id


class Trimester(Frozen):
    trimester: int = Field(ge=1, le=3)
    first_week: int = Field(ge=1, le=44)
    last_week: int = Field(ge=1, le=44)


class Estimates(Sourced):
    """How a rough answer becomes a number when no food log exists."""

    magnesium_base_mg: float = Field(ge=0)
    magnesium_per_serving_mg: float = Field(ge=0)
    calcium_base_mg: float = Field(ge=0)
    calcium_per_dairy_serving_mg: float = Field(ge=0)


class Headlines(Frozen):
    emergency: str
    urgent: str
    routine: str
    self_care: str


class Bands(Frozen):
    high: float = Field(gt=0, lt=1)
    moderate: float = Field(gt=0, lt=1)


class Manifest(Frozen):
    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    title: str
    answers_schema: str = Field(pattern=r"^(answers/v1|[A-Za-z0-9_.-]+\.json)$")
    disclaimer: str
    headlines: Headlines
    likelihood: Bands
    trimesters: list[Trimester] = Field(default_factory=list)
    estimates: Estimates | None = None


class Intake(Frozen):
    """One row of ``intakes.csv``: a reference intake and limit for one age band."""

    nutrient: str
    unit: str
    age_min: int
    age_max: int
    rda: float | None = None
    ear: float | None = None
    ul: float | None = None
    ul_scope: Literal["supplemental", "total", "limit", "none"]
    references: list[Id] = Field(min_length=1)
