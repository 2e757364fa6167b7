"""Words of food descriptions and queries, reduced to comparable stems (plural to singular)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset({"a", "an", "and", "or", "of", "the", "with", "in", "for", "to", "on"})
# Words whose final "s" is not a plural ending.
_KEEP = frozenset({
    "asparagus", "couscous", "hummus", "citrus", "molasses", "swiss", "bass", "grass", "glass",
    "lentils", "oats", "grits", "greens", "brussels", "series", "species", "watercress", "cress",
    "octopus", "hibiscus", "cactus", "gas", "plus", "ps", "less", "bonus", "ms", "us",
})
_IRREGULAR = {
    "leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife", "geese": "goose",
    "teeth": "tooth", "feet": "foot", "children": "child", "mice": "mouse", "dice": "die",
    "lentils": "lentil", "oats": "oat", "greens": "green", "grits": "grit", "ms": "m",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude singular: 'almonds' -> 'almond', 'berries' -> 'berry', 'tomatoes' -> 'tomato'."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _KEEP or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case words of TEXT, in order, each reduced to its stem; accents are dropped, so
    "pâté" is USDA's "pate" and not the two words "p" and "t"."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return [stem(w) for w in _WORD.findall(text.lower().replace("'", ""))]


def query_words(text: str) -> list[str]:
    """Words of a query that carry meaning: stems without stop words, each once."""
    seen: list[str] = []
    for word in words(text):
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen
