"""Alembic environment: runs on the connection that ``store.db.upgrade`` passes in."""

from alembic import context

import symptom_decoder.store.models  # noqa: F401  (registers the tables)
from symptom_decoder.store.db import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
