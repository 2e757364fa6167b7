"""The food a person picked for the words she typed, so the same words find it first next time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from symptom_decoder.store.db import Base


class FoodChoice(Base):
    """One remembered choice: her words (normalised) and the USDA food she picked for them."""

    __tablename__ = "food_choices"
    __table_args__ = (UniqueConstraint("person_id", "words", name="uq_food_choices_person_words"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    words: Mapped[str] = mapped_column(String(200))
    food_id: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    times: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
