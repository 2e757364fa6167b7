"""The diary's JSON API: episodes (idempotent by the client's UUID), day entries, stats, the
before-and-after comparison, saved results."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse, Response

from symptom_decoder import answers
from symptom_decoder.diary import episodes as diary
from symptom_decoder.diary.assessments import list_assessments
from symptom_decoder.diary.views import episode_view
from symptom_decoder.web import episode_form, services
from symptom_decoder.web.deps import User, api_guard, clock, json_body, person_of, unit
from symptom_decoder.web.problems import Problem

router = APIRouter(prefix="/api/v1/diary", dependencies=[Depends(api_guard)], tags=["diary"])


@router.get("/episodes", summary="My cramps, oldest first")
def list_episodes(request: Request, who: User) -> dict[str, Any]:
    with unit(request) as session:
        me = person_of(session, who)
        return {"episodes": [episode_view(e) for e in diary.list_episodes(session, me)]}


@router.post(
    "/episodes",
    summary="Log a cramp; a repeated uuid returns the stored one (200) instead of a copy",
    status_code=201,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"type": "object", "properties": {
            "uuid": {"type": "string", "format": "uuid"},
            "started_at": {"type": "string", "format": "date-time"},
            "zone": {"type": "string"}, "leg": {"enum": list(answers.legs())},
            "muscle": {"enum": list(answers.muscles())},
            "duration_min": {"type": "number"}, "severity": {"type": "integer"},
            "woke": {"type": "boolean"}, "helped": {"type": "string"}, "note": {"type": "string"},
        }}}}}},
)
async def log_episode(request: Request, who: User) -> Response:
    body = await json_body(request)
    entry = episode_form.from_json(body, now=clock())
    with unit(request) as session:
        episode, created = diary.log_episode(session, person_of(session, who), entry)
        view = episode_view(episode)
    return JSONResponse(view, status_code=201 if created else 200)


@router.get("/episodes/{episode_id}", summary="One of my cramps")
def get_episode(request: Request, who: User, episode_id: int) -> dict[str, Any]:
    return services.own_episode(request, who, episode_id)


@router.patch("/episodes/{episode_id}", summary="Change one of my cramps")
async def edit_episode(request: Request, who: User, episode_id: int) -> dict[str, Any]:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise Problem(422, "Some values are not valid.",
                      [{"field": "body", "message": "must be a JSON object"}])
    try:
        with unit(request) as session:
            me = person_of(session, who)
            changes = dict(body)
            if isinstance(changes.get("started_at"), str):
                from symptom_decoder.diary import times

                zone = episode_form.zone_or_default(changes.pop("zone", None))
                changes["started_at"], changes["zone"] = times.parse_instant(
                    changes["started_at"], zone, field="started_at")
            return episode_view(diary.edit_episode(session, me, episode_id, changes))
    except TypeError:
        raise Problem(422, "Some values are not valid.",
                      [{"field": "body", "message": "has a value of the wrong type"}]) from None


@router.delete("/episodes/{episode_id}", summary="Delete one of my cramps", status_code=204)
def delete_episode(request: Request, who: User, episode_id: int) -> Response:
    with unit(request) as session:
        diary.delete_episode(session, person_of(session, who), episode_id)
    return Response(status_code=204)


@router.get("/stats", summary="Cramps per week, night and day, severity; days left out")
def diary_stats(request: Request, who: User) -> dict[str, Any]:
    return services.stats(request, who)


@router.get("/compare", summary="Did a change help? Cramps a week before and after a day")
def diary_compare(
    request: Request, who: User, change: str = "",
    since: Annotated[str, Query(alias="from")] = "", until: Annotated[str, Query(alias="to")] = "",
) -> dict[str, Any]:
    """The same comparison as ``symptom-decoder diary compare --format json``."""
    return services.comparison(request, who, change=change, since=since, until=until).as_dict()


@router.get("/days", summary="My day entries (no cramps, fluids, supplements), oldest first")
def list_days(request: Request, who: User) -> dict[str, Any]:
    return {"days": services.day_views(request, who)}


@router.post(
    "/days",
    summary="Record a day: no_cramps, fluids_ml, supplements, stretching_min, hours_standing; "
    "what is left out stays as it was, and sending it again changes nothing",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"type": "object", "required": ["day"], "properties": {
            "day": {"type": "string", "format": "date"}, "no_cramps": {"type": "boolean"},
            "fluids_ml": {"type": "integer"}, "supplements": {"type": "array",
                                                              "items": {"type": "string"}},
            "stretching_min": {"type": "integer"}, "hours_standing": {"type": "number"},
        }}}}}},
)
async def save_day(request: Request, who: User) -> dict[str, Any]:
    body = await json_body(request)
    return services.save_day(request, who, services.day_from_json(body))


@router.get("/assessments", summary="My saved results, newest first")
def saved(request: Request, who: User) -> dict[str, Any]:
    with unit(request) as session:
        rows = list_assessments(session, person_of(session, who))
        return {"assessments": [
            {"id": r.id, "created_at": r.created_at.isoformat(),
             "knowledge_version": r.knowledge_version, "assessment": r.assessment}
            for r in rows
        ]}


@router.get("/assessments/{result_id}", summary="One saved result")
def saved_one(request: Request, who: User, result_id: int) -> dict[str, Any]:
    with unit(request) as session:
        rows = list_assessments(session, person_of(session, who))
        row = next((r for r in rows if r.id == result_id), None)
        if row is None:
            raise Problem(404)
        return {"id": row.id, "created_at": row.created_at.isoformat(),
                "knowledge_version": row.knowledge_version, "answers": row.answers,
                "assessment": row.assessment}
