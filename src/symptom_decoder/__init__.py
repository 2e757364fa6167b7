"""Symptom Decoder: explains night-time leg cramps in pregnancy.

How the parts fit:

- ``knowledge`` loads a knowledge pack (versioned YAML and CSV files) into frozen
  Pydantic models and checks it in three layers: schema, graph, and a loader test.
- ``engine`` is a pure function ``assess(answers, pack) -> Assessment``. It knows
  nothing of the terminal, the web, the database, the clock or the settings.
- ``answers`` validates an ``answers/v1`` document against the public contract and
  turns every problem into one line that names the field.
- ``render`` turns an assessment into text or Markdown.
- ``cli`` and (later) ``web`` are thin adapters: parse, call one service, render.
- ``settings`` is the one typed view of the ``SD_*`` environment variables.
- ``store`` holds the SQLAlchemy models and Alembic migrations of people's own data.
"""

__version__ = "0.1.0"
