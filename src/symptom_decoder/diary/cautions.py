"""The words the diary uses when a comparison may mislead: plain, kind, and with their sources.

References are keys of the project's clinical evidence sheet (§1: cramps become more
common through pregnancy).
"""

from __future__ import annotations

from typing import Any

_CAUTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "no_days": (
        "There are no diary days {side} {change}, so there is nothing to compare. "
        "Keep logging and try again in a couple of weeks.",
        (),
    ),
    "no_episodes": (
        "No cramps were logged on either side, so there is no rate to compare.",
        (),
    ),
    "few_days": (
        "The {side} side has only {days} days of diary (fewer than {minimum}). "
        "Cramps come and go from week to week, so a short stretch can look better or worse "
        "by chance. A few more weeks will give a steadier picture.",
        (),
    ),
    "few_episodes": (
        "Fewer than {minimum} cramps were logged on the {side} side, so the rates are rough "
        "and the range around the ratio is wide.",
        (),
    ),
    "natural_rise": (
        "Cramps usually become more common as pregnancy goes on: in a large survey about 1 in 9 "
        "women had them in the first trimester, more than 1 in 4 in the second and about half "
        "in the third. Your 'after' days (weeks {after}) come later in pregnancy than your "
        "'before' days (weeks {before}), so this natural rise could explain part or all of the "
        "increase.",
        ("R20", "R22"),
    ),
    "natural_rise_undated": (
        "If you are pregnant, cramps usually become more common as pregnancy goes on, "
        "especially toward the third trimester, and that alone could explain part of an "
        "increase. Add your due date (profile set --due-date) to see which weeks each side covers.",
        ("R20", "R22"),
    ),
    "not_proof": (
        "A before-and-after comparison cannot show that the change caused the difference: "
        "cramps come and go on their own, and people often start something new when cramps "
        "are at their worst.",
        (),
    ),
}


def caution(caution_id: str, **values: Any) -> dict[str, Any]:
    """The caution CAUTION_ID as ``{id, text, references}`` with VALUES filled in."""
    text, references = _CAUTIONS[caution_id]
    return {"id": caution_id, "text": text.format(**values), "references": list(references)}
