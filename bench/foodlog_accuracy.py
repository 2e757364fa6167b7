"""How well the food log reads everyday entries: prints the figures, it is not a timed test.

Usage: python bench/foodlog_accuracy.py [PATH-TO-SR28] [--list]

Imports SR28 into a temporary food database, reads every entry of
tests/fixtures/everyday_entries.yaml and prints, for the part the resolver was tuned on
and the held-out part separately: right, asked with the right choice, refused, silently
wrong. ``--list`` also prints each entry of the tuning part that is not right.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from everyday_accuracy import judge, load_entries, summary  # noqa: E402
from symptom_decoder.foods.catalog import Catalog  # noqa: E402
from symptom_decoder.foods.importer import import_foods  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "usda-sr28"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = Path(args[0]) if args else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "foods.sqlite3"
        import_foods(source, target)
        catalog = Catalog.open(target)
        try:
            for part, entries in load_entries().items():
                outcomes = [judge(catalog, entry) for entry in entries]
                print(summary(part, outcomes))
                if "--list" in sys.argv and part == "dev":
                    for outcome in outcomes:
                        if outcome.kind != "right":
                            print(f"    {outcome.kind:8} {outcome.entry.text}: {outcome.detail}")
        finally:
            catalog.close()


if __name__ == "__main__":
    main()
