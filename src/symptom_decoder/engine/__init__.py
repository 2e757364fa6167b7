"""The decoder engine: ``assess(answers, pack) -> Assessment``, a pure function.

``_compile`` turns the pack's conditions into closures; ``_plan`` compiles a pack once;
``_decide`` evaluates it (which rules fire, scores, triage level); ``_missing`` ranks
unanswered questions by how much they could change the result; ``_wording`` fills text
templates; ``_build`` assembles the result. ``make`` compiles those six to C with mypyc,
and ``_native`` loads that build when it is current (the same results, about twice as
fast). ``result`` holds the frozen output models; ``interview`` says what to ask on the
next screen (``next_turn``, the one mechanism of every front end) and turns a typed reply
into an answer. The engine is given its pack and reads no clock, settings, files or
network.
"""

from __future__ import annotations

from symptom_decoder.engine import _native

_native.load()  # before anything imports the modules it may compile

from symptom_decoder.engine._build import assess  # noqa: E402
from symptom_decoder.engine.interview import (  # noqa: E402
    MODES,
    Mode,
    ReplyError,
    Turn,
    needs_care_now,
    next_turn,
    parse_reply,
    should_ask,
)
from symptom_decoder.engine.result import Assessment  # noqa: E402

__all__ = ["MODES", "Assessment", "Mode", "ReplyError", "Turn", "assess", "compiled",
           "needs_care_now", "next_turn", "parse_reply", "should_ask"]


def compiled() -> tuple[bool, str]:
    """Whether the hot modules run compiled to C, and what was loaded (or why not)."""
    return _native.NATIVE, _native.WHY

