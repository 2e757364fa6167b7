"""docs/diet.md says what the food log does: its household table is measures.csv, row for row,
and the accuracy figures it prints are the ones the resolver reaches."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path

from everyday_accuracy import judge, load_entries, summary
from foods_data import catalog, sr28_path  # noqa: F401
from symptom_decoder.foods.catalog import Catalog

DOC = (Path(__file__).resolve().parents[1] / "docs" / "diet.md").read_text(encoding="utf-8")


def test_the_household_table_in_the_docs_is_the_one_the_log_uses() -> None:
    text = resources.files("symptom_decoder.foods").joinpath("measures.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    documented = re.findall(r"^\| (\w+) \| ([\d.]+ \w+) \| [^|]+ \| (.+) \|$", DOC,
                            flags=re.MULTILINE)
    assert [(w, m, why) for w, m, why in documented] == [
        (r["word"], r["means"], r["why"]) for r in rows]


def test_the_accuracy_figures_in_the_docs_are_current(catalog: Catalog) -> None:  # noqa: F811
    for part, entries in load_entries().items():
        line = summary(part, [judge(catalog, e) for e in entries])
        assert line in DOC, line
