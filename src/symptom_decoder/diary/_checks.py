"""Validators shared by the diary's services; each names the field in its error."""

from __future__ import annotations

import math

from symptom_decoder import answers
from symptom_decoder.diary.errors import FieldError

LEGS = answers.legs()
MUSCLES = answers.muscles()
MAX_TEXT = 2000


def choice(value: str | None, allowed: tuple[str, ...], *, field: str) -> str | None:
    if value is None or value == "":
        return None
    cleaned = value.strip().lower()
    if cleaned not in allowed:
        raise FieldError(field, f"must be one of {', '.join(allowed)} (got {value!r})")
    return cleaned


def whole(value: int | None, low: int, high: int, *, field: str, unit: str = "") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise FieldError(
            field, f"must be a whole number from {low} to {high}{suffix} (got {value!r})"
        )
    return value


def yes_no(value: bool | None, *, field: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise FieldError(field, f"must be true or false (got {value!r})")


def number(value: float | None, low: float, high: float, *, field: str, unit: str) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise FieldError(field, f"must be a number from {low:g} to {high:g} {unit} (got {value!r})")
    return float(value)


def free_text(value: str | None, *, field: str) -> str:
    if value is None:
        return ""
    if "\x00" in value:
        raise FieldError(field, "contains a NUL character, which cannot be stored")
    if len(value) > MAX_TEXT:
        raise FieldError(field, f"is too long ({len(value)} characters; at most {MAX_TEXT})")
    return value


def parse_whole(text: str, *, field: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise FieldError(field, f"not a whole number (got {text!r})") from None


def parse_number(text: str, *, field: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise FieldError(field, f"not a number (got {text!r})") from None
    if not math.isfinite(value):
        raise FieldError(field, f"not a number (got {text!r})")
    return value
