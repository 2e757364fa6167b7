"""The engine's output: frozen models that serialise to ``assessment/v1``.

Extra keys beyond the contract (titles, codes, evidence levels, the answers behind each
reason) let the page, the PDF and the FHIR export explain themselves from the same data.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from symptom_decoder.types import Evidence, Level


class Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Reason(Out):
    id: str
    text: str
    weight: float | None = None
    direction: Literal["for", "against"] | None = None
    sources: list[str]
    evidence: Evidence | None = None
    answers: list[str] = []


class Code(Out):
    system: str
    code: str
    display: str


class Triage(Out):
    level: Level
    headline: str
    do_now: str | None = None
    if_no_answer: str | None = None
    """What to do when no one answers the call the headline asks for (urgent, emergency)."""
    reasons: list[Reason]


class FactorEvidenceResult(Out):
    level: Evidence
    note: str


class FactorResult(Out):
    id: str
    rank: int
    likelihood: Literal["high", "moderate", "low"]
    score: float
    title: str
    summary: str
    evidence: FactorEvidenceResult
    reasons: list[Reason]


class LookAlikeResult(Out):
    id: str
    likelihood: Literal["high", "moderate", "low"]
    score: float
    title: str
    advice: str
    code: Code | None = None
    reasons: list[Reason]


class TestResult(Out):
    id: str
    title: str
    why: str
    code: Code | None = None
    sources: list[str]
    evidence: Evidence


class PlanItem(Out):
    id: str
    text: str
    sources: list[str]
    evidence: Evidence


class WarningResult(Out):
    id: str
    rule: str
    text: str
    sources: list[str]
    evidence: Evidence


class ReferenceResult(Out):
    id: str
    citation: str
    url: str | None = None


class NextQuestion(Out):
    path: str
    question: str
    impact: float
    raises_to: Level | None = None
    """The highest triage level its answer could lead to, when higher than now."""


class Assessment(Out):
    schema_: Literal["assessment/v1"] = Field("assessment/v1", serialization_alias="schema")
    knowledge_version: str
    triage: Triage
    safety_net: list[str]
    about_causes: str | None = None
    estimates: list[str] = []
    factors: list[FactorResult]
    look_alikes: list[LookAlikeResult]
    tests_to_discuss: list[TestResult]
    relief_now: list[str]
    plan: list[PlanItem]
    warnings: list[WarningResult]
    missing_answers: list[str]
    next_questions: list[NextQuestion]
    references: list[ReferenceResult]
    disclaimer: str

    def to_json(self) -> dict[str, Any]:
        """The ``assessment/v1`` document (unset optional keys left out)."""
        data = self.model_dump(mode="json", exclude_none=True)
        data.pop("schema_")
        return {"schema": "assessment/v1", **data}

    def to_json_bytes(self) -> bytes:
        """The same document as ``to_json``, serialised in one step (for the API: about a
        third of the time of building the dict and encoding it)."""
        return self.__pydantic_serializer__.to_json(self, exclude_none=True, by_alias=True)
