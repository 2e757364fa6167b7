"""A share link: her summary, its PDF and its FHIR file, for whoever holds the link.

No sign-in and no cookies: the token in the address is the permission, and it opens this
summary only. Every opening is counted for her to see. Search engines are told not to index
it and browsers not to keep it; an expired link answers 410, a revoked or unknown one 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from symptom_decoder.summary import words
from symptom_decoder.summary.service import NothingToSummarise
from symptom_decoder.web import shares, summaries
from symptom_decoder.web.deps import clock, unit
from symptom_decoder.web.problems import Problem
from symptom_decoder.web.templating import templates

router = APIRouter()

PRIVATE = {"x-robots-tag": "noindex, nofollow", "cache-control": "no-store"}
EXPIRED = "This link has expired. Ask the person who gave it to you for a new one."


def _opened(request: Request, token: str) -> shares.Opened:
    with unit(request) as session:
        try:
            return shares.open_link(session, token, now=clock())
        except shares.LinkUnknown:
            raise Problem(404, headers=PRIVATE) from None
        except shares.LinkExpired:
            raise Problem(410, EXPIRED, headers=PRIVATE) from None


@router.get("/s/{token}")
def shared_summary(request: Request, token: str) -> Response:
    opened = _opened(request, token)
    context: dict[str, Any] = {"token": token, "expires": words.moment(opened.expires_at)}
    try:
        summary = summaries.summary_of(request, opened.person_id, days=opened.period_days,
                                       zone=opened.zone, name=opened.name)
        context.update(summaries.page(summary, request))
    except NothingToSummarise:
        context["missing"] = True
    return templates.TemplateResponse(request, "shared.html", context, headers=PRIVATE)


@router.get("/s/{token}/{fmt}")
def shared_file(request: Request, token: str, fmt: str, paper: str | None = None) -> Response:
    sheet = summaries.paper_of(request, paper)
    summaries.exporter_for(fmt, PRIVATE)
    opened = _opened(request, token)
    try:
        summary = summaries.summary_of(request, opened.person_id, days=opened.period_days,
                                       zone=opened.zone, name=opened.name)
    except NothingToSummarise:
        raise Problem(404, "There is nothing in this summary yet.", headers=PRIVATE) from None
    return summaries.file_response(request, summary, fmt, sheet, headers=PRIVATE)
