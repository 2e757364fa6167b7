"""The small shared vocabulary of types."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NewType

Answers = dict[str, Any]
"""An ``answers/v1`` document (plain JSON data)."""

ValidAnswers = NewType("ValidAnswers", dict[str, Any])
"""Answers that ``answers.validate_answers`` has checked: validated once at the edge, then
passed on as this type, so no service checks them again."""


class Level(StrEnum):
    """Triage levels in rising order of urgency."""

    self_care = "self_care"
    routine = "routine"
    urgent = "urgent"
    emergency = "emergency"

    @property
    def rank(self) -> int:
        return _ORDER[self]

    def at_least(self, other: Level) -> bool:
        return _ORDER[self] >= _ORDER[other]


_ORDER = {Level.self_care: 0, Level.routine: 1, Level.urgent: 2, Level.emergency: 3}


class Evidence(StrEnum):
    """How strong the support for a rule is, from the evidence sheet's strength tags."""

    guideline = "guideline"
    systematic_review = "systematic_review"
    trial = "trial"
    observational = "observational"
    expert_opinion = "expert_opinion"
    source_article_claim = "source_article_claim"
    """Only the article the decoder grew from says so."""
