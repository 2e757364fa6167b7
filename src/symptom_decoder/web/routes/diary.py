"""The diary: one tap to log a cramp, details, edits, trends with a chart, saved results."""

from __future__ import annotations

import io
import tempfile
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from symptom_decoder.diary import csvfile, spoken, times
from symptom_decoder.diary import episodes as diary
from symptom_decoder.diary.assessments import list_assessments
from symptom_decoder.diary.errors import DiaryError, FieldError
from symptom_decoder.diary.views import episode_view
from symptom_decoder.web import episode_form, services, steps
from symptom_decoder.web.deps import RowId, User, clock, person_of, unit
from symptom_decoder.web.problems import Problem
from symptom_decoder.web.templating import render

router = APIRouter()


async def _form(request: Request) -> dict[str, str]:
    raw = await request.form()
    return {k: v for k, v in raw.items() if isinstance(v, str)}


def _today(zone: str) -> date:
    return times.local(clock(), zone).date()


def _said(view: dict[str, Any], zone: str) -> dict[str, Any]:
    """An episode's view with when it happened in her words, and its zone when not hers."""
    when = spoken.when_said(datetime.fromisoformat(view["started_at"]), view["zone"],
                            now=clock())
    return {**view, "when": when, "elsewhere": view["zone"] if view["zone"] != zone else ""}


def diary_page(
    request: Request, who: User, *, errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None, status: int = 200, done: str = "",
) -> Response:
    zone = episode_form.browser_zone(request.cookies)
    today = services.today(request)
    today_marked = services.marked_no_cramps(request, who, today)
    with unit(request) as session:
        me = person_of(session, who)
        items = [_said(episode_view(e), zone) for e in diary.list_episodes(session, me)]
        saved = list_assessments(session, me)
        results = [
            {"id": s.id, "created_at": s.created_at, "level": s.assessment["triage"]["level"]}
            for s in saved[:5]
        ]
    return render(
        request,
        "diary.html",
        {
            "episodes": list(reversed(items))[:20],
            "count": len(items),
            "results": results,
            "errors": errors or {},
            "form": form or {},
            "zone": zone,
            "new_uuid": str(uuid.uuid4()),
            **episode_form.choices(request.app.state.pack),
            "done": done,
            "today": today.isoformat(),
            "today_marked": today_marked,
        },
        status=status,
        title="Cramp diary",
    )


DONE = {"logged": "Logged. Rest now; you can add details later.",
        "saved": "Your changes are saved.",
        "deleted": "The cramp is deleted.",
        "none": "Marked: no cramps today. If one comes later, log it as usual."}


@router.get("/diary")
def diary_home(request: Request, who: User, logged: int = 0, saved: int = 0,
               deleted: int = 0, none: int = 0) -> Response:
    """The diary; LOGGED, SAVED, DELETED or NONE confirm the form just sent."""
    done = next((DONE[k] for k, v in (("logged", logged), ("saved", saved),
                                      ("deleted", deleted), ("none", none)) if v), "")
    return diary_page(request, who, done=done)


@router.post("/diary/days")
async def no_cramps_today(request: Request, who: User) -> Response:
    """The "No cramps today" button without JavaScript; a second tap changes nothing."""
    form = await _form(request)
    try:
        entry = services.no_cramps_from_form(form, today=services.today(request))
        services.save_day(request, who, entry)
    except FieldError as exc:
        return diary_page(request, who, errors={exc.field: exc.problem}, status=422)
    return RedirectResponse("/diary?none=1", status_code=303)


@router.post("/diary/episodes")
async def log(request: Request, who: User) -> Response:
    """Log a cramp: the big button sends only a UUID, the details form sends the rest.
    The UUID is made when the page is drawn, so a double tap stores one cramp."""
    form = await _form(request)
    try:
        entry = episode_form.from_form(form, now=clock())
        with unit(request) as session:
            diary.log_episode(session, person_of(session, who), entry)
    except FieldError as exc:
        return diary_page(request, who, errors={exc.field: exc.problem}, form=form, status=422)
    return RedirectResponse("/diary?logged=1", status_code=303)


def _episode(request: Request, who: User, episode_id: RowId) -> dict[str, Any]:
    return _said(services.own_episode(request, who, episode_id),
                 episode_form.browser_zone(request.cookies))


@router.get("/diary/episodes/{episode_id}")
def episode_page(request: Request, who: User, episode_id: RowId) -> Response:
    return render(
        request, "episode.html",
        {"e": _episode(request, who, episode_id), "errors": {},
         **episode_form.choices(request.app.state.pack)},
        title="A cramp",
    )


@router.post("/diary/episodes/{episode_id}")
async def edit(request: Request, who: User, episode_id: RowId) -> Response:
    form = await _form(request)
    view = _episode(request, who, episode_id)
    try:
        changes = episode_form.changes_from_form(form, now=clock())
        with unit(request) as session:
            diary.edit_episode(session, person_of(session, who), episode_id, changes)
    except FieldError as exc:
        return render(
            request, "episode.html",
            {"e": view, "errors": {exc.field: exc.problem}, "form": form,
             **episode_form.choices(request.app.state.pack)},
            status=422, title="A cramp",
        )
    return RedirectResponse(f"/diary?saved={episode_id}", status_code=303)


