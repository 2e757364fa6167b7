"""The summary for her midwife: the page (which prints as one page), its files, and share
links she makes and revokes. The summary itself comes from ``web.summaries``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.diary.errors import FieldError
from symptom_decoder.summary.service import DEFAULT_DAYS, NothingToSummarise
from symptom_decoder.web import episode_form, shares, summaries
from symptom_decoder.web.deps import User, clock, person_of, unit
from symptom_decoder.web.problems import Problem
from symptom_decoder.web.templating import render

router = APIRouter()

LINK_DAYS = (1, 3, 7, 14, 30)
NOTHING_YET = ("Nothing to summarise yet: keep a check, log a cramp or add your supplements "
               "first.")


def summary_page_for(request: Request, who: User, *, days: int = DEFAULT_DAYS, name: str = "",
                     link: str | None = None, errors: dict[str, str] | None = None,
                     status: int = 200) -> Response:
    zone = episode_form.browser_zone(request.cookies)
    context: dict[str, Any] = {"days": days, "name": name, "link": link,
                               "link_days": LINK_DAYS, "errors": errors or {}}
    try:
        summary = summaries.summary_of(request, who.person_id, days=days,
                                       zone=zone, name=name or None)
        context.update(summaries.page(summary, request))
    except NothingToSummarise as exc:
        context["missing"] = exc.missing
    return render(request, "summary.html", context, status=status,
                  title="Summary for my midwife")


@router.get("/diary/summary")
def summary_page(request: Request, who: User, days: int = DEFAULT_DAYS, name: str = ""
                 ) -> Response:
    return summary_page_for(request, who, days=days, name=name[:200])


@router.get("/diary/summary/{fmt}")
def summary_file(request: Request, who: User, fmt: str, days: int = DEFAULT_DAYS,
                 name: str = "", paper: str | None = None) -> Response:
    """The summary as a PDF (``pdf``), a FHIR R4B document (``fhir``) or Markdown."""
    sheet = summaries.paper_of(request, paper)
    summaries.exporter_for(fmt)
    zone = episode_form.browser_zone(request.cookies)
    try:
        summary = summaries.summary_of(request, who.person_id, days=days,
                                       zone=zone, name=name[:200] or None)
    except NothingToSummarise:
        raise Problem(404, NOTHING_YET) from None
    return summaries.file_response(request, summary, fmt, sheet)


def _whole(text: str) -> int | str:
    """A whole number as typed, or the text itself for the service to name as wrong."""
    text = text.strip()
    return int(text) if text.isdigit() else text


@router.post("/diary/summary/share")
async def make_link(request: Request, who: User) -> Response:
    """A link someone can open without signing in; shown once, for she alone has it."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    days = _whole(form.get("period_days", str(DEFAULT_DAYS)))
    name = form.get("name", "")[:200]
    try:
        with unit(request) as session:
            _, token = shares.create(
                session, person_of(session, who), days=_whole(form.get("days", "")),
                period_days=days, name=name or None, now=clock(),
                zone=episode_form.browser_zone(request.cookies))
    except FieldError as exc:
        return summary_page_for(request, who, days=days if isinstance(days, int) else
                                DEFAULT_DAYS, name=name, errors={exc.field: exc.problem},
                                status=422)
    return summary_page_for(request, who, days=days if isinstance(days, int) else DEFAULT_DAYS,
                            name=name, link=f"{request.base_url}s/{token}")


@router.post("/settings/shares/{share_id}/delete")
def revoke_link(request: Request, who: User, share_id: int) -> Response:
    with unit(request) as session:
        if not shares.revoke(session, person_of(session, who), share_id):
            raise Problem(404)
    return RedirectResponse("/settings#shares-h", status_code=303)
