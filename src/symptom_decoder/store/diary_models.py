"""Tables of the cramp diary: episodes and the context of each day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from symptom_decoder.store.db import Base, UTCDateTime


class Episode(Base):
    """One cramp: an instant in UTC plus the zone it was logged in, so local time is exact."""

    __tablename__ = "episodes"
    __table_args__ = (Index("ix_episodes_person_started", "person_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Made by the client before the first attempt, so a retried write is stored once.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    zone: Mapped[str] = mapped_column(String(64))
    leg: Mapped[str | None] = mapped_column(String(8))
    muscle: Mapped[str | None] = mapped_column(String(8))
    duration_min: Mapped[float | None] = mapped_column(Float)
    severity: Mapped[int | None] = mapped_column(Integer)
    woke: Mapped[bool] = mapped_column(Boolean, default=False)
    helped: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class DayContext(Base):
    """One local day: no cramps that day, fluids, supplements, stretching, standing."""

    __tablename__ = "day_contexts"
    __table_args__ = (UniqueConstraint("person_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    fluids_ml: Mapped[int | None] = mapped_column(Integer)
    supplements: Mapped[str] = mapped_column(Text, default="")
    stretching_min: Mapped[int | None] = mapped_column(Integer)
    hours_standing: Mapped[float | None] = mapped_column(Float)
    # "No cramps today": she says the day had none, so it counts in trends (issue 13).
    no_cramps: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
