"""Personas for the interview tests: full answers written from the issues, and a client
that walks the check answering as she would (her answer when she has one, else a skip)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symptom_decoder.answers import get_path, set_path
from symptom_decoder.engine import Mode, Turn, next_turn
from symptom_decoder.knowledge import Pack
from symptom_decoder.types import Level

PERSONAS = Path(__file__).with_name("fixtures") / "personas"


def full_answers(name: str) -> dict[str, Any]:
    doc = json.loads((PERSONAS / f"{name}.json").read_text(encoding="utf-8"))
    answers: dict[str, Any] = doc["answers"]
    return answers


@dataclass
class Walk:
    """What one walk through the check asked, screen by screen, and where it ended."""

    answers: dict[str, Any]
    skipped: list[str] = field(default_factory=list)
    screens: list[list[str]] = field(default_factory=list)
    last: Turn | None = None

    @property
    def questions(self) -> int:
        """Questions put to her; the danger checklist counts as one."""
        return sum(1 if s and s[0] == "checklist" else len(s) for s in self.screens)


Step = Callable[[dict[str, Any], list[str], Mode], Turn]


def walk(pack: Pack, full: dict[str, Any], mode: Mode, *, start: Walk | None = None,
         seen: Level | None = None, step: Step | None = None) -> Walk:
    """Answer each screen from FULL (a red flag she does not have is left unticked, so it
    is a "no"); anything FULL does not hold is skipped."""
    done = start or Walk({"schema": "answers/v1"})
    ask = step or (lambda a, s, m: next_turn(a, pack, skipped=s, mode=m, seen=seen))
    for _ in range(40):
        turn = ask(done.answers, done.skipped, mode)
        done.last = turn
        if turn.done:
            return done
        done.screens.append(["checklist"] if turn.checklist else [q.path for q in turn.questions])
        for q in turn.questions:
            value = get_path(full, q.path)
            if value is None and turn.checklist:
                value = False
            if value is None:
                done.skipped.append(q.path)
            else:
                set_path(done.answers, q.path, value)
    raise AssertionError("the interview did not end")
