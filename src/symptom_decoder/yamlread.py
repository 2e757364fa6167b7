"""YAML read with libyaml's C parser when PyYAML has it (its wheels do), else pure Python.

The knowledge pack is about 9,000 YAML nodes; the pure-Python parser took about 0.45 s of
every `symptom-decoder assess` start, most of the command's time. Both parsers build the
same values and raise the same yaml.YAMLError (with its problem and mark)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like yaml.safe_load: plain data only (no tags that build objects)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
