"""Load ``rules.yaml``: the food-safety rules, personal exclusions and everyday filter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from symptom_decoder.foods.database import Food
from symptom_decoder.foods.text import words
from symptom_decoder.yamlread import safe_load

_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
_CLAUSE_KEYS = {"groups", "words", "and_words", "unless", "starts", "nutrient_above", "branded",
                "family"}


class RulesError(Exception):
    """rules.yaml is malformed; the message names the place."""


def _phrases(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(" " + " ".join(words(v)) + " " for v in values)


@dataclass(frozen=True)
class Clause:
    groups: frozenset[str]
    words: tuple[str, ...]
    and_words: tuple[str, ...]
    unless: tuple[str, ...]
    starts: tuple[str, ...]
    nutrient_above: Mapping[str, float]
    branded: bool
    families: tuple[Rule, ...] = ()
    """The clause holds only for foods of one of these families (``families:`` in the file)."""

    def matches(self, food: Food, text: str, values: Mapping[str, float]) -> bool:
        if self.families and not any(f.matches(food, text, values) for f in self.families):
            return False
        if self.groups and food.group_code not in self.groups:
            return False
        if self.words and not any(w in text for w in self.words):
            return False
        if self.and_words and not any(w in text for w in self.and_words):
            return False
        if self.starts and not food.description.startswith(self.starts):
            return False
        if self.nutrient_above and not any(
            values.get(n, 0.0) > limit for n, limit in self.nutrient_above.items()
        ):
            return False
        if self.branded and not (food.manufacturer or _BRAND.search(food.description)):
            return False
        return not (self.unless and any(w in text for w in self.unless))


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    reason: str
    references: tuple[str, ...]
    clauses: tuple[Clause, ...]
    log_note: str = ""
    """For a safety rule: what the food log says when she logs a food it matches ("" for
    nothing, as for caffeine, which the day's totals count instead)."""

    def matches(self, food: Food, text: str, values: Mapping[str, float]) -> bool:
        return any(c.matches(food, text, values) for c in self.clauses)


@dataclass(frozen=True)
class Absorption:
    """How well the body takes up a nutrient from foods a rule matches: a note for people and
    the share counted when ranking and when closing a gap (hand-set, from the references)."""

    id: str
    short: str
    """A few words for a table: 'absorbed less well (plant iron)'."""
    note: str
    counted: float
    references: tuple[str, ...]
    rule: Rule | None
    """None: the note for every other food."""


@dataclass(frozen=True)
class Rules:
    safety: tuple[Rule, ...]
    exclusions: Mapping[str, tuple[Rule, ...]]
    """Each exclusion name -> its own rule and the rules it includes."""
    not_everyday: Rule
    families: Mapping[str, Rule] = field(default_factory=dict)
    absorption: Mapping[str, tuple[Absorption, ...]] = field(default_factory=dict)
    """Nutrient key -> its absorption notes, the first that matches a food applies."""

    def absorbed(self, food: Food, nutrient: str) -> Absorption | None:
        text = food_text(food)
        for row in self.absorption.get(nutrient, ()):
            if row.rule is None or row.rule.matches(food, text, {}):
                return row
        return None

    def family_of(self, food: Food, values: Mapping[str, float]) -> list[str]:
        """The families a food belongs to (for tests and for explaining a leave-out)."""
        text = food_text(food)
        return [name for name, rule in self.families.items() if rule.matches(food, text, values)]

    @property
    def nutrient_numbers(self) -> set[str]:
        """USDA numbers the rules look at (caffeine, alcohol)."""
        out: set[str] = set()
        for rule in (*self.safety, self.not_everyday,
                     *(r for rules in self.exclusions.values() for r in rules)):
            for clause in rule.clauses:
                out.update(clause.nutrient_above)
        return out

    def unsafe(self, food: Food, values: Mapping[str, float]) -> Rule | None:
        """The first pregnancy food-safety rule the food breaks, if any."""
        text = food_text(food)
        return next((r for r in self.safety if r.matches(food, text, values)), None)

    def log_note(self, food: Food, values: Mapping[str, float]) -> str | None:
        """What to tell her when she logs FOOD: the note of the first safety rule it breaks
        that has one, or None."""
        text = food_text(food)
        return next((r.log_note for r in self.safety
                     if r.log_note and r.matches(food, text, values)), None)

    def excluded_by(self, food: Food, names: Iterable[str],
                    values: Mapping[str, float]) -> Rule | None:
        text = food_text(food)
        for name in names:
            for rule in self.exclusions[name]:
                if rule.matches(food, text, values):
                    return rule
        return None

    def everyday(self, food: Food, values: Mapping[str, float]) -> bool:
        return not self.not_everyday.matches(food, food_text(food), values)


def food_text(food: Food) -> str:
    """The description as space-separated stems with spaces at both ends, for phrase tests."""
    return " " + " ".join(words(food.description)) + " "


def _clause(raw: Any, where: str, families: Mapping[str, Rule] | None = None) -> Clause:
    if not isinstance(raw, dict) or not raw:
        raise RulesError(f"{where}: a clause must be a non-empty mapping")
    unknown = set(raw) - _CLAUSE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    named = raw.get("family", [])
    named = [named] if isinstance(named, str) else list(named)
    missing = [n for n in named if n not in (families or {})]
    if missing:
        raise RulesError(f"{where}.family: unknown family {missing[0]}")
    return Clause(
        families=tuple((families or {})[n] for n in named),
        groups=frozenset(str(g) for g in raw.get("groups", [])),
        words=_phrases(raw.get("words", [])),
        and_words=_phrases(raw.get("and_words", [])),
        unless=_phrases(raw.get("unless", [])),
        starts=tuple(raw.get("starts", [])),
        nutrient_above={str(k): float(v) for k, v in raw.get("nutrient_above", {}).items()},
        branded=bool(raw.get("branded", False)),
    )


def _rule(rule_id: str, raw: Mapping[str, Any], where: str,
          families: Mapping[str, Rule] | None = None) -> Rule:
    clauses = raw.get("when")
    if not isinstance(clauses, list) or not clauses:
        raise RulesError(f"{where}.when: must be a non-empty list of clauses")
    return Rule(
        id=rule_id,
        label=str(raw.get("label", rule_id)),
        reason=str(raw.get("reason", "")),
        references=tuple(raw.get("references", [])),
        clauses=tuple(_clause(c, f"{where}.when[{i}]", families)
                      for i, c in enumerate(clauses)),
        log_note=" ".join(str(raw.get("log_note", "")).split()),
    )


def _absorption(raw: Any, where: str, families: Mapping[str, Rule]) -> tuple[Absorption, ...]:
    if not isinstance(raw, list) or not raw:
        raise RulesError(f"{where}: must be a non-empty list")
    out = []
    for i, row in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(row, dict) or not {"note", "counted", "short"} <= set(row):
            raise RulesError(f"{here}: needs 'short', 'note' and 'counted'")
        counted = float(row["counted"])
        if not 0.0 <= counted <= 1.0:
            raise RulesError(f"{here}.counted: must be between 0 and 1 (got {counted:g})")
        rule = _rule(str(row.get("id", i)), row, here, families) if "when" in row else None
        out.append(Absorption(id=str(row.get("id", i)), short=str(row["short"]),
                              note=" ".join(str(row["note"]).split()),
                              counted=counted, references=tuple(row.get("references", [])),
                              rule=rule))
    return tuple(out)


def parse_rules(document: Mapping[str, Any]) -> Rules:
    families: dict[str, Rule] = {}
    for name, raw in (document.get("families") or {}).items():
        families[name] = _rule(name, raw, f"families.{name}", families)
    safety = tuple(_rule(str(r["id"]), r, f"safety[{i}]", families)
                   for i, r in enumerate(document.get("safety", [])))
    raw_exclusions: Mapping[str, Any] = document.get("exclusions", {})
    # An exclusion may be only the sum of others (vegetarian: no meat, fish or shellfish).
    own = {name: (_rule(name, raw, f"exclusions.{name}", families)
                  if "when" in raw or not raw.get("includes") else None)
           for name, raw in raw_exclusions.items()}

    def expand(name: str, seen: tuple[str, ...] = ()) -> tuple[Rule, ...]:
        if name in seen:
            raise RulesError(f"exclusions.{name}: includes itself")
        if name not in own:
            raise RulesError(f"exclusions.{seen[-1] if seen else name}: unknown exclusion {name}")
        rules = [] if (mine := own[name]) is None else [mine]
        for included in raw_exclusions[name].get("includes", []):
            rules.extend(expand(included, (*seen, name)))
        return tuple(rules)

    exclusions = {name: expand(name) for name in own}
    not_everyday = _rule("not_everyday", {"when": document.get("not_everyday", [])},
                         "not_everyday", families)
    absorption = {str(k): _absorption(v, f"absorption.{k}", families)
                  for k, v in (document.get("absorption") or {}).items()}
    return Rules(safety, exclusions, not_everyday, families, absorption)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    text = resources.files("symptom_decoder.foods").joinpath("rules.yaml").read_text("utf-8")
    return parse_rules(safe_load(text))
