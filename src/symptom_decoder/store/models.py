"""Tables of the personal-data store. Every personal table references ``people``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from symptom_decoder.store.db import Base


class Person(Base):
    """One person whose data this store keeps; the CLI uses the person named 'local'."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Heartbeat(Base):
    """The last time each host proved it can write (the health check's probe)."""

    __tablename__ = "heartbeats"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


from symptom_decoder.store import (  # noqa: E402, F401
    account_models,
    choice_models,
    diary_models,
    diet_models,
    profile_models,
    share_models,
)
