"""The service calls that a page and its JSON twin share."""

from __future__ import annotations

from typing import Any

from symptom_decoder.answers import validate_answers
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import Pack


def assessment(answers: Any, pack: Pack) -> dict[str, Any]:
    """The ``assessment/v1`` document for ANSWERS; raises AnswersError naming each field."""
    valid = validate_answers(answers, pack.answers_schema)
    return assess(valid, pack).to_json()
