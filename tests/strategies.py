"""Hypothesis strategies that generate valid ``answers/v1`` documents from the schema itself."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from symptom_decoder.answers import answers_schema


def _number(sub: dict[str, Any]) -> st.SearchStrategy[Any]:
    low, high = sub["minimum"], sub["maximum"]
    if sub.get("type") == "integer":
        return st.integers(min_value=low, max_value=high)
    return st.one_of(
        st.integers(min_value=int(low), max_value=int(high)),
        st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False),
    )


def from_schema(sub: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "const" in sub:
        return st.just(sub["const"])
    if "enum" in sub:
        return st.sampled_from(sub["enum"])
    kind = sub.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        return _number(sub)
    if kind == "string":
        return st.text(max_size=min(sub.get("maxLength", 40), 40))
    if kind == "array":
        items = sub["items"]
        if "enum" in items:
            options = items["enum"]
            return st.lists(st.sampled_from(options), unique=True, max_size=len(options))
        return st.lists(from_schema(items), max_size=min(sub.get("maxItems", 5), 5))
    if kind == "object":
        props = sub.get("properties", {})
        required = {k: from_schema(props[k]) for k in sub.get("required", [])}
        optional = {k: from_schema(v) for k, v in props.items() if k not in required}
        return st.fixed_dictionaries(required, optional=optional)
    raise ValueError(f"no strategy for {sub}")


def answers() -> st.SearchStrategy[dict[str, Any]]:
    """Any valid answers/v1 document, from empty to every field."""
    return from_schema(answers_schema())


RED_FLAGS = sorted(answers_schema()["properties"]["red_flags"]["properties"])
RED_FLAG_BOOLEANS = [k for k in RED_FLAGS
                     if answers_schema()["properties"]["red_flags"]["properties"][k].get("type")
                     == "boolean"]
