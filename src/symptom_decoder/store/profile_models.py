"""Tables of the profile: dates of the pregnancy, age band, allergies, diet, saved assessments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from symptom_decoder.store.db import Base, UTCDateTime


class Profile(Base):
    """At most one per person; the pregnancy is dated by the LMP (a due date is stored as LMP)."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    lmp: Mapped[date | None] = mapped_column(Date)
    dated_by: Mapped[str | None] = mapped_column(String(12))
    age_band: Mapped[str | None] = mapped_column(String(8))
    # Comma-separated ids from a fixed list, kept sorted so equal sets compare equal.
    allergies: Mapped[str] = mapped_column(Text, default="")
    diets: Mapped[str] = mapped_column(Text, default="")


class SavedAssessment(Base):
    """An assessment as the engine returned it, with the knowledge version it was made with."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now())
    knowledge_version: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON)
