"""Load ``rules.yaml``: the food-safety rules, personal exclusions and everyday filter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from symptom_decoder.foods.database import Food
from symptom_decoder.foods.text import words

_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
_CLAUSE_KEYS = {"groups", "words", "and_words", "unless", "starts", "nutrient_above", "branded"}


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

    def matches(self, food: Food, text: str, values: Mapping[str, float]) -> bool:
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

    def matches(self, food: Food, text: str, values: Mapping[str, float]) -> bool:
        return any(c.matches(food, text, values) for c in self.clauses)


@dataclass(frozen=True)
class Rules:
    safety: tuple[Rule, ...]
    exclusions: Mapping[str, tuple[Rule, ...]]
    """Each exclusion name -> its own rule and the rules it includes."""
    not_everyday: Rule

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


def _clause(raw: Any, where: str) -> Clause:
    if not isinstance(raw, dict) or not raw:
        raise RulesError(f"{where}: a clause must be a non-empty mapping")
    unknown = set(raw) - _CLAUSE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    return Clause(
        groups=frozenset(str(g) for g in raw.get("groups", [])),
        words=_phrases(raw.get("words", [])),
        and_words=_phrases(raw.get("and_words", [])),
        unless=_phrases(raw.get("unless", [])),
        starts=tuple(raw.get("starts", [])),
        nutrient_above={str(k): float(v) for k, v in raw.get("nutrient_above", {}).items()},
        branded=bool(raw.get("branded", False)),
    )


def _rule(rule_id: str, raw: Mapping[str, Any], where: str) -> Rule:
    clauses = raw.get("when")
    if not isinstance(clauses, list) or not clauses:
        raise RulesError(f"{where}.when: must be a non-empty list of clauses")
    return Rule(
        id=rule_id,
        label=str(raw.get("label", rule_id)),
        reason=str(raw.get("reason", "")),
        references=tuple(raw.get("references", [])),
        clauses=tuple(_clause(c, f"{where}.when[{i}]") for i, c in enumerate(clauses)),
    )


def parse_rules(document: Mapping[str, Any]) -> Rules:
    safety = tuple(_rule(str(r["id"]), r, f"safety[{i}]")
                   for i, r in enumerate(document.get("safety", [])))
    raw_exclusions: Mapping[str, Any] = document.get("exclusions", {})
    own = {name: _rule(name, raw, f"exclusions.{name}") for name, raw in raw_exclusions.items()}

    def expand(name: str, seen: tuple[str, ...] = ()) -> tuple[Rule, ...]:
        if name in seen:
            raise RulesError(f"exclusions.{name}: includes itself")
        if name not in own:
            raise RulesError(f"exclusions.{seen[-1] if seen else name}: unknown exclusion {name}")
        rules = [own[name]]
        for included in raw_exclusions[name].get("includes", []):
            rules.extend(expand(included, (*seen, name)))
        return tuple(rules)

    exclusions = {name: expand(name) for name in own}
    not_everyday = _rule("not_everyday", {"when": document.get("not_everyday", [])},
                         "not_everyday")
    return Rules(safety, exclusions, not_everyday)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    text = resources.files("symptom_decoder.foods").joinpath("rules.yaml").read_text("utf-8")
    return parse_rules(yaml.safe_load(text))
