"""Validate an ``answers/v1`` document and say, one line per problem, what is wrong and where."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from symptom_decoder.errors import ProblemList
from symptom_decoder.types import ValidAnswers


def get_path(answers: Mapping[str, Any], path: str) -> Any:
    """The answer at a dotted path (``supplements.0.calcium_mg`` steps into a list), or None
    when any step is missing."""
    node: Any = answers
    for part in path.split("."):
        if node.__class__ is dict:  # the usual case, without Mapping's slow isinstance
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit():
            node = node[int(part)] if int(part) < len(node) else None
        elif isinstance(node, Mapping):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def set_path(answers: dict[str, Any], path: str, value: Any) -> None:
    """Put VALUE at a dotted path, making the sections on the way (a list item must exist)."""
    node: Any = answers
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    node[parts[-1]] = value


class AnswersError(ProblemList):
    """The answers are not a valid ``answers/v1`` document; ``problems`` holds one line each."""

    detail = "Some answers are not valid."


@lru_cache(maxsize=1)
def answers_schema() -> dict[str, Any]:
    text = resources.files("symptom_decoder.contract").joinpath("answers.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _property(path: str) -> dict[str, Any]:
    """The answers/v1 sub-schema at PATH; ``[]`` steps into a list's items."""
    node: dict[str, Any] = answers_schema()
    for part in path.split("."):
        node = node["items"] if part == "[]" else node["properties"][part]
    return node


def supplement_kinds() -> tuple[str, ...]:
    """The kinds of supplement answers/v1 knows, in the contract's order."""
    return tuple(_property("supplements.[].kind")["enum"])


def supplement_amounts() -> tuple[tuple[str, float], ...]:
    """Each amount a supplement may give per unit, with the contract's largest value."""
    props = _property("supplements.[]")["properties"]
    return tuple((key, float(sub["maximum"])) for key, sub in props.items()
                 if key.endswith(("_mg", "_iu")))


def muscles() -> tuple[str, ...]:
    """Where a cramp can be, as answers/v1 names it."""
    return tuple(_property("cramps.muscles")["items"]["enum"])


def legs() -> tuple[str, ...]:
    """Which leg one cramp was in: answers/v1's sides without "alternating", which describes
    many cramps, not one."""
    return tuple(v for v in _property("cramps.side")["enum"] if v != "alternating")


@dataclass(frozen=True)
class _Checkers:
    """Two validators of one schema: a compiled one that only says yes or no (a few
    microseconds), and jsonschema's, which names every problem (about a hundred times
    slower) and runs only when the first says no."""

    schema: dict[str, Any]
    quick: Any
    full: Any

    def valid(self, document: dict[str, Any]) -> bool:
        try:
            return bool(self.quick.is_valid(document))
        except (ValueError, TypeError):  # a key or text JSON cannot hold: let jsonschema say
            return False


_CHECKERS: dict[int, _Checkers] = {}


def _checkers(schema: dict[str, Any] | None) -> _Checkers:
    """The checkers of SCHEMA, built once (each keeps its schema, so the id stays its own)."""
    schema = schema or answers_schema()
    found = _CHECKERS.get(id(schema))
    if found is None:
        import jsonschema
        import jsonschema_rs

        found = _CHECKERS[id(schema)] = _Checkers(schema, jsonschema_rs.validator_for(schema),
                                                  jsonschema.Draft202012Validator(schema))
    return found


_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
    "object": "an object",
    "array": "a list",
}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(error: Any) -> list[str]:
    path = ".".join(str(p) for p in error.absolute_path)
    where = path or "answers"
    kind = error.validator
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(k for k in error.instance if k not in known)
        prefix = f"{path}." if path else ""
        return [f"{prefix}{name}: unknown field" for name in extra]
    if kind == "maximum":
        return [f"{where}: must be at most {error.validator_value} (got {_show(error.instance)})"]
    if kind == "minimum":
        return [f"{where}: must be at least {error.validator_value} (got {_show(error.instance)})"]
    if kind == "type":
        want = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
        return [f"{where}: must be {want} (got {_show(error.instance)})"]
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [f"{where}: must be one of {options} (got {_show(error.instance)})"]
    if kind == "const":
        return [f"{where}: must be {_show(error.validator_value)} (got {_show(error.instance)})"]
    if kind == "required":
        return [f"{where}: {error.message}"]
    if kind == "uniqueItems":
        return [f"{where}: lists each choice only once (got {_show(error.instance)})"]
    if kind == "maxItems":
        return [f"{where}: holds at most {error.validator_value} items"]
    if kind == "maxLength":
        return [f"{where}: must be at most {error.validator_value} characters"]
    return [f"{where}: {error.message}"]


