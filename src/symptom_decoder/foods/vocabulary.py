"""Load ``resolver.yaml``: everyday words, preparation states and ordinary forms of foods."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from symptom_decoder.foods.text import STOP_WORDS, words
from symptom_decoder.yamlread import safe_load


class VocabularyError(Exception):
    """resolver.yaml is malformed; the message names the key."""


Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    """Stems of TEXT without stop words or numbers: 'Whole-wheat' -> ('whole', 'wheat')."""
    return tuple(w for w in words(text) if w not in STOP_WORDS and not w.isdigit())


@dataclass(frozen=True)
class Vocabulary:
    synonyms: Mapping[Phrase, Phrase]
    states: Mapping[Phrase, frozenset[str]]
    """A state said in an entry -> description stems that satisfy it."""
    raw_words: frozenset[str]
    cooked_groups: frozenset[str]
    cooked_foods: tuple[Phrase, ...]
    cooked_except: tuple[Phrase, ...]
    raw_groups: frozenset[str]
    ordinary: tuple[Phrase, ...]
    ordinary_cooked: tuple[Phrase, ...]
    ordinary_for: Mapping[Phrase, tuple[Phrase, ...]]
    listed_first: Mapping[Phrase, tuple[Phrase, ...]]
    usual_size: Mapping[str, str]
    group_penalty: Mapping[str, float]

    @property
    def cooked_state(self) -> frozenset[str]:
        return self.states[("cooked",)]


def _list(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise VocabularyError(f"{where}: must be a list of words")
    return raw


def _mapping(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise VocabularyError(f"{where}: must be a mapping")
    return {str(k): v for k, v in raw.items()}


def parse_vocabulary(document: Mapping[str, Any]) -> Vocabulary:
    cooked = _mapping(document.get("usually_cooked", {}), "usually_cooked")
    states = {}
    for said, satisfied in _mapping(document.get("states", {}), "states").items():
        states[phrase(said)] = frozenset(
            s for w in _list(satisfied, f"states.{said}") for s in phrase(w))
    if ("cooked",) not in states:
        raise VocabularyError("states: must define 'cooked'")
    return Vocabulary(
        synonyms={phrase(k): phrase(str(v)) for k, v in
                  _mapping(document.get("synonyms", {}), "synonyms").items()},
        states=states,
        raw_words=frozenset(s for w in _list(document.get("raw_words", []), "raw_words")
                            for s in phrase(w)),
        cooked_groups=frozenset(_list(cooked.get("groups", []), "usually_cooked.groups")),
        cooked_foods=tuple(phrase(w) for w in _list(cooked.get("foods", []),
                                                     "usually_cooked.foods")),
        cooked_except=tuple(phrase(w) for w in _list(cooked.get("except", []),
                                                      "usually_cooked.except")),
        raw_groups=frozenset(_list(_mapping(document.get("usually_raw", {}), "usually_raw")
                                   .get("groups", []), "usually_raw.groups")),
        ordinary=tuple(sorted((phrase(w) for w in _list(document.get("ordinary", []),
                                                         "ordinary")), key=len, reverse=True)),
        ordinary_cooked=tuple(phrase(w) for w in _list(document.get("ordinary_cooked", []),
                                                         "ordinary_cooked")),
        ordinary_for={phrase(k): tuple(phrase(w) for w in _list(v, f"ordinary_for.{k}"))
                      for k, v in _mapping(document.get("ordinary_for", {}),
                                           "ordinary_for").items()},
        listed_first={phrase(k): tuple(phrase(w) for w in _list(v, f"listed_first.{k}"))
                      for k, v in _mapping(document.get("listed_first", {}),
                                           "listed_first").items()},
        usual_size={phrase(k)[-1]: str(v) for k, v in
                    _mapping(document.get("usual_size", {}), "usual_size").items()},
        group_penalty={k: float(v) for k, v in
                       _mapping(document.get("group_penalty", {}), "group_penalty").items()},
    )


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    text = resources.files("symptom_decoder.foods").joinpath("resolver.yaml").read_text("utf-8")
    return parse_vocabulary(safe_load(text))
