"""Share links: a summary a person lets someone open without signing in, for a few days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from symptom_decoder.store.db import Base, UTCDateTime


class Share(Base):
    """One link to a person's summary. Only a hash of the link's token is kept, so a copy of
    the database cannot open anyone's summary."""

    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    period_days: Mapped[int] = mapped_column(Integer)
    """How many days of the diary the summary covers, ending on the day it is opened."""
    zone: Mapped[str] = mapped_column(String(64))
    """Her time zone when she made the link: it says which day is "today" for the summary."""
    name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uses: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
