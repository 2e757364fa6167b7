"""Saved assessments: the engine's answer kept with the knowledge version it was made with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder.diary.errors import FieldError
from symptom_decoder.store.models import Person
from symptom_decoder.store.profile_models import SavedAssessment


def save_assessment(
    session: Session,
    person: Person,
    answers: dict[str, Any],
    assessment: dict[str, Any],
    *,
    now: datetime | None = None,
) -> SavedAssessment:
    """Keep ASSESSMENT (which must name its ``knowledge_version``) with the ANSWERS behind it."""
    version = assessment.get("knowledge_version")
    if not isinstance(version, str) or not version:
        raise FieldError("knowledge_version", "the assessment does not say which knowledge made it")
    row = SavedAssessment(
        person_id=person.id, knowledge_version=version, answers=answers, assessment=assessment
    )
    if now is not None:
        row.created_at = now
    session.add(row)
    session.flush()
    return row


def list_assessments(session: Session, person: Person) -> list[SavedAssessment]:
    """PERSON's saved assessments, newest first."""
    query = (
        select(SavedAssessment)
        .where(SavedAssessment.person_id == person.id)
        .order_by(SavedAssessment.created_at.desc(), SavedAssessment.id.desc())
    )
    return list(session.scalars(query))
