"""Routes of seating: run the optimiser, read the result as JSON, CSV or a door poster."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from app.core.config import get_settings
from app.core.csvio import csv_response
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.i18n import negotiate
from app.events import seating_service, sessions_service
from app.events.deps import OrganisedEvent
from app.events.poster import render_poster
from app.events.seating_service import SeatingPublic, SeatingRequest
from app.events.sessions_service import MAX_SESSIONS, SessionsPublic
from app.models.base import Lang

router = APIRouter()


@router.post(
    "/events/{event_id}/seating",
    operation_id="run_event_seating",
    summary="Seat the registered participants (editor in scope)",
    response_model=SeatingPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def run_seating(
    request: Request, session: SessionDep, event: OrganisedEvent, data: SeatingRequest
) -> Response:
    result = seating_service.run_seating(session, event=event, data=data)
    return json_response(request, result, public=False)


@router.get(
    "/events/{event_id}/seating",
    operation_id="get_event_seating",
    summary="The seating; `?format=csv` or `?format=html` (door poster and table cards)",
    response_model=SeatingPublic,
    responses={
        200: {
            "content": {"text/csv": {}, "text/html": {}},
            "description": "JSON, CSV or a printable HTML page.",
        },
        **problem_responses(401, 403, 404, 422),
    },
)
def read_seating(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    format: Annotated[Literal["json", "csv", "html"], Query()] = "json",
    lang: Annotated[
        Lang | None,
        Query(
            description="The poster's and the CSV's language, `nb` or `nn`; else Accept-Language."
        ),
    ] = None,
) -> Response:
    result = seating_service.read_seating(session, event=event)
    reader = negotiate(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    if format == "csv":
        body = seating_service.seating_csv(result, reader)
        return csv_response(body, f"bordplassering-{event.id}.csv")
    if format == "html":
        page = render_poster(
            result,
            title=event.title,
            date=event.date.strftime("%d.%m.%Y"),
            lang=reader,
        )
        return HTMLResponse(page, headers={"Cache-Control": "private, no-store"})
    return json_response(request, result, public=False)


@router.get(
    "/events/{event_id}/seating/sessions",
    operation_id="get_event_seating_sessions",
    summary="Tables for several group tasks, meeting new people each time (editor in scope)",
    description="Session 1 is the stored seating when everyone registered has a table, else "
    "computed. Every session follows the seating rules; across sessions repeated pairs are "
    "minimised. Computed on request, not stored: same participants and seed, same plan. "
    "`require_representatives=true` refuses (422) when some table must go without a user "
    "representative. The door poster for it: `get_event_poster?sessions=`.",
    response_model=SessionsPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def read_sessions(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    sessions: Annotated[int, Query(ge=1, le=MAX_SESSIONS)] = 3,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    require_representatives: bool = False,
) -> Response:
    result = sessions_service.plan_sessions(
        session,
        event=event,
        sessions=sessions,
        seed=seed,
        require_representatives=require_representatives,
    )
    return json_response(request, result, public=False)