def validate_answers(document: Any, schema: dict[str, Any] | None = None) -> ValidAnswers:
    """Return the document if it is valid against SCHEMA (default ``answers/v1``);
    otherwise raise AnswersError with one line per problem."""
    if not isinstance(document, dict):
        raise AnswersError([f"answers: must be a JSON object (got {_show(document)})"])
    checkers = _checkers(schema)
    if checkers.valid(document):
        return ValidAnswers(document)
    errors = sorted(checkers.full.iter_errors(document), key=lambda e: list(e.absolute_path))
    problems: list[str] = []
    for error in errors:
        for line in _problem(error):
            if line not in problems:
                problems.append(line)
    if problems:
        raise AnswersError(problems)
    return ValidAnswers(document)


def parse_answers(text: str, schema: dict[str, Any] | None = None) -> ValidAnswers:
    """Parse JSON text and validate it; bad JSON is reported with its line and column."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [f"answers: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from None
    return validate_answers(document, schema)


# ---------------------------------------------------------------- plain number entries


class NumberError(ValueError):
    """A typed entry that is not a number of the unit asked for; the message says what to type."""


_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen"])}
_TENS = {w: 10 * i for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
_FILLER = re.compile(r"^(?:about|around|roughly|approx(?:imately)?\.?|maybe|~|c\.|ca\.)\s*")
_TOKEN = re.compile(r"^([-+]?)(\d[\d.,]*|[.,]\d+)(?:\s*/\s*(\d+))?\s*(.*)$")
_PER = re.compile(r"\s*(?:(?:a|per|each|every|/)\s*(?:day|week|minute|min|tablet|dose)|daily"
                  r"|old|pregnant|ago|of them|or so|ish)$")

# The words a unit may be typed as, by the first word of the question's unit, with the
# factor that turns the typed unit into the one asked for ("500 ml" of "litres a day").
_UNITS: dict[str, dict[str, float]] = {
    "years": {"y": 1, "yr": 1, "yrs": 1, "year": 1, "years": 1},
    "weeks": {"w": 1, "wk": 1, "wks": 1, "week": 1, "weeks": 1},
    "litres": {"l": 1, "ltr": 1, "litre": 1, "litres": 1, "liter": 1, "liters": 1,
               "ml": 0.001, "millilitre": 0.001, "millilitres": 0.001, "milliliter": 0.001,
               "milliliters": 0.001},
    "milligrams": {"mg": 1, "milligram": 1, "milligrams": 1, "g": 1000, "gram": 1000,
                   "grams": 1000},
    "minutes": {"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "s": 1 / 60,
                "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60,
                "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60},
    "hours": {"h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1, "min": 1 / 60,
              "mins": 1 / 60, "minutes": 1 / 60},
    "centimetres": {"cm": 1, "centimetre": 1, "centimetres": 1, "centimeter": 1,
                    "centimeters": 1, "mm": 0.1, "millimetres": 0.1, "millimeters": 0.1},
    "mmhg": {"mmhg": 1, "mm hg": 1, "mm": 1},
    "beats": {"bpm": 1, "beats": 1, "beat": 1},
    "degrees": {"c": 1, "°c": 1, "°": 1, "degrees": 1, "degree": 1, "celsius": 1,
                "degrees c": 1, "degrees celsius": 1, "deg": 1, "deg c": 1},
    "cramps": {"cramp": 1, "cramps": 1, "times": 1, "x": 1},
    "servings": {"serving": 1, "servings": 1, "portion": 1, "portions": 1},
    "times": {"time": 1, "times": 1, "x": 1},
    "micrograms": {"µg/l": 1, "ug/l": 1, "mcg/l": 1, "ng/ml": 1},
    "grams": {"g/dl": 1, "g/l": 0.1},
    "nanomoles": {"nmol/l": 1},
    "millimoles": {"mmol/l": 1},
    "tablets": {"tablet": 1, "tablets": 1, "tab": 1, "tabs": 1, "pill": 1, "pills": 1,
                "capsule": 1, "capsules": 1, "dose": 1, "doses": 1, "chew": 1, "chews": 1,
                "sachet": 1, "sachets": 1, "spoon": 1, "spoons": 1, "x": 1},
    "iu": {"iu": 1, "units": 1, "unit": 1, "international units": 1},
}


def _words(text: str) -> str:
    """Number words ("thirty two", "twenty-one", "five") as digits; other text as it was."""
    parts = re.split(r"[\s-]+", text, maxsplit=2)
    if parts[0] in _TENS:
        value = _TENS[parts[0]]
        rest = parts[1:]
        if rest and rest[0] in _WORDS and 0 < _WORDS[rest[0]] < 10:
            value += _WORDS[rest[0]]
            rest = rest[1:]
        return " ".join([str(value), *rest])
    if parts[0] in _WORDS:
        return " ".join([str(_WORDS[parts[0]]), *parts[1:]])
    if parts[0] in ("a", "an") and len(parts) > 1 and parts[1] in ("half", "half-"):
        return " ".join(["0.5", *parts[2:]])
    if parts[0] == "half":
        return " ".join(["0.5", *parts[1:]])
    return text


def _digits(token: str) -> float:
    """The value of "3,5", "1,500", "1.500,5" or "2.25": the last of a comma and a point is
    the decimal mark; a lone comma before exactly three digits groups thousands."""
    if "," in token and "." in token:
        mark = max(token.rfind(","), token.rfind("."))
        whole, frac = token[:mark], token[mark + 1:]
        token = re.sub(r"[.,]", "", whole) + "." + frac
    elif token.count(",") == 1:
        whole, frac = token.split(",")
        grouped = len(frac) == 3 and whole not in ("", "0")
        token = whole + frac if grouped else f"{whole or '0'}.{frac}"
    elif "," in token or token.count(".") > 1:
        groups = re.split(r"[.,]", token)
        if not all(len(g) == 3 for g in groups[1:]):
            raise ValueError(token)
        token = "".join(groups)
    return float(token)


# The units of a measurement read off a device or a result. An example number in the hint
# could be copied instead of her own reading, so the hint points to the reading instead.
_READINGS = frozenset({"mmhg", "beats", "degrees", "centimetres", "micrograms", "grams",
                       "nanomoles", "millimoles"})


_OVER = re.compile(r"^over\s*(\d+)")


def _unit_key(unit: str | None) -> str:
    return unit.lower().split()[0] if unit else ""


def read_number(text: str, unit: str | None = None) -> float:
    """The number in a plain entry: "30", "30 weeks", "2 litres", "500 ml" (0.5 of litres),
    "3,5", "1,500 mg", "about 2", "thirty". UNIT is the question's unit ("litres a day");
    a unit typed after the number must be that one, or convert to it. NumberError says what
    to type instead."""
    return read_entry(text, unit)[0]


def read_entry(text: str, unit: str | None = None,
               also: Mapping[str, tuple[float, float]] | None = None) -> tuple[float, bool]:
    """``read_number``, and whether a unit was typed after the number. ALSO holds a
    question's other units as typed without spaces ("mg/dl" of a blood calcium), each with
    the (offset, factor) that turns it into the unit asked: (typed + offset) * factor."""
    key = _unit_key(unit)
    hint = " from your reading or result" if key in _READINGS else ", like 2 or 2.5"
    cleaned = " ".join(text.strip().lower().replace("\u2009", " ").split())
    cleaned = _words(_FILLER.sub("", cleaned))
    found = _TOKEN.match(cleaned)
    if found is None:
        raise NumberError(f"Please type a number{hint}.")
    sign, token, below, rest = found.groups()
    try:
        value = _digits(token)
    except ValueError:
        raise NumberError(f"Please type one number{hint}.") from None
    over = _OVER.match(rest)
    lower = below or (over.group(1) if over else None)
    if key == "mmhg" and lower:  # "120/80": both numbers of a blood pressure
        raise NumberError(f"Please type {value:g} as the upper number and {float(lower):g} as "
                          "the lower number, each in its own box.")
    if below is not None and key in _READINGS:
        raise NumberError(f"Please type one number{hint}.")
    if below is not None:
        if float(below) == 0:
            raise NumberError(f"Please type a number{hint}.")
        value /= float(below)
    if sign == "-":
        value = -value
    if re.match(r"^(?:-|to|or)\s*\d", rest):
        raise NumberError(f"Please type one number{hint}.")
    rest = _PER.sub("", rest.strip(" .")).strip()
    rest = re.sub(r"^(?:a|an|of)\s+", "", rest)
    other = (also or {}).get(rest.replace(" ", ""))
    if other is not None:
        value = (value + other[0]) * other[1]
    elif rest:
        factor = _unit_factor(rest, unit)
        if factor is None:
            asked = f" of {unit}" if unit else ""
            raise NumberError(f"Please type just the number{asked}{hint}.")
        value *= factor
    if value != value or value in (float("inf"), float("-inf")):
        raise NumberError(f"Please type a number{hint}.")
    return value, bool(rest)


def _unit_factor(typed: str, unit: str | None) -> float | None:
    if unit is None:
        return 1.0 if re.fullmatch(r"[a-zµ°/ ]+", typed) else None
    key = _unit_key(unit)
    if typed in (unit.lower(), key):
        return 1.0
    return _UNITS.get(key, {}).get(typed)
