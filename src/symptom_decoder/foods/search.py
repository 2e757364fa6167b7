"""Find foods by what people type: typos, plurals and any word order; everyday whole foods first.

The index keeps, for every word stem of every description, the foods that contain it and
where (first word, first part, second part, later). A query word matches exact stems,
stems it begins, and stems within a small edit distance (RapidFuzz over the vocabulary,
cached per word). Every query word must match; the ranking then prefers foods whose
description is mostly the query, that name the food early, and that are plain foods
(raw or simply cooked) rather than baby foods, fast foods, mixed dishes or brands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from symptom_decoder.foods.database import Food
from symptom_decoder.foods.text import STOP_WORDS, query_words, words

# Food groups that hold prepared, branded or special-purpose foods (SR codes, FDC ids).
_GROUP_PENALTY = {
    "0300": 40.0,  # Baby Foods
    "2100": 30.0,  # Fast Foods
    "3600": 30.0,  # Restaurant Foods
    "2200": 25.0,  # Meals, Entrees, and Side Dishes
    "3500": 20.0,  # American Indian/Alaska Native Foods
    "2500": 10.0,  # Snacks
    "0600": 10.0,  # Soups, Sauces, and Gravies
    "0800": 6.0,   # Breakfast Cereals
    "1900": 6.0,   # Sweets
    "0400": 6.0,   # Fats and Oils
}
# Groups eaten raw; elsewhere (meat, fish, eggs, grains, dried beans) "raw" is an ingredient.
_RAW_GROUPS = frozenset({"0900", "1100", "1200"})
# Dried beans and grains listed "raw" are ingredients, eaten cooked.
_DRY_GOODS = frozenset({"1600", "2000"})
# Descriptions that start with a class word name the food in their second part:
# "Nuts, almonds", "Seeds, pumpkin and squash seed kernels, dried".
_CLASS_WORDS = frozenset({
    "nut", "seed", "fish", "beverage", "snack", "spice", "crustacean", "mollusk", "candy",
    "cereal", "babyfood", "alcoholic", "bean",
})


def _parts(description: str) -> list[str]:
    """Comma-separated parts, ignoring commas inside parentheses."""
    return _PARENTHESES.sub(lambda m: m.group(0).replace(",", " "), description).split(",")
_PLAIN = {
    "cooked": 6.0, "boiled": 6.0, "baked": 4.0, "roasted": 4.0,
    "fresh": 3.0, "steamed": 3.0, "whole": 2.0, "drained": 2.0, "plain": 3.0,
    "without": 3.0, "unsalted": 2.0,
}
_PROCESSED = {
    "babyfood": 30.0, "canned": 5.0, "frozen": 4.0, "dehydrated": 8.0, "powder": 8.0,
    "imitation": 10.0, "prepared": 4.0, "flavored": 5.0, "salt": 3.0, "sweetened": 4.0,
    "fortified": 5.0, "reduced": 5.0, "low": 3.0, "omega": 6.0, "industrial": 15.0,
    "formulated": 10.0, "mix": 6.0, "toddler": 20.0, "dry": 6.0, "evaporated": 6.0,
    "condensed": 6.0, "non": 8.0,
    "infant": 20.0, "human": 30.0, "sprouted": 6.0, "dried": 6.0, "souffle": 20.0, "stuffed": 6.0,
    "sauce": 4.0, "restaurant": 10.0,
}
_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
_MIN_SIMILARITY = {4: 74.0, 5: 78.0, 6: 80.0, 7: 80.0}
# Long words need a closer match: "chickpea" is 80% like "chicken".
_DEFAULT_SIMILARITY = 84.0
_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Hit:
    food: Food
    score: float


@dataclass(frozen=True)
class _Entry:
    food: Food
    length: int
    base: float
    head: tuple[str, ...]
    """Stems of the part of the description that names the food."""


def _head_part(parts: list[str]) -> int:
    """Index of the comma-separated part that names the food."""
    first = [w for w in words(parts[0]) if w not in STOP_WORDS]
    if len(parts) > 1 and len(first) == 1 and first[0] in _CLASS_WORDS:
        return 1
    return 0


def _base_score(food: Food, stems: list[str]) -> float:
    score = -_GROUP_PENALTY.get(food.group_code or "", 0.0)
    early = set(words(",".join(_parts(food.description)[:3])))
    score += sum(v for k, v in _PLAIN.items() if k in early)
    if food.group_code in _RAW_GROUPS:
        score += 8.0 * ("raw" in early) + 10.0 * ("dried" in early)
    elif food.group_code in _DRY_GOODS and "raw" in stems and "tofu" not in stems:
        score -= 8.0
    score -= sum(v for k, v in _PROCESSED.items() if k in stems)
    if food.manufacturer or _BRAND.search(food.description):
        score -= 15.0
    if food.survey:
        score += 8.0
    score -= 0.6 * len(stems)
    return score


class FoodIndex:
    """An in-memory index of every food's description, built once per process."""

    def __init__(self, foods: Sequence[Food]) -> None:
        self._entries: list[_Entry] = []
        self._postings: dict[str, dict[int, int]] = {}
        for index, food in enumerate(foods):
            stems = words(food.description)
            meaningful = [s for s in stems if s not in STOP_WORDS]
            parts = _parts(food.description)
            head_no = _head_part(parts)
            # Words in parentheses are synonyms ("garbanzo beans"), not extra food.
            head = tuple(w for w in words(_PARENTHESES.sub(" ", parts[head_no]))
                         if w not in STOP_WORDS)
            self._entries.append(
                _Entry(food, max(1, len(set(meaningful))), _base_score(food, meaningful), head)
            )
            for part_no, part in enumerate(parts):
                distance = part_no - head_no if part_no >= head_no else 3
                for word_no, word in enumerate(words(part)):
                    if word in STOP_WORDS:
                        continue
                    place = (word_no > 0) if distance == 0 else min(distance + 1, 3)
                    postings = self._postings.setdefault(word, {})
                    if place < postings.get(index, 99):
                        postings[index] = place
        self._vocabulary = sorted(self._postings)
        self._by_id = {e.food.id: e.food for e in self._entries}
        self._matches = lru_cache(maxsize=4096)(self._word_matches)

    def __len__(self) -> int:
        return len(self._entries)

    def food(self, food_id: int) -> Food | None:
        return self._by_id.get(food_id)

    def _word_matches(self, word: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary stems that WORD may mean, each with a similarity from 0 to 1."""
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = 1.0
        if len(word) >= 3:
            for other in self._vocabulary:
                if other.startswith(word) and other != word:
                    found.setdefault(other, 0.85 if len(word) >= 4 else 0.7)
        # A word USDA uses is taken as typed: "brie" must not also mean "rice".
        if len(word) >= 4 and word not in self._postings:
            cutoff = _MIN_SIMILARITY.get(len(word), _DEFAULT_SIMILARITY)
            for other, score, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
            ):
                found.setdefault(other, 0.9 * score / 100.0)
        return tuple(found.items())

    def search(self, query: str, *, limit: int = 10, strict: bool = False) -> list[Hit]:
        """Foods for QUERY, best first; an empty list when nothing matches.

        Without STRICT, a food that has all the words but one still counts when none has
        them all; the food log is STRICT so that no word of an entry is silently ignored.
        """
        terms = query_words(query)
        if not terms:
            return []
        hits = self._search(terms, limit, strict)
        # "soy milk" is "Soymilk" in USDA's words: also try neighbours written as one word.
        for i in range(len(terms) - 1):
            joined = terms[i] + terms[i + 1]
            if joined in self._postings:
                hits += self._search([*terms[:i], joined, *terms[i + 2:]], limit, strict)
        if len(terms) > 1:
            best: dict[int, Hit] = {}
            for hit in hits:
                if hit.food.id not in best or hit.score > best[hit.food.id].score:
                    best[hit.food.id] = hit
            hits = sorted(best.values(), key=lambda h: (-h.score, len(h.food.description),
                                                        h.food.description))[:limit]
        return hits

    def _search(self, terms: list[str], limit: int, strict: bool) -> list[Hit]:
        per_term: list[dict[int, tuple[float, int]]] = []
        meant: set[str] = set()
        for term in terms:
            best: dict[int, tuple[float, int]] = {}
            for other, similarity in self._matches(term):
                meant.add(other)
                for food_index, place in self._postings[other].items():
                    current = best.get(food_index)
                    if current is None or (similarity, -place) > (current[0], -current[1]):
                        best[food_index] = (similarity, place)
            per_term.append(best)
        matched = [t for t in per_term if t]
        if not matched:
            return []
        candidates = set.intersection(*(set(t) for t in matched))
        required = len(terms)
        if strict and len(matched) < len(terms):
            return []
        if not candidates and not strict:
            # No food has every word: fall back to foods with most of them.
            counts: dict[int, int] = {}
            for table in matched:
                for food_index in table:
                    counts[food_index] = counts.get(food_index, 0) + 1
            top = max(counts.values())
            if top < max(1, len(terms) - 1):
                return []
            candidates = {i for i, c in counts.items() if c == top}
        scored: list[tuple[float, int, str, int]] = []
        for food_index in candidates:
            entry = self._entries[food_index]
            similarity = 0.0
            place_bonus = 0.0
            hits = 0
            for table in per_term:
                found = table.get(food_index)
                if found is None:
                    continue
                hits += 1
                similarity += found[0]
                place_bonus += (20.0, 8.0, 5.0, 0.0)[found[1]]
            unasked = sum(1 for w in entry.head if w not in meant)
            score = (
                100.0 * similarity / required
                + 20.0 * min(1.0, hits / entry.length)
                + place_bonus / required
                - 8.0 * unasked
                + entry.base
            )
            scored.append((-score, len(entry.food.description), entry.food.description,
                           food_index))
        scored.sort()
        return [Hit(self._entries[i].food, -s) for s, _, _, i in scored[:limit]]

    def meanings(self, word: str) -> tuple[tuple[str, float], ...]:
        """Description stems WORD may mean, each with a similarity from 0 to 1."""
        return self._matches(word)

    def matching(self, terms: Sequence[str]) -> dict[int, list[tuple[float, int]]]:
        """Foods that match every one of TERMS (stems), by food id, with each term's
        similarity (0 to 1) and place (0 first word ... 3 later part); for re-ranking."""
        tables = []
        for term in terms:
            best: dict[int, tuple[float, int]] = {}
            for other, similarity in self._matches(term):
                for food_index, place in self._postings[other].items():
                    current = best.get(food_index)
                    if current is None or (similarity, -place) > (current[0], -current[1]):
                        best[food_index] = (similarity, place)
            if not best:
                return {}
            tables.append(best)
        if not tables:
            return {}
        common = set.intersection(*(set(t) for t in tables))
        return {self._entries[i].food.id: [t[i] for t in tables] for i in common}

    def scan(self, query: str, *, limit: int = 10) -> list[Hit]:
        """A plain linear scan (RapidFuzz over every description), for the benchmark."""
        choices = [e.food.description for e in self._entries]
        results = process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=limit)
        return [Hit(self._entries[i].food, float(s)) for _, s, i in results]
