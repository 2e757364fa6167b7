"""Which food everyday words mean: the generic, most commonly eaten form first.

The search index finds every food whose description has all the food words (typos and
plurals allowed), as typed and with everyday words swapped for USDA's ("kiwi" ->
"kiwifruit"). Preparation words ("cooked", "steamed") and portion words ("sliced") need
not be in the description; they make a food that has them more likely. Each reading is
then scored:

- how well the words match, and whether the last one names the food ("chocolate milk"
  is milk; "milk chocolate" is chocolate);
- every word the description adds that was not typed and is not ordinary costs points
  ("Milk, *buttermilk*, fluid, whole" for "whole milk"); ``resolver.yaml`` lists the
  ordinary words ("raw", "with skin", "enriched", "with added vitamin D"...);
- foods usually eaten cooked (meat, fish, grains, dried beans...) prefer the cooked form;
- brands, baby foods and fast foods come last; foods USDA's dietary survey uses are
  slightly preferred;
- a food the person picked before for the same words comes first.

When readings score within a few points of the best and differ by more than 10 % in any
tracked nutrient, the entry is ambiguous and the person is asked, generic form first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from symptom_decoder.foods.database import Food, FoodDatabase
from symptom_decoder.foods.nutrients import KEYS
from symptom_decoder.foods.search import FoodIndex
from symptom_decoder.foods.text import STOP_WORDS, query_words, words
from symptom_decoder.foods.vocabulary import Phrase, Vocabulary, load_vocabulary

CLOSE = 6.0
"""Readings this close to the best score are real alternatives..."""
DIFFERENT = 0.10
"""...and the choice matters when a tracked nutrient differs by more than this share..."""
FLOOR = {"magnesium_mg": 3.0, "calcium_mg": 8.0, "iron_mg": 0.3, "potassium_mg": 25.0,
         "sodium_mg": 25.0, "water_g": 10.0, "vitamin_d_iu": 8.0, "caffeine_mg": 3.0,
         "energy_kcal": 15.0}
"""...and by more than this much per 100 grams (4 and 5 mg of magnesium are the same)."""

LEARNED = 1000.0
_CHECKED, _UNFIT = 20, 15.0
# Portion words an entry may carry that describe the cut, not the food ("1 cup sliced
# mushrooms"): they choose among USDA's portion rows.
PORTION_WORDS = frozenset({"sliced", "slice", "chopped", "diced", "shredded", "grated", "cubed",
                           "cube", "halved", "halve", "pureed", "crushed", "minced", "packed",
                           "piece", "chunk", "strip", "wedge"})
_PLACE = (20.0, 8.0, 5.0, 0.0)
_HEAD, _OTHER, _COOKING = 12.0, 7.0, 4.0
_NOUN = 20.0
_LISTED_FIRST = 4.0
_PARENTHESES = re.compile(r"\([^)]*\)")
_BRAND = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
_CLASS_WORDS = frozenset({
    "nut", "seed", "fish", "beverage", "snack", "spice", "crustacean", "mollusk", "candy",
    "cereal", "babyfood", "alcoholic", "bean", "ready", "eat",
})


@dataclass(frozen=True)
class Understood:
    """The food words of an entry, taken apart."""

    key: str
    """The words as typed, normalised: where a learned choice is kept."""
    terms: tuple[str, ...]
    """Stems every reading must have (typos and plurals allowed)."""
    states: tuple[Phrase, ...]
    """Preparation words said: 'cooked', 'hard boiled'."""
    portion_words: frozenset[str]


@dataclass(frozen=True)
class Reading:
    food: Food
    score: float
    learned: bool = False


@dataclass(frozen=True)
class Shape:
    parts: tuple[tuple[str, ...], ...]
    head_no: int
    head_nouns: frozenset[str]
    stems: frozenset[str]
    usually_cooked: bool


@dataclass
class Resolver:
    """Ranks the catalog's foods for everyday words; one per catalog, built on first use."""

    index: FoodIndex
    database: FoodDatabase
    vocabulary: Vocabulary = field(default_factory=load_vocabulary)

    def __post_init__(self) -> None:
        self._shape = lru_cache(maxsize=16384)(self._shape_of)
        self._values = lru_cache(maxsize=4096)(self._values_of)

    # -- understanding the words ----------------------------------------------------------

    def understand(self, text: str) -> Understood:
        stems = words(text)
        states: list[Phrase] = []
        rest: list[str] = []
        i = 0
        ordered = sorted(self.vocabulary.states, key=len, reverse=True)
        while i < len(stems):
            found = next((s for s in ordered if tuple(stems[i:i + len(s)]) == s), None)
            if found is not None:
                states.append(found)
                i += len(found)
                continue
            rest.append(stems[i])
            i += 1
        portion_words = frozenset(w for w in rest if w in PORTION_WORDS)
        terms = [w for w in rest if w not in PORTION_WORDS and w not in STOP_WORDS]
        if not terms:
            # "1 cup cooked": the state word is the only word, so it must be the food.
            terms = [w for w in stems if w not in STOP_WORDS]
            states = []
        key = " ".join(query_words(text))
        return Understood(key, tuple(dict.fromkeys(terms)), tuple(states), portion_words)

    def _variants(self, terms: tuple[str, ...]) -> list[tuple[tuple[str, ...], float]]:
        """The terms as typed, and with each everyday phrase in them put in USDA's words,
        each with points added to its readings' scores (a little less for a swap)."""
        out = [(terms, 0.0)]
        for said, usda in self.vocabulary.synonyms.items():
            for start in range(len(terms) - len(said) + 1):
                if terms[start:start + len(said)] == said:
                    swapped = (*terms[:start], *usda, *terms[start + len(said):])
                    out.append((tuple(dict.fromkeys(swapped)), -3.0))
        # "soy milk" is "Soymilk" in USDA's words.
        for i in range(len(terms) - 1):
            joined = terms[i] + terms[i + 1]
            if self.index.meanings(joined) and any(m == joined for m, _ in
                                                    self.index.meanings(joined)):
                out.append(((*terms[:i], joined, *terms[i + 2:]), 0.0))
        return out

    # -- ranking ------------------------------------------------------------------------

    def rank(self, text: str, *, learned: int | None = None, limit: int = 10,
             fits: Callable[[Food], bool] | None = None) -> list[Reading]:
        """Foods TEXT may mean, most likely first; LEARNED (a food id) comes first.

        FITS tells whether the amount typed can be measured for a food ("1 container"):
        a reading it cannot measure is less likely to be the one meant.
        """
        understood = self.understand(text)
        if not understood.terms:
            return []
        best: dict[int, float] = {}
        for terms, bonus in self._variants(understood.terms):
            for food_id, matches in self.index.matching(terms).items():
                food = self.index.food(food_id)
                if food is None:
                    continue
                score = self._score(food, terms, matches, understood) + bonus
                if score > best.get(food_id, float("-inf")):
                    best[food_id] = score
        readings = [Reading(self.index.food(i) or _missing(i), s) for i, s in best.items()]
        if fits is not None:
            readings.sort(key=lambda r: -r.score)
            readings = [r if n >= _CHECKED or fits(r.food) else
                        Reading(r.food, r.score - _UNFIT) for n, r in enumerate(readings)]
        if learned is not None:
            chosen = self.index.food(learned) or self.database.food(learned)
            if chosen is not None:
                readings = [r for r in readings if r.food.id != chosen.id]
                top = max((r.score for r in readings), default=0.0)
                readings.append(Reading(chosen, top + LEARNED, learned=True))
        readings.sort(key=lambda r: (-r.score, len(r.food.description), r.food.id))
        return readings[:limit]

    def ambiguous(self, readings: Sequence[Reading]) -> list[Reading]:
        """The readings to ask about (best first), or [] when the best one is safe to take."""
        if not readings or readings[0].learned:
            return []
        best = readings[0]
        close = [r for r in readings[1:] if best.score - r.score <= CLOSE]
        rivals = [r for r in close if self.differs(best.food.id, r.food.id)]
        return [best, *close] if rivals else []

    def differs(self, first: int, second: int) -> bool:
        """Whether two foods differ by more than 10 % in any tracked nutrient (per 100 g)."""
        a, b = self._values(first), self._values(second)
        for key in KEYS:
            x, y = a.get(key), b.get(key)
            if (x is None) != (y is None):
                return True
            if x is not None and y is not None:
                gap = abs(x - y)
                if gap > FLOOR[key] and gap > DIFFERENT * max(abs(x), abs(y)):
                    return True
        return False

    def usual_size(self, food: Food) -> str | None:
        shape = self._shape(food.id)
        for noun in shape.head_nouns:
            if noun in self.vocabulary.usual_size:
                return self.vocabulary.usual_size[noun]
        return None

    def _values_of(self, food_id: int) -> dict[str, float | None]:
        return self.database.per_100g(food_id)

    # -- scoring ------------------------------------------------------------------------

    def _shape_of(self, food_id: int) -> Shape:
        food = self.index.food(food_id) or _missing(food_id)
        text_ = _PARENTHESES.sub(" ", food.description)
        brands = {s for b in _BRAND.findall(text_) for s in words(b)}
        raw_parts = text_.split(",")
        parts = tuple(tuple(w for w in words(p) if w not in STOP_WORDS and w not in brands)
                      for p in raw_parts)
        parts = tuple(p for p in parts if p) or ((),)
        # "Nuts, almonds", "Cereals ready-to-eat, ..., Corn Flakes": the class comes first.
        head_no = 0
        while head_no < len(parts) - 1 and set(parts[head_no]) <= _CLASS_WORDS:
            head_no += 1
        head = parts[head_no]
        # English puts the food's noun last: "Grape leaves" are leaves, "Milk, chocolate" milk.
        nouns = {head[-1]} if head else set()
        if head_no > 0:
            nouns.update(parts[0])
        stems = frozenset(s for p in parts for s in p)
        vocabulary = self.vocabulary
        text = " " + " ".join(s for p in parts for s in p) + " "
        cooked = (food.group_code in vocabulary.cooked_groups
                  or any(_has(head, f) for f in vocabulary.cooked_foods))
        if any(" " + " ".join(e) + " " in text for e in vocabulary.cooked_except):
            cooked = False
        return Shape(parts, head_no, frozenset(nouns), stems, cooked)

    def _score(self, food: Food, terms: Sequence[str], matches: Sequence[tuple[float, int]],
               understood: Understood) -> float:
        vocabulary = self.vocabulary
        shape = self._shape(food.id)
        similarity = sum(m[0] for m in matches) / len(matches)
        place = sum(_PLACE[m[1]] for m in matches) / len(matches)
        score = 100.0 * similarity + place
        covered = {m for t in terms for m, _ in self.index.meanings(t)}
        noun_meant = {m for m, _ in self.index.meanings(terms[-1])}
        if shape.head_nouns & noun_meant:
            score += _NOUN
        said_states = set(understood.states)
        satisfied: set[str] = set()
        for state in said_states:
            wanted = vocabulary.states[state]
            satisfied |= wanted
            if shape.stems & wanted:
                score += 14.0
            elif wanted <= vocabulary.cooked_state and shape.stems & vocabulary.raw_words:
                score -= 14.0
            else:
                score -= 8.0
        if not said_states and shape.usually_cooked:
            if shape.stems & vocabulary.cooked_state:
                score += 8.0
                satisfied |= vocabulary.cooked_state
            if shape.stems & vocabulary.raw_words:
                score -= 10.0
        elif not said_states and food.group_code in vocabulary.raw_groups \
                and "raw" in shape.stems:
            score += 6.0
        ordinary = [*vocabulary.ordinary]
        if shape.stems & vocabulary.cooked_state:
            ordinary.extend(vocabulary.ordinary_cooked)
        for noun in shape.head_nouns | set(terms):
            ordinary.extend(vocabulary.ordinary_for.get((noun,), ()))
        for said, usda in vocabulary.ordinary_for.items():
            if len(said) > 1 and _has(tuple(terms), said):
                ordinary.extend(usda)
        score -= self._unasked(shape, covered | satisfied, ordinary, vocabulary.cooked_state)
        flat = tuple(s for p in shape.parts for s in p)
        for noun in shape.head_nouns:
            if any(_has(flat, kind) for kind in vocabulary.listed_first.get((noun,), ())):
                score += _LISTED_FIRST
                break
        score -= vocabulary.group_penalty.get(food.group_code or "", 0.0)
        if food.manufacturer or _BRAND.search(food.description):
            score -= 25.0
        if food.survey:
            score += 4.0
        return score

    @staticmethod
    def _unasked(shape: Shape, covered: set[str], ordinary: Sequence[Phrase],
                 cooking: frozenset[str]) -> float:
        """Points off for each description word that was neither typed nor ordinary.

        Ordinary phrases are removed across the commas ("with added calcium, vitamins A
        and D"); a word left in the part that names the food costs most, a plain way of
        cooking ("boiled") least.
        """
        flat = [(stem, number) for number, part in enumerate(shape.parts) for stem in part
                if not stem.isdigit()]
        for phrase_ in sorted(ordinary, key=len, reverse=True):
            flat = _remove(flat, phrase_)
        penalty = 0.0
        for stem, number in flat:
            if stem in covered or stem.isdigit():
                continue
            if number == shape.head_no:
                penalty += _HEAD
            else:
                penalty += _COOKING if stem in cooking else _OTHER
        return penalty


def _has(stems: Sequence[str], phrase_: Phrase) -> bool:
    n = len(phrase_)
    return any(tuple(stems[i:i + n]) == phrase_ for i in range(len(stems) - n + 1))


def _remove(stems: list[tuple[str, int]], phrase_: Phrase) -> list[tuple[str, int]]:
    n = len(phrase_)
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(stems):
        if tuple(s for s, _ in stems[i:i + n]) == phrase_:
            i += n
            continue
        out.append(stems[i])
        i += 1
    return out


def _missing(food_id: int) -> Food:
    raise LookupError(f"food {food_id} is not in the index")


def nutrient_values(database: FoodDatabase, food_id: int) -> Mapping[str, float | None]:
    return database.per_100g(food_id)
