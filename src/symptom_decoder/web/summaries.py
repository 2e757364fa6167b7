"""The summary as the web app serves it: one service call gives the page's data and the
files (PDF, FHIR, Markdown) for the signed-in person and for a share link alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from starlette.responses import Response

from symptom_decoder.diary import times
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.store.models import Person
from symptom_decoder.summary import exporters, words
from symptom_decoder.summary.model import Cramps, Summary
from symptom_decoder.summary.service import (
    NothingToSummarise,
    clean_name,
    period_ending,
    summary_for,
)
from symptom_decoder.web.deps import clock, unit
from symptom_decoder.web.problems import Problem

CHART_W, CHART_H, CHART_TOP = 320.0, 150.0, 18.0
"""The weekly chart's drawing box (an SVG viewBox); labels sit below CHART_H - 30."""


def problem(exc: FieldError) -> Problem:
    return Problem(422, "Some values are not valid.", [{"field": exc.field,
                                                          "message": exc.problem}])


def summary_of(request: Request, person_id: int, *, days: int, zone: str,
               name: str | None) -> Summary:
    """PERSON_ID's summary of the DAYS days up to today in ZONE, its times on that clock;
    NothingToSummarise when empty."""
    try:
        period = period_ending(today_in(zone), days)
        printed = clean_name(name)
    except FieldError as exc:
        raise problem(exc) from None
    with unit(request) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise Problem(404)
        return summary_for(session, person, request.app.state.pack, period=period,
                           now=clock(), name=printed, zone=zone)


def today_in(zone: str) -> date:
    return times.local(clock(), zone).date()


def paper_of(request: Request, paper: str | None) -> exporters.Paper:
    chosen = paper or request.app.state.settings.paper
    if chosen not in exporters.PAPERS:
        raise Problem(422, "Some values are not valid.",
                      [{"field": "paper", "message": f"must be a4 or letter (got {chosen!r})"}])
    return "letter" if chosen == "letter" else "a4"


def exporter_for(fmt: str, headers: dict[str, str] | None = None) -> exporters.Exporter:
    """The exporter named FMT; 404 for a format there is none of."""
    try:
        return exporters.get(fmt)
    except exporters.UnknownFormat:
        raise Problem(404, headers=headers or {}) from None


def file_response(request: Request, summary: Summary, fmt: str, paper: exporters.Paper,
                  *, headers: dict[str, str] | None = None) -> Response:
    """The summary as a download in the format FMT (404 for a format there is none of)."""
    exporter = exporter_for(fmt, headers)
    body = exporter.render(summary, request.app.state.pack, exporters.Options(paper=paper))
    name = f"cramp-summary-{summary.period.last.isoformat()}{exporter.suffix}"
    return Response(body, media_type=exporter.media_type, headers={
        "content-disposition": f'attachment; filename="{name}"',
        "cache-control": "no-store", **(headers or {})})


def chart(cramps: Cramps) -> dict[str, Any]:
    """Bars for the weekly chart: cramps (tall, grey) and nights woken (inner, dark)."""
    weeks = cramps.weeks
    most = max([w.cramps for w in weeks] + [1])
    plot = CHART_H - 30 - CHART_TOP
    slot = CHART_W / max(1, len(weeks))
    bars = []
    for i, w in enumerate(weeks):
        height = plot * w.cramps / most
        woke = plot * w.nights_woken / most
        x = i * slot + slot * 0.19
        bars.append({
            "x": round(x, 1), "width": round(slot * 0.62, 1),
            "y": round(CHART_TOP + plot - height, 1), "height": round(height, 1),
            "woke_x": round(x + slot * 0.155, 1), "woke_width": round(slot * 0.31, 1),
            "woke_y": round(CHART_TOP + plot - woke, 1), "woke_height": round(woke, 1),
            "middle": round(i * slot + slot / 2, 1),
            "count": words.weekly(w, w.cramps, unlogged="–"),
            "spoken": words.weekly(w, w.cramps),
            "label": words.short_day(w.first),
            "week": "" if w.gestational_week is None else f"wk {w.gestational_week}",
        })
    return {"bars": bars, "width": CHART_W, "height": CHART_H, "base": CHART_TOP + plot}


def page(summary: Summary, request: Request) -> dict[str, Any]:
    """What the summary templates show, with the words the PDF uses. ``fit`` is what the
    Letter PDF (the shorter page) shows; printed, the page shows the same, so it too fits
    one page of either paper."""
    from symptom_decoder.summary.pdf import choose_fit

    pack = request.app.state.pack
    check = summary.check
    return {
        "s": summary, "w": words, "chart": chart(summary.cramps),
        "title_of": lambda section: words.section_title(pack, section),
        "reasons": words.reasons(check) if check else [],
        "do_now": words.beyond(check.do_now, check.headline) if check else "",
        "worries": check.worries if check else [],
        "fit": choose_fit(summary, pack, "letter"),
    }


__all__ = ["NothingToSummarise", "exporter_for", "file_response", "page", "paper_of",
           "summary_of", "today_in"]
