"""Fill ``{path}`` and ``{path:format}`` placeholders in pack text from the evaluation context."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from symptom_decoder.engine._decide import Ctx

_FIELD = re.compile(r"\{([a-z_][a-z0-9_.]*)(?::([^{}]+))?\}")

Parts = tuple[tuple[str, str | None, str], ...]
"""(text before, placeholder path or None at the end, format spec)."""


def squash(text: str) -> str:
    """TEXT on one line with single spaces (pack texts are folded YAML)."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _parts(text: str) -> Parts:
    """TEXT with its spaces squeezed, cut at each placeholder (a pack's texts are few)."""
    text = squash(text)
    out: list[tuple[str, str | None, str]] = []
    at = 0
    for match in _FIELD.finditer(text):
        out.append((text[at:match.start()], match.group(1), match.group(2) or ""))
        at = match.end()
    out.append((text[at:], None, ""))
    return tuple(out)


def _shown(value: Any, spec: str) -> str:
    if value is None:
        return "unknown"
    try:
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)


def fill(text: str, ctx: Ctx) -> str:
    parts = _parts(text)
    if len(parts) == 1:
        return parts[0][0]
    return "".join(before + ("" if path is None else _shown(ctx.value(path), spec))
                   for before, path, spec in parts)
