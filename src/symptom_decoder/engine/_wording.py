"""Fill ``{path}`` and ``{path:format}`` placeholders in pack text from the evaluation context."""

from __future__ import annotations

import re
from typing import Any

from symptom_decoder.engine._decide import Ctx

_FIELD = re.compile(r"\{([a-z_][a-z0-9_.]*)(?::([^{}]+))?\}")


def fill(text: str, ctx: Ctx) -> str:
    def sub(match: re.Match[str]) -> str:
        value: Any = ctx.value(match.group(1))
        if value is None:
            return "unknown"
        spec = match.group(2) or ""
        try:
            return format(value, spec)
        except (TypeError, ValueError):
            return str(value)

    return _FIELD.sub(sub, " ".join(text.split()))
