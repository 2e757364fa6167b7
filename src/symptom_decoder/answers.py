"""Validate an ``answers/v1`` document and say, one line per problem, what is wrong and where."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from symptom_decoder.errors import ProblemList
from symptom_decoder.types import ValidAnswers


def get_path(answers: Mapping[str, Any], path: str) -> Any:
    """The answer at a dotted path, or None when any step is missing."""
    node: Any = answers
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
        if node is None:
            return None
    return node


def set_path(answers: dict[str, Any], path: str, value: Any) -> None:
    """Put VALUE at a dotted path, making the sections on the way."""
    node = answers
    parts = path.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
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


_VALIDATORS: dict[int, Any] = {}


def _validator(schema: dict[str, Any] | None) -> Any:
    import jsonschema

    schema = schema or answers_schema()
    key = id(schema)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = (schema, jsonschema.Draft202012Validator(schema))
    return _VALIDATORS[key][1]


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
    errors = sorted(_validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
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
