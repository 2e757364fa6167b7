"""The JSON API, mirroring the command line. Errors are ``application/problem+json``.

Cookie-authenticated writes must send the page's CSRF token in ``X-CSRF-Token``; a request
without the session cookie acts for no one, so it needs no token.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import JSONResponse, Response

from symptom_decoder.answers import answers_schema, validate_answers
from symptom_decoder.engine import next_turn
from symptom_decoder.web import csrf, services
from symptom_decoder.web.deps import api_guard, json_body

router = APIRouter(prefix="/api/v1", dependencies=[Depends(api_guard)], tags=["api"])


def _schema(name: str) -> dict[str, Any]:
    if name == "answers":
        return answers_schema()
    from importlib import resources

    text = resources.files("symptom_decoder.contract").joinpath(f"{name}.schema.json").read_text()
    return dict(json.loads(text))


@router.post(
    "/assess",
    summary="Decode answers/v1 into assessment/v1",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/answers_v1"}}
            },
        },
        "responses": {
            "200": {
                "description": "The assessment",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/assessment_v1"}}
                },
            },
            "422": {"description": "Answers that are not valid; each problem names its field"},
        },
    },
)
async def assess(request: Request) -> Response:
    """No account needed: nothing is stored."""
    pack = request.app.state.pack
    answers = validate_answers(await json_body(request), pack.answers_schema)
    return Response(services.assessment_json(answers, pack), media_type="application/json")


@router.post(
    "/interview",
    summary="The check, one screen at a time: the next questions, or the result",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/interview_request"}}
            },
        },
        "responses": {
            "200": {
                "description": "The next screen's questions, or the result",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/interview_turn"}}
                },
            },
            "422": {"description": "A field that is not valid; each problem names its field"},
        },
    },
)
async def interview(request: Request) -> Response:
    """Stateless, like the well-known triage APIs: send every answer and skip so far each
    time. No account needed: nothing is stored."""
    pack = request.app.state.pack
    answers, skipped, mode, seen = services.interview_input(await json_body(request), pack)
    turn = next_turn(answers, pack, skipped=skipped, mode=mode, seen=seen)
    return JSONResponse(services.turn_json(turn))


@router.get("/session", summary="Who is signed in, and the CSRF token for writes")
def session_info(request: Request) -> dict[str, Any]:
    """Lets a page that was kept offline get a fresh token before it sends its queue.
    Other sites cannot read it: the app sends no CORS headers."""
    from symptom_decoder.web.deps import current

    who = current(request)
    return {"signed_in": who is not None, "username": who.username if who else None,
            "csrf_token": csrf.token_for(request)}


def add_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    """Put the contract's two JSON Schemas, and the interview's, into the OpenAPI components."""
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    for name, key in (("answers", "answers_v1"), ("assessment", "assessment_v1")):
        schema = {k: v for k, v in _schema(name).items() if k not in ("$schema", "$id")}
        components[key] = _rebase(schema, f"#/components/schemas/{key}")
    components.update(INTERVIEW_SCHEMAS)
    return spec


_LEVELS = {"enum": ["urgent", "emergency"]}
_QUESTION = {
    "type": "object",
    "required": ["path", "id", "text", "help", "type", "choices", "unit"],
    "properties": {
        "path": {"type": "string", "description": "Where the answer goes in answers/v1"},
        "id": {"type": "string"},
        "text": {"type": "string"},
        "help": {"type": ["string", "null"]},
        "type": {"enum": ["boolean", "integer", "number", "choice", "multi_choice",
                          "supplements"]},
        "choices": {"type": ["array", "null"], "items": {
            "type": "object", "properties": {"value": {"type": "string"},
                                             "label": {"type": "string"}}}},
        "unit": {"type": ["string", "null"]},
        "fields": {"type": "array", "description": "For supplements: the amounts asked for "
                   "each product", "items": {"type": "object", "properties": {
                       "key": {"type": "string"}, "label": {"type": "string"}}}},
    },
}
INTERVIEW_SCHEMAS: dict[str, Any] = {
    "interview_request": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "answers": {"$ref": "#/components/schemas/answers_v1", "description":
                        "Every answer so far. A number may also be sent as she typed it "
                        "(\"30 weeks\", \"2 litres\", \"3,5\"): it is read as the pages "
                        "read it."},
            "skipped": {"type": "array", "items": {"type": "string"}, "description":
                        "Paths of the questions she saw and left blank; never asked again"},
            "mode": {"enum": ["quick", "full"], "default": "quick", "description":
                     "quick: at most 15 questions on 4 screens, none that needs a reading, "
                     "a test result or the food log; full: everything that could change "
                     "the result"},
            "seen": {**_LEVELS, "description": "The danger level she was already shown "
                     "and chose to go on from; the interview stops again only for a higher "
                     "one"},
        },
    },
    "interview_turn": {
        "oneOf": [
            {"type": "object", "required": ["done", "mode", "checklist", "next", "progress"],
             "properties": {
                 "done": {"const": False},
                 "mode": {"enum": ["quick", "full"]},
                 "checklist": {"type": "boolean", "description": "The danger signs, alone "
                               "on the first screen: send false for each one not ticked"},
                 "next": {"type": "array", "items": _QUESTION},
                 "progress": {"type": "object", "properties": {
                     "asked": {"type": "integer"}, "left": {"type": "integer"},
                     "screen": {"type": "integer"}, "screens": {"type": "integer"}}},
             }},
            {"type": "object", "required": ["done", "mode", "danger", "more", "assessment"],
             "properties": {
                 "done": {"const": True},
                 "mode": {"enum": ["quick", "full"]},
                 "danger": {"type": "boolean", "description": "Stopped because the answers "
                            "need care today or now: show what to do first"},
                 "more": {"type": "integer", "description": "Questions the full check could "
                          "still ask to sharpen the result"},
                 "assessment": {"$ref": "#/components/schemas/assessment_v1"},
             }},
        ],
    },
}


def _rebase(node: Any, base: str) -> Any:
    """The contract's local ``#/$defs/x`` references, moved under the component."""
    if isinstance(node, dict):
        return {
            k: (base + v[1:] if k == "$ref" and isinstance(v, str) and v.startswith("#/") else
                _rebase(v, base))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v, base) for v in node]
    return node
