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
    return JSONResponse(services.assessment(answers, pack))


@router.get("/session", summary="Who is signed in, and the CSRF token for writes")
def session_info(request: Request) -> dict[str, Any]:
    """Lets a page that was kept offline get a fresh token before it sends its queue.
    Other sites cannot read it: the app sends no CORS headers."""
    from symptom_decoder.web.deps import current

    who = current(request)
    return {"signed_in": who is not None, "username": who.username if who else None,
            "csrf_token": csrf.token_for(request)}


def add_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    """Put the contract's two JSON Schemas into the OpenAPI components."""
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    for name, key in (("answers", "answers_v1"), ("assessment", "assessment_v1")):
        schema = {k: v for k, v in _schema(name).items() if k not in ("$schema", "$id")}
        components[key] = _rebase(schema, f"#/components/schemas/{key}")
    return spec


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
