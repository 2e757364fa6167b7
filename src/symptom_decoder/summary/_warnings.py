"""The check's warnings beside the supplements table, so the page says each once and as
of now: ``worries`` is what the check section gives, ``started`` what the saved stack adds.

The check counted the products and food she gave in it; the table counts the saved stack
and the food log. ``given_now`` runs the check's own answers again with the saved stack in
place of the products it listed: only the products change, so a warning it no longer gives
was about products she has stopped, and one it newly gives is about products she started.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from symptom_decoder.answers import AnswersError, validate_answers
from symptom_decoder.diet import stack
from symptom_decoder.engine import assess
from symptom_decoder.knowledge import Pack
from symptom_decoder.summary import words
from symptom_decoder.summary.model import Check, Ledger, Note


def notes(pairs: Sequence[tuple[str, str]]) -> list[Note]:
    """Warnings as Notes, their white space made single, each once."""
    out: list[Note] = []
    for warning_id, text in pairs:
        note = Note(id=warning_id, text=" ".join(text.split()))
        if note not in out:
            out.append(note)
    return out


def given_now(pack: Pack, answers: Mapping[str, Any], items: list[dict[str, Any]]
              ) -> list[Note] | None:
    """The warnings the check's answers give with ITEMS, the saved stack, in place of the
    products she listed; None when the answers do not take them."""
    try:
        engine = assess(validate_answers({**answers, "supplements": items},
                                         pack.answers_schema), pack)
    except AnswersError:
        return None
    return notes([(w.id, w.text) for w in engine.warnings])


def started(ledger: Ledger, check: Check, restacked: Sequence[Note]) -> Ledger:
    """LEDGER with the warnings the saved stack gives with the check's answers that the
    check did not (kidney disease, and magnesium started since): about what she takes now.
    Upper limits are left to the table's totals, which count the food log."""
    said = ({w.id for w in ledger.warnings} | {w.id for w in check.warnings}
            | set(stack.LIMIT_WARNINGS.values()))
    new = [w for w in restacked if w.id not in said]
    return replace(ledger, warnings=ledger.warnings + new) if new else ledger


def worries(warnings: Sequence[Note], ledger: Ledger | None, made_at: datetime | None,
            restacked: Sequence[Note] | None) -> list[Note]:
    """The check's warnings as the page gives them beside the supplements table.

    The check counted the products and food she gave in it; the table counts what is
    recorded now, so their totals can differ. A warning the table's own warnings repeat, or
    an upper limit the table shows exceeded, is left to the table; a limit the check found
    exceeded and the table does not is said with the check's date and without its figure.
    A warning the check's answers no longer give with the saved stack (RESTACKED: iron
    beside a calcium antacid she has stopped) is about products she no longer takes and
    is left out; one that reads only her results, fluids or medicines stays.
    """
    if ledger is None:
        return list(warnings)
    repeated = {w.id for w in ledger.warnings}
    still = None if restacked is None else {w.id for w in restacked}
    limits = {stack.LIMIT_WARNINGS[row.key]: row for row in ledger.totals
              if row.key in stack.LIMIT_WARNINGS}
    out = []
    for w in warnings:
        row = limits.get(w.id)
        if w.id in repeated or (row is not None and row.over):
            continue
        if row is None and still is not None and w.id not in still:
            continue
        out.append(w if row is None else
                   Note(id=w.id, text=words.limit_at_check(made_at, row.key)))
    return out
