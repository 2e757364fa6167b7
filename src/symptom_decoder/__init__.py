"""Symptom Decoder: explains night-time leg cramps in pregnancy.

The map, inside out (each package's own docstring says more):

- ``types``, ``errors``, ``settings``, ``answers``, ``nutrition``, ``render``: the few shared
  pieces: the type vocabulary, the error family (each error knows its HTTP status), the one
  typed view of ``SD_*`` variables, the ``answers/v1`` contract (validation and the
  vocabularies it fixes), supplement totals, and text/Markdown rendering.
- ``knowledge``: knowledge packs as versioned data (YAML and CSV) and their checks only.
- ``engine``: the pure function ``assess(answers, pack)``: it compiles the pack's
  conditions, decides, ranks missing answers, and knows which interview question applies.
  It reads no files, clock or settings.
- ``diary``, ``diet``, ``foods``: the services: the cramp diary and its statistics; the food
  log, suggestions, the supplement stack and what is already known about a person; the USDA
  food data (the import writes it, search and portions read it).
- ``store``: SQLAlchemy models and Alembic migrations of people's own data.
- ``cli`` and ``web``: thin edges. One CLI module per command group; the web app's routers
  parse, call ``web.services`` (shared by a page and its JSON twin) and render. Routers never
  import each other; nothing imports an edge.
"""

__version__ = "0.1.0"
