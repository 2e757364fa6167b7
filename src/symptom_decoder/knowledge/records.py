"""The pack's code tables for the clinical record (``records.yaml``): which answers become
coded observations with their units and reference ranges, the finding each diary entry
records (a cramp) and its parts, the codes of a supplement's elemental amounts, and the
summary document's sections.

Summaries and their FHIR export read codes from here, never from Python, so another pack
brings its own. Checked at load like the rest of the pack (``check``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from symptom_decoder.knowledge.conditions import Frozen
from symptom_decoder.knowledge.models import Code, Id


class Unit(Frozen):
    """A unit in plain words for people and in UCUM for the record."""

    text: str = Field(min_length=1)
    ucum: str = Field(min_length=1)


class Concept(Frozen):
    """A coded concept, or words alone where no standard code has been checked."""

    code: Code | None = None
    text: str = Field(min_length=3)


class Range(Frozen):
    """The usual range: from ``low``, up to ``high`` (inclusive) or ``under`` (exclusive).
    ``trimesters`` limits a row to those trimesters; the first row that applies is used."""

    low: float | None = None
    high: float | None = None
    under: float | None = None
    trimesters: list[int] | None = None

    @model_validator(mode="after")
    def _bounded(self) -> Range:
        if self.low is None and self.high is None and self.under is None:
            raise ValueError("a range needs low, high or under")
        if self.high is not None and self.under is not None:
            raise ValueError("give high or under, not both")
        top = self.high if self.high is not None else self.under
        if self.low is not None and top is not None and self.low >= top:
            raise ValueError("low must be below high or under")
        return self


class RecordAs(Frozen):
    """The record keeps the value in another unit: value in the record = answer × factor."""

    unit: Unit
    factor: float = Field(gt=0)


class Component(Frozen):
    path: str
    label: str = Field(min_length=1)
    code: Code
    ranges: list[Range] = Field(default_factory=list)


class Reading(Frozen):
    """An answer (or a panel of answers) that becomes one coded observation."""

    id: Id = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)
    category: Literal["laboratory", "vital-signs", "exam"]
    code: Code
    path: str | None = None
    unit: Unit | None = None
    record_as: RecordAs | None = None
    ranges: list[Range] = Field(default_factory=list)
    usual: list[str] | None = None
    """For a reading given as a word (a test strip): the results within the usual range."""
    components: list[Component] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_value(self) -> Reading:
        if (self.path is None) == (not self.components):
            raise ValueError("a reading needs a path or components, not both")
        return self


class Pregnancy(Frozen):
    gestational_age: Code
    gestational_age_unit: Unit
    due_date: Code
    sources: list[Id] = Field(min_length=1)


class Episode(Frozen):
    """One diary entry (a cramp) as a finding, with its severity and night waking as
    components."""

    finding: Code
    category: Literal["exam", "survey"]
    severity: Code
    severity_unit: Unit
    woke: Concept
    duration: Concept
    body_sites: dict[Literal["calf", "foot", "thigh"], Code]
    sources: list[Id] = Field(min_length=1)


class Ingredient(Frozen):
    label: str = Field(min_length=1)
    code: Code | None = None
    unit: Unit


class Section(Frozen):
    id: Literal["pregnancy", "check", "cramps", "worth_a_look", "supplements", "readings",
                "food"]
    title: str = Field(min_length=3)
    code: Code | None = None


class Document(Frozen):
    type: Code
    sections: list[Section] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class Records(Frozen):
    document: Document
    pregnancy: Pregnancy
    episode: Episode
    readings: list[Reading] = Field(default_factory=list)
    ingredients: dict[Literal["magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu",
                              "potassium_mg"], Ingredient] = Field(default_factory=dict)
    ingredient_sources: list[Id] = Field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.document.sections if s.id == section_id), None)

    def reading_for(self, path: str) -> Reading | None:
        """The reading that holds the answer at PATH, directly or as a component."""
        for reading in self.readings:
            if reading.path == path or any(c.path == path for c in reading.components):
                return reading
        return None


def sources(records: Records) -> Iterator[tuple[str, list[str]]]:
    """(place, reference ids) for every entry that names sources."""
    yield "document.sources", records.document.sources
    yield "pregnancy.sources", records.pregnancy.sources
    yield "episode.sources", records.episode.sources
    for i, reading in enumerate(records.readings):
        yield f"readings[{i}].sources", reading.sources
    if records.ingredient_sources:
        yield "ingredient_sources", records.ingredient_sources


def check(records: Records, answers: dict[str, dict[str, Any]], trimesters: set[int]
          ) -> list[str]:
    """Graph problems of the code tables: answer paths exist, ids and sections are unique,
    trimesters are the pack's, word results are values the answers can hold."""
    problems: list[str] = []
    seen: set[str] = set()
    for i, reading in enumerate(records.readings):
        place = f"records.yaml: readings[{i}]"
        if reading.id in seen:
            problems.append(f"{place}.id: duplicate id {reading.id!r}")
        seen.add(reading.id)
        parts: list[tuple[str, str | None, list[Range]]] = [("", reading.path, reading.ranges)]
        parts += [(f".components[{j}]", c.path, c.ranges) for j, c in enumerate(reading.components)]
        for where, path, ranges in parts:
            if path is not None and path not in answers:
                problems.append(f"{place}{where}.path: unknown answer path {path!r}")
            for k, row in enumerate(ranges):
                for t in row.trimesters or []:
                    if t not in trimesters:
                        problems.append(f"{place}{where}.ranges[{k}].trimesters: {t} is not a "
                                        "trimester of pack.yaml")
        if reading.usual is not None and reading.path in answers:
            allowed = answers[reading.path].get("enum") or []
            for value in reading.usual:
                if value not in allowed:
                    problems.append(f"{place}.usual: {value!r} is not an allowed value of "
                                    f"{reading.path}")
    ids = [s.id for s in records.document.sections]
    for i, section_id in enumerate(ids):
        if section_id in ids[:i]:
            problems.append(f"records.yaml: document.sections[{i}].id: duplicate section "
                            f"{section_id!r}")
    return problems
