"""The words the diary uses about its own numbers: cautions when a comparison may mislead,
and the sentence that says what a comparison found. The texts live in ``wording.yaml``;
this module fills them in.

References are ids of the knowledge pack's references (cramps become more common through
pregnancy).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from symptom_decoder.yamlread import safe_load


@cache
def _wording() -> dict[str, Any]:
    text = resources.files("symptom_decoder.diary").joinpath("wording.yaml").read_text("utf-8")
    data: dict[str, Any] = safe_load(text)
    return data


_CAUTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    key: (value["text"], tuple(value.get("references", ())))
    for key, value in _wording()["cautions"].items()
}


@dataclass(frozen=True)
class Caution:
    """A caution in plain words, with the references behind it."""

    id: str
    text: str
    references: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "references": list(self.references)}


def caution(caution_id: str, **values: Any) -> Caution:
    """The caution CAUTION_ID with VALUES filled in."""
    text, references = _CAUTIONS[caution_id]
    return Caution(caution_id, text.format(**values), references)


def sentence(kind: str, **values: Any) -> str:
    """The comparison's sentence of KIND (too_early, fewer, ...) with VALUES filled in."""
    text: str = _wording()["sentences"][kind]
    return text.format(**values)


def method_text(kind: str, **values: Any) -> str:
    """How a comparison's range was worked out, in words."""
    text: str = _wording()["methods"][kind]
    return text.format(**values)


def word(name: str) -> str:
    """A short fixed phrase (``same``, ``no_change``, ``days_none``, ``rate_none``)."""
    text: str = _wording()["words"][name]
    return text


def sentence_kinds() -> tuple[str, ...]:
    return tuple(_wording()["sentences"])


def method_kinds() -> tuple[str, ...]:
    return tuple(_wording()["methods"])