@router.get("/diary/episodes/{episode_id}/delete")
def delete_page(request: Request, who: User, episode_id: RowId) -> Response:
    """Asks before deleting: a slip of the thumb at night must not lose a cramp."""
    return render(
        request, "episode_delete.html",
        {"e": _episode(request, who, episode_id), **episode_form.choices(request.app.state.pack)},
        title="Delete this cramp?",
    )


@router.post("/diary/episodes/{episode_id}/delete")
def delete(request: Request, who: User, episode_id: RowId) -> Response:
    with unit(request) as session:
        diary.delete_episode(session, person_of(session, who), episode_id)
    return RedirectResponse("/diary?deleted=1", status_code=303)


@router.get("/trends")
def trends_page(request: Request, who: User, change: str | None = None) -> Response:
    """Weekly counts with their chart, and "did it help?" for a day given in CHANGE."""
    from symptom_decoder.diary.charts import chart_title, web_sizes

    summary = services.stats(request, who)
    compared, errors = None, {}
    if change is not None:
        try:
            compared = services.comparison(request, who, change=change)
        except FieldError as exc:
            errors[exc.field] = exc.problem
    return render(
        request, "trends.html",
        {"s": summary, "chart_title": chart_title(summary).replace("\n", ". "),
         "sizes": web_sizes(),
         "c": compared.as_dict() if compared else None, "change": change or "",
         "errors": errors},
        status=422 if errors else 200, title="Trends",
    )


@router.get("/trends/chart.svg")
def chart_svg(request: Request, who: User, width: int = 336, theme: str = "light") -> Response:
    """The weekly chart drawn for a page that shows it WIDTH CSS pixels wide (one of the
    widths the trends page asks for), so its text is the same size on every phone."""
    from symptom_decoder.diary.charts import WEB_WIDTHS, draw

    if width not in WEB_WIDTHS:
        raise Problem(404)
    summary = services.stats(request, who)
    with tempfile.TemporaryDirectory() as folder:
        path = draw(summary, Path(folder) / "chart.svg", width_px=width,
                    theme="dark" if theme == "dark" else "light")
        body = path.read_bytes()
    return Response(body, media_type="image/svg+xml", headers={"cache-control": "no-store"})


@router.get("/trends/chart.png")
def chart(request: Request, who: User, theme: str = "light") -> Response:
    """The weekly chart drawn by the diary's ``charts`` for this person, light or dark."""
    from symptom_decoder.diary.charts import draw

    summary = services.stats(request, who)
    with tempfile.TemporaryDirectory() as folder:
        path = draw(summary, Path(folder) / "chart.png",
                    theme="dark" if theme == "dark" else "light")
        body = path.read_bytes()
    return Response(body, media_type="image/png", headers={"cache-control": "no-store"})


@router.get("/diary/export.csv")
def export_csv(request: Request, who: User) -> Response:
    """The diary as CSV, the same file as ``symptom-decoder diary export``."""
    with unit(request) as session:
        body = csvfile.export_text(session, person_of(session, who))
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        "content-disposition": 'attachment; filename="cramp-diary.csv"',
        "cache-control": "no-store",
    })


@router.post("/diary/import")
async def import_csv(request: Request, who: User) -> Response:
    """Read a diary CSV (at most 2 MB): all rows or none; a repeated UUID updates its row."""
    raw = await request.form()
    upload = raw.get("file")
    try:
        if isinstance(upload, str) or upload is None:
            return services.settings_page(request, who, status=422,
                                          errors={"file": "Please choose a CSV file."})
        text = (await upload.read()).decode("utf-8-sig")
        with unit(request) as session:
            result = csvfile.import_csv(session, person_of(session, who), io.StringIO(text))
    except UnicodeDecodeError:
        return services.settings_page(request, who, errors={"file": "The file is not UTF-8 text."},
                                 status=422)
    except DiaryError as exc:
        return services.settings_page(request, who, errors={"file": str(exc)}, status=422)
    finally:
        # The upload's spooled temporary file is ours to close: the form was read by hand.
        await raw.close()
    counts = "-".join(str(n) for n in (result.added, result.updated, result.unchanged,
                                       result.days))
    return RedirectResponse(f"/settings?imported={counts}#import-h", status_code=303)


@router.post("/assess/save")
async def save_result(request: Request, who: User) -> Response:
    """Keep a result in the diary with the answers behind it."""
    form = await _form(request)
    pack = request.app.state.pack
    answers = steps.load_state(form.get("state", ""), pack)
    with unit(request) as session:
        saved_id = services.keep_result(session, person_of(session, who), answers, pack)
    return RedirectResponse(f"/diary/results/{saved_id}", status_code=303)


@router.get("/diary/results/{result_id}")
def saved_result(request: Request, who: User, result_id: RowId) -> Response:
    with unit(request) as session:
        mine = list_assessments(session, person_of(session, who))
        row = next((s for s in mine if s.id == result_id), None)
        if row is None:
            raise Problem(404)
        doc, answers = row.assessment, row.answers
    return render(
        request, "result.html",
        {"doc": doc, "state": steps.dump_state(answers), "saved": True,
         "questions": {}, "can_save": False, "alarm": services.alarm(doc, None)},
        title="A saved result",
    )

