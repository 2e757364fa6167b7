"""Exporters: one small protocol, registered in one place.

An exporter turns a ``Summary`` into the bytes of a file. The built-ins (PDF, FHIR,
Markdown) register here through ``register``, the same call a third party would make, and
import their heavy libraries (fpdf2, fhir.resources) only when they render.
"""

from __future__ import annotations

from symptom_decoder.summary.protocol import PAPERS, Exporter, Options, Paper

__all__ = ["PAPERS", "Exporter", "Options", "Paper", "UnknownFormat", "get", "names", "register"]

class UnknownFormat(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"must be one of {', '.join(names())} (got {name!r})")
        self.name = name


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Make EXPORTER available by its name; a later one with the same name replaces it."""
    _REGISTRY[exporter.name] = exporter
    return exporter


def get(name: str) -> Exporter:
    _builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownFormat(name) from None


def names() -> list[str]:
    _builtins()
    return sorted(_REGISTRY)


_loaded = False


def _builtins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from symptom_decoder.summary.fhir import FhirExporter
    from symptom_decoder.summary.markdown import MarkdownExporter
    from symptom_decoder.summary.pdf import PdfExporter

    for exporter in (PdfExporter(), FhirExporter(), MarkdownExporter()):
        if exporter.name not in _REGISTRY:
            register(exporter)
