"""USDA food-composition data: import, storage, search and the rules that filter foods.

How the parts fit:

- ``sr28`` and ``fdc`` read USDA's releases (the SR28 ASCII files, or the FoodData Central
  CSV layout), each from a folder or a zip; ``_source`` hides which of the two it is.
- ``importer`` builds the food database aside (through ``writer``, which the readers fill)
  and swaps it in with ``os.replace``, so a failed import leaves the previous file as it
  was; ``database`` reads it. It is a separate SQLite file, a rebuildable cache, not
  personal data, so it is not under Alembic.
- ``nutrients`` names the nutrients the product uses and their USDA numbers.
- ``text`` turns descriptions and queries into comparable word stems; ``search`` ranks
  foods for a query, typo-tolerant, everyday whole foods first.
- ``rules`` loads ``rules.yaml``: pregnancy food-safety rules and personal exclusions
  (nut, dairy, vegan...), kept as data with their references.
"""
