"""Typed, frozen models of a knowledge pack. Unknown keys are errors (``extra="forbid"``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

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
    """A source. Each one can be found again: a web address, a DOI, or, for a printed
    book or report with neither, ``print_only: true``."""

    id: Id = Field(pattern=r"^R[0-9]+[a-z]?$")
    citation: str = Field(min_length=10)
    url: str | None = Field(default=None, pattern=r"^https://")
    doi: str | None = Field(default=None, pattern=r"^10\.[0-9]{4,9}/\S+$")
    print_only: bool = False

    @model_validator(mode="after")
    def _findable(self) -> Reference:
        if self.url is None and self.doi is None and not self.print_only:
            raise ValueError("a reference needs a url or a doi, or print_only: true")
        return self


class Choice(Frozen):
    value: str
    label: str


class QuestionField(Frozen):
    """One value asked for each item of a list answer (a supplement's amount per tablet)."""

    key: str
    label: str


class OtherUnit(Frozen):
    """Another unit a result comes in, as people type it ("mg/dL"), and how to turn it into
    the question's unit: (typed + ``offset``) * ``factor`` (a blood calcium: 1 / 4.008;
    Fahrenheit: offset -32, factor 5/9)."""

    unit: str = Field(min_length=1)
    spellings: list[str] = Field(default_factory=list)
    """Other ways people type the same unit ("°F", "fahrenheit")."""
    factor: float = Field(gt=0)
    offset: float = 0.0


class UnitCheck(Frozen):
    """A number typed without its unit and above ``above`` is asked for again with its
    unit: no result in the question's unit comes so high, and a usual one in another unit
    does (a US calcium of 9.2 mg/dL is not 9.2 millimoles per litre)."""

    above: float = Field(gt=0)
    text: str = Field(min_length=10)
    """What to say; ``{value}`` is the number she typed."""

    @field_validator("text")
    @classmethod
    def _names_the_value(cls, text: str) -> str:
        if "{value}" not in text:
            raise ValueError("must show the number she typed as {value}")
        try:
            text.format(value="1")
        except (IndexError, KeyError, ValueError) as exc:
            raise ValueError(f"only {{value}} may be filled in ({exc})") from None
        return text


class Question(Frozen):
    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    path: str
    text: str = Field(min_length=3)
    label: str | None = Field(default=None, min_length=3, max_length=60)
    """A few words naming the question in a summary ("Chest pain"); the text if unset."""
    help: str | None = None
    type: Literal["boolean", "integer", "number", "choice", "multi_choice", "supplements"]
    unit: str | None = None
    choices: list[Choice] | None = None
    fields: list[QuestionField] | None = None
    """For ``supplements``: the values asked for each product, in order."""
    ask_when: Condition | None = None
    red_flag: bool = False
    probes: list[float] | list[list[dict[str, str | float]]] | None = None
    """Values worth trying when ranking this question as a missing answer (besides the
    values that make a rule's own leaf fire): numbers, or for a list answer (supplements)
    example lists."""
    needs: Literal["reading", "test_result", "food_log"] | None = None
    """What she must have to hand to answer it (a measurement, a test result, her food
    log); the quick check leaves these to "answer more"."""
    quick_when: Condition | None = None
    """For a question that ``needs`` something: the quick check asks it after all when this
    holds (a blood pressure reading after "I have high blood pressure")."""
    other_units: list[OtherUnit] = Field(default_factory=list)
    """Units a result may be typed in besides ``unit``, converted as it is read."""
    unit_check: UnitCheck | None = None


class Rule(Sourced):
    """A weighted piece of evidence: positive weights raise a score, negative ones lower it."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    when: Condition
    weight: float = Field(ge=-5, le=5)
    text: str = Field(min_length=3)


class Cap(Frozen):
    """A ceiling on a likelihood: at most ``at_most`` when ``when`` holds (always, if unset),
    unless ``unless`` holds. Caps keep a weak idea or a look-alike out of its stage honest."""

    at_most: Literal["low", "moderate"]
    when: Condition | None = None
    unless: Condition | None = None
    text: str = Field(min_length=3)


class FactorEvidence(Frozen):
    """How well studies support the factor as a cause of cramps at all."""

    level: Evidence
    note: str = Field(min_length=10)


class Factor(Frozen):
    id: Id
    title: str
    summary: str
    prior: float = Field(gt=0, lt=1)
    evidence: FactorEvidence
    caps: list[Cap] = Field(default_factory=list)
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
    danger: Level | None
    """The least triage level a showing at moderate or more needs, or null for a look-alike
    that is not a danger. Required, so no look-alike is added without deciding; the pack
    checker then asks for the triage rule that enforces it."""
    caps: list[Cap] = Field(default_factory=list)
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
    max_level: Level = Level.urgent
    """Shown up to this triage level; ``emergency`` only for what an emergency team does."""


class Advice(Sourced):
    """A relief step or plan item; ``when`` limits it to some pictures, ``unless`` withholds it."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=3)
    when: Condition | None = None
    unless: Condition | None = None
    min_level: Level = Level.self_care
    max_level: Level = Level.urgent
    """Shown only from ``min_level`` to ``max_level``: at an emergency, only what is safe
    while waiting for help."""


class SafetyNetItem(Sourced):
    """One line of "get help now if ...", shown on every result it applies to."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=3)
    when: Condition | None = None
    levels: list[Level] | None = None
    """The triage levels it is shown at; every level when unset."""
    if_no_answer: bool = False
    """What to do when no one answers the call the headline asks for (shown beside the
    call buttons of an urgent or emergency result)."""


class Claim(Sourced):
    """One claim of the article the decoder grew from, with what studies show."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    claim: str = Field(min_length=10)
    verdict: Literal["supported", "mixed", "not_supported", "unknown"]
    text: str = Field(min_length=10)


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


class BlankAmount(Frozen):
    """What a supplement of KIND counts when its NUTRIENT amount is left blank: never zero."""

    kind: str
    nutrient: Literal["magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu", "potassium_mg"]
    per_unit: float = Field(gt=0)
    text: str = Field(min_length=10)
    """Names the estimate; may use {name}, {units}, {per_unit} and {total}."""


class Estimates(Sourced):
    """How a rough answer becomes a number when no food log exists."""

    magnesium_base_mg: float = Field(ge=0)
    magnesium_per_serving_mg: float = Field(ge=0)
    calcium_base_mg: float = Field(ge=0)
    calcium_per_dairy_serving_mg: float = Field(ge=0)
    typical_food_calcium_mg: float | None = Field(default=None, gt=0)
    """Food calcium counted for the upper-limit check when it is unknown."""
    typical_food_calcium_text: str | None = None
    """Names that estimate; may use {amount}."""
    blank_amounts: list[BlankAmount] = Field(default_factory=list)


class Stages(Frozen):
    """Which weeks count as late: from ``late_from_week`` of pregnancy to
    ``recent_birth_weeks`` after birth; an unknown stage counts as late."""

    late_from_week: int = Field(ge=1, le=44)
    recent_birth_weeks: int = Field(ge=0, le=52)


class AgeSpan(Frozen):
    """Ages from ``age_min`` to ``age_max`` years, both included."""

    age_min: int = Field(ge=0, le=120)
    age_max: int = Field(ge=0, le=120)


class Headlines(Frozen):
    emergency: str
    urgent: str
    routine: str
    self_care: str


class StageHeadlines(Frozen):
    """Headlines used instead when ``when`` holds: late pregnancy or soon after birth names
    the maternity unit's triage line; after birth there is no antenatal visit to wait for."""

    when: Condition
    emergency: str | None = None
    urgent: str | None = None
    routine: str | None = None
    self_care: str | None = None


class EmergencyNumber(Frozen):
    number: str = Field(pattern=r"^\+?[0-9]{2,15}$")
    where: str = Field(min_length=2)
    """Where it is the number: "in the UK"."""


class Contacts(Frozen):
    """Whom an urgent or emergency result asks her to call, for its tap-to-call links. The
    maternity unit's own number is a setting of the server; ``maternity_unit_where`` says
    where to find it when none is set."""

    emergency: list[EmergencyNumber] = Field(min_length=1)
    maternity_unit: str = Field(min_length=3)
    maternity_unit_where: str = Field(min_length=10)
    where_in_headlines: str | None = None
    """The headlines' own words on where to find the maternity unit's number, with the
    space before them. A page that shows the number (the server has one) leaves them out."""


class Bands(Frozen):
    high: float = Field(gt=0, lt=1)
    moderate: float = Field(gt=0, lt=1)


class Ledger(Frozen):
    """Wording of the supplement ledger, which adds food to supplements for each limit.

    The assessment's warnings see only what the answers contract carries; the ledger also
    knows food vitamin D from the food log, so it names a total over a limit itself.
    """

    total_above_limit: str = Field(min_length=10)
    """A food-plus-supplements total over its limit; may use {name}, {unit}, {total},
    {supplements}, {food} and {limit}."""
    unknown_amount: str = Field(min_length=10)
    """An amount left blank with no typical figure; may use {name} and {nutrient}."""
    expected: dict[str, list[Literal["magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu",
                                     "potassium_mg"]]] = Field(default_factory=dict)
    """Kind of product -> the amounts it is taken for: a blank one is never counted as zero."""


class Manifest(Frozen):
    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    title: str
    answers_schema: str = Field(pattern=r"^(answers/v1|[A-Za-z0-9_.-]+\.json)$")
    disclaimer: str
    headlines: Headlines
    stage_headlines: list[StageHeadlines] = Field(default_factory=list)
    """For each level, the first of these whose ``when`` holds and that has a headline for
    it replaces ``headlines``."""
    about_causes: str | None = None
    """What is known about the cause, shown above the factors."""
    likelihood: Bands
    trimesters: list[Trimester] = Field(default_factory=list)
    stages: Stages | None = None
    estimates: Estimates | None = None
    ledger: Ledger | None = None
    unknown_age: AgeSpan | None = None
    """Whose reference intakes count when the age is not given: of the ``intakes.csv`` bands
    inside this span, the lower upper limit, then the higher aim. Every band when unset."""
    contacts: Contacts | None = None


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
