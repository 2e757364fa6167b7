"""records.yaml, the pack's codes for the clinical record, is checked when the pack loads;
each fault is named with its file, its place and what is wrong."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from symptom_decoder.knowledge import PACKS, PackError, load_pack, load_pack_dir

PACK = PACKS / "pregnancy-leg-cramps"


def test_the_built_in_pack_has_a_code_for_every_reading_it_asks_for() -> None:
    records = load_pack().records
    assert records is not None
    asked = {q.path for q in load_pack().questions}
    for reading in records.readings:
        paths = [reading.path] if reading.path else [c.path for c in reading.components]
        assert set(paths) <= asked, reading.id
    assert records.section("cramps") is not None


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / "records.yaml"
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    return apply


def _reading(index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["readings"][index].update(values)

    return change


def _duplicate(data: dict[str, Any]) -> None:
    data["readings"].append(dict(data["readings"][-1]))


BROKEN = [
    pytest.param(_edit(_reading(4, path="labs.ferritin")),
                 "records.yaml: readings[4].path: unknown answer path 'labs.ferritin'",
                 id="an unknown answer path"),
    pytest.param(_edit(_reading(4, sources=["R999"])),
                 "records.yaml: readings[4].sources: unknown reference 'R999'",
                 id="an unknown reference"),
    pytest.param(_edit(_reading(4, ranges=[{"trimesters": [2]}])),
                 "records.yaml: readings[4].ranges[0]: Value error, a range needs low, high "
                 "or under", id="a range without bounds"),
    pytest.param(_edit(_reading(5, ranges=[{"low": 10.5, "trimesters": [4]}])),
                 "records.yaml: readings[5].ranges[0].trimesters: 4 is not a trimester",
                 id="a trimester the pack has not"),
    pytest.param(_edit(_reading(3, usual=["negative", "none"])),
                 "records.yaml: readings[3].usual: 'none' is not an allowed value",
                 id="a strip result the answers cannot hold"),
    pytest.param(_edit(_reading(0, path="measurements.heart_rate_bpm")),
                 "records.yaml: readings[0]: Value error, a reading needs a path or "
                 "components",
                 id="a path and components"),
    pytest.param(_edit(_duplicate), "records.yaml: readings[10].id: duplicate id",
                 id="a duplicate reading"),
    pytest.param(_edit(_reading(4, code={"system": "http://example.org", "code": "1",
                                         "display": "x"})),
                 "records.yaml: readings[4].code.system: Input should be", id="a code system"),
    pytest.param(lambda folder: (folder / "records.yaml").unlink(),
                 "references.yaml: R110: cited by no rule (unreachable)",
                 id="code references left uncited"),
]


@pytest.mark.parametrize(("break_it", "message"), BROKEN)
def test_a_broken_records_file_fails_at_load_naming_the_place(
    tmp_path: Path, break_it: Callable[[Path], None], message: str,
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    break_it(folder)
    with pytest.raises(PackError) as caught:
        load_pack_dir(folder)
    assert any(line.startswith(message) for line in caught.value.problems), \
        caught.value.problems
