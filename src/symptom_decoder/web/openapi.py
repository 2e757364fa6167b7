"""What ``/openapi.json`` says beyond the routes themselves: the bodies the JSON API takes,
and every error it can answer with (``application/problem+json``), so that a client, and a
fuzzer, knows each request's shape and each answer's."""

from __future__ import annotations

from typing import Any

from symptom_decoder import answers
from symptom_decoder.web.deps import MAX_INTEGER

PROBLEM = "#/components/schemas/problem"

EPISODE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "uuid": {"type": "string", "format": "uuid"},
        "started_at": {"type": "string", "format": "date-time"},
        "zone": {"type": "string", "maxLength": 64},
        "leg": {"enum": list(answers.legs())},
        "muscle": {"enum": list(answers.muscles())},
        "duration_min": {"type": "number", "minimum": 0, "maximum": 180},
        "severity": {"type": "integer", "minimum": 0, "maximum": 10},
        "woke": {"type": "boolean"},
        "helped": {"type": "string", "maxLength": 2000},
        "note": {"type": "string", "maxLength": 2000},
    },
}
"""A cramp as the API takes it: every field may be left out (``started_at`` is then now)."""

EPISODE_EDIT: dict[str, Any] = {
    **EPISODE,
    "properties": {k: v for k, v in EPISODE["properties"].items() if k != "uuid"},
}
"""A change to a cramp: only the fields sent are changed; the ``uuid`` never is."""

FOODLOG_ENTRY: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": 300},
        "food_id": {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
        "portion": {"type": "string", "minLength": 1, "maxLength": 200},
        "date": {"type": "string", "format": "date"},
    },
}

SUPPLEMENT = {"$ref": "#/components/schemas/answers_v1/properties/supplements/items"}

_PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_WHY = {
    "400": "The body is not JSON",
    "401": "Nobody is signed in",
    "403": "A session cookie was sent without the page's CSRF token",
    "404": "No such record among yours",
    "413": "The body is over 256 KB",
    "415": "The body is not sent as application/json",
    "422": "A value is not valid; each problem names its field",
    "503": "The server cannot answer now (its storage, or no food data); nothing was saved",
}

ANONYMOUS = {"/api/v1/assess", "/api/v1/session", "/api/v1/foods", "/api/v1/foods/{food_id}"}
"""The API paths that need no account; every other one answers 401 to a visitor."""


def body(schema: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads SCHEMA as its JSON body."""
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": schema}}}}


def add_errors(spec: dict[str, Any]) -> dict[str, Any]:
    """Every operation lists the problems it can answer with, in one shared shape."""
    spec.setdefault("components", {}).setdefault("schemas", {})["problem"] = _PROBLEM_SCHEMA
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            codes = ["422", "503"]
            if "requestBody" in operation:
                codes += ["400", "413", "415"]
            if path not in ANONYMOUS:
                codes += ["401"] + (["403"] if method in ("post", "patch", "delete") else [])
            if "{" in path:
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                responses[code] = {
                    "description": _WHY[code],
                    "content": {"application/problem+json": {"schema": {"$ref": PROBLEM}}},
                }
    return spec
