"""People's own data: SQLAlchemy 2 models and Alembic migrations.

``db`` makes engines and sessions (SQLite in WAL mode by default, PostgreSQL through
``DATABASE_URL``) and upgrades the schema to the newest migration; ``models`` holds the
tables. Every table of personal data carries ``person_id`` so each query can be scoped
to one person. Nothing here knows about the engine or the knowledge packs.
"""
