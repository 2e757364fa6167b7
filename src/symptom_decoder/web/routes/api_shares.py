"""Share links in the JSON API: make one, list mine, revoke one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import JSONResponse, Response

from symptom_decoder.web import episode_form, shares
from symptom_decoder.web.deps import RowId, User, api_guard, clock, json_body, person_of, unit
from symptom_decoder.web.problems import Problem

router = APIRouter(prefix="/api/v1/shares", dependencies=[Depends(api_guard)], tags=["shares"])
FIELDS = ("days", "period_days", "name")


@router.post(
    "",
    summary="Make a link to my summary that opens without signing in, for 1 to 30 days",
    status_code=201,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"type": "object", "required": ["days"], "additionalProperties": False,
                   "properties": {
                       "days": {"type": "integer", "minimum": 1, "maximum": 30,
                                "description": "How many days the link opens."},
                       "period_days": {"type": "integer", "minimum": 1, "maximum": 90,
                                       "default": 28,
                                       "description": "Days of the diary it summarises."},
                       "name": {"type": "string", "maxLength": 80,
                                "description": "A name or initials to print on it."}}}}}}},
)
async def make_link(request: Request, who: User) -> Response:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "body", "message": "must be a JSON object"}])
    unknown = sorted(set(body) - set(FIELDS))
    if unknown:
        raise Problem(422, "Some values are not valid.",
                      [{"field": k, "message": "unknown field"} for k in unknown])
    if "days" not in body:
        raise Problem(422, "Some values are not valid.",
                      [{"field": "days", "message": "is required"}])
    with unit(request) as session:
        share, token = shares.create(
            session, person_of(session, who), days=body["days"],
            period_days=body.get("period_days", 28), name=body.get("name"), now=clock(),
            zone=episode_form.browser_zone(request.cookies))
        doc = {"id": share.id, "url": f"{request.base_url}s/{token}",
               "expires_at": share.expires_at.isoformat()}
    return JSONResponse(doc, status_code=201, headers={"cache-control": "no-store"})


@router.get("", summary="My links that still open, newest first, with how often each was opened")
def my_links(request: Request, who: User) -> dict[str, Any]:
    with unit(request) as session:
        rows = shares.live(session, person_of(session, who), now=clock())
        return {"shares": [shares.view(r) for r in rows]}


@router.delete("/{share_id}", summary="Revoke one of my links", status_code=204)
def revoke(request: Request, who: User, share_id: RowId) -> Response:
    with unit(request) as session:
        if not shares.revoke(session, person_of(session, who), share_id):
            raise Problem(404)
    return Response(status_code=204)
