"""Routes of registration: public sign-up and cancellation, organisers' lists and erasure."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app.core.db import SessionDep
from app.core.errors import problem_responses, request_lang, speaks_to_people
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.core.ratelimit import rate_limited
from app.core.xlsx import XLSX, xlsx_response
from app.events import registration
from app.events.csvio import csv_response
from app.events.deps import EventId, ItemId, OrganisedEvent
from app.events.schemas import (
    ParticipantPage,
    ParticipantPublic,
    RegistrationCreate,
    RegistrationReceipt,
    RegistrationState,
    RegistrationStatus,
)

router = APIRouter()

Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
        "description": "JSON; CSV (RFC 4180, UTF-8 with BOM) with `?format=csv`; an Excel "
        "workbook with `?format=xlsx`.",
    }
}


@router.post(
    "/events/{event_id}/registrations",
    operation_id="register_for_event",
    summary="Register for an open event (public)",
    status_code=201,
    response_model=RegistrationReceipt,
    responses=problem_responses(404, 409, 422, 429),
    dependencies=[Depends(rate_limited("registration"))],
)
@speaks_to_people
def register(
    request: Request, session: SessionDep, event_id: EventId, data: RegistrationCreate
) -> Response:
    lang = request_lang(request)
    receipt = registration.register(session, event_id=event_id, data=data, lang=lang)
    return json_response(request, receipt, status_code=201, public=False)


@router.get(
    "/registrations/{token}",
    operation_id="get_registration",
    summary="Where a registration stands (holder of the cancel token)",
    response_model=RegistrationState,
    responses=problem_responses(404, 422),
)
@speaks_to_people
def read_registration(request: Request, session: SessionDep, token: Token) -> Response:
    state = registration.registration_state(session, token=token)
    return json_response(request, state, public=False)


@router.delete(
    "/registrations/{token}",
    operation_id="cancel_registration",
    summary="Cancel a registration; the wait list moves up",
    status_code=204,
    responses=problem_responses(404, 409, 422),
)
@speaks_to_people
def cancel(session: SessionDep, token: Token) -> Response:
    registration.cancel(session, token=token)
    return Response(status_code=204)


@router.get(
    "/events/{event_id}/registrations",
    operation_id="list_event_registrations",
    summary="Participants (editor in scope); `?format=csv` for the whole list",
    response_model=ParticipantPage,
    responses={**CSV, **problem_responses(401, 403, 404, 422)},
)
def list_registrations(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    status: RegistrationStatus | None = None,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    if format == "csv":
        body = registration.participants_csv(session, event=event)
        return csv_response(body, f"deltakere-{event.id}.csv")
    if format == "xlsx":
        body = registration.participants_xlsx(session, event=event)
        return xlsx_response(body, f"deltakere-{event.id}.xlsx")
    items, next_cursor = registration.list_participants(
        session, event=event, status=status, limit=limit, cursor=cursor
    )
    return json_response(
        request, ParticipantPage(items=items, next_cursor=next_cursor), public=False
    )


@router.post(
    "/events/{event_id}/participants/{participant_id}/erase",
    operation_id="erase_event_participant",
    summary="Erase a participant's personal data (GDPR); seating is kept",
    response_model=ParticipantPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def erase(
    request: Request, session: SessionDep, event: OrganisedEvent, participant_id: ItemId
) -> Response:
    result = registration.erase(session, event=event, participant_id=participant_id)
    return json_response(request, result, public=False)
