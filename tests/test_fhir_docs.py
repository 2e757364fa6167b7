"""docs/examples/fhir-summary.json is valid FHIR R4B and has the resources and codes the
export gives for the example in docs/fhir.md (its words may age; its codes may not).
Regenerate it after a change on purpose with:

    .venv/bin/python tests/test_fhir_docs.py
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fhir.resources.R4B.bundle import Bundle

sys.path.insert(0, str(Path(__file__).parent))

from summary_support import NO_SIGNS  # noqa: E402
from symptom_decoder.diary.episodes import EpisodeEntry  # noqa: E402
from symptom_decoder.engine import assess  # noqa: E402
from symptom_decoder.knowledge import load_pack  # noqa: E402
from symptom_decoder.summary.build import KeptCheck, Stored, build_summary  # noqa: E402
from symptom_decoder.summary.fhir import to_bundle  # noqa: E402
from symptom_decoder.summary.model import Period  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "fhir-summary.json"
ANSWERS: dict[str, Any] = {
    "gestational_week": 30, "red_flags": NO_SIGNS,
    "measurements": {"bp_systolic_mmhg": 118, "bp_diastolic_mmhg": 74, "heart_rate_bpm": 88},
    "labs": {"ferritin_ug_per_l": 18},
    "supplements": [{"kind": "calcium_antacid", "name": "Tums Extra", "units_per_day": 6}],
}


def example() -> dict[str, Any]:
    pack = load_pack()
    zone = ZoneInfo("Europe/London")
    cramps = [
        EpisodeEntry(started_at=datetime.combine(date(2026, 11, 28), time(2, 40), zone),
                     zone="Europe/London", leg="left", muscle="calf", severity=7, woke=True,
                     duration_min=2),
        EpisodeEntry(started_at=datetime.combine(date(2026, 11, 29), time(23, 5), zone),
                     zone="Europe/London", severity=5),
    ]
    check = KeptCheck(assessment=assess(ANSWERS, pack).to_json(), answers=ANSWERS,
                      made_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    stored = Stored(lmp=date(2026, 5, 1), age_band="19-30", check=check, episodes=cramps,
                    supplements=[], food={}, food_days=0)
    summary = build_summary(pack, stored, period=Period(date(2026, 11, 24), date(2026, 11, 30)),
                            now=datetime(2026, 11, 30, 14, 5, tzinfo=UTC), name="A. B.")
    return to_bundle(summary, pack)


def codes(node: Any, kind: str = "") -> list[tuple[str, str, str]]:
    """Every (resource type, system, code) in a bundle, in order."""
    found: list[tuple[str, str, str]] = []
    if isinstance(node, dict):
        kind = node.get("resourceType", kind)
        if "system" in node and "code" in node:
            found.append((kind, node["system"], node["code"]))
        for value in node.values():
            found += codes(value, kind)
    elif isinstance(node, list):
        for value in node:
            found += codes(value, kind)
    return found


def test_the_documented_example_is_valid_r4b_with_the_codes_the_export_gives() -> None:
    documented = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert Bundle.model_validate(documented).type == "document"
    assert codes(documented) == codes(example()), \
        "run .venv/bin/python tests/test_fhir_docs.py"


if __name__ == "__main__":
    EXAMPLE.write_text(json.dumps(example(), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    print(f"wrote {EXAMPLE}")
