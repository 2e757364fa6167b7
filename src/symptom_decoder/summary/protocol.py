"""What an exporter is: the small protocol every file format implements, and its options.

The registry (``exporters``) knows the formats; the formats know only this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from symptom_decoder.knowledge import Pack
from symptom_decoder.summary.model import Summary

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")


@dataclass(frozen=True)
class Options:
    paper: Paper = "a4"


class Exporter(Protocol):
    """Renders a summary as one file."""

    name: str
    """What ``--format`` and the web's ``?format=`` call it: ``pdf``, ``fhir``."""
    title: str
    media_type: str
    suffix: str

    def render(self, summary: Summary, pack: Pack, options: Options) -> bytes: ...
