"""Routes of collaboration days: events, programme and checklist (the rest is included)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.events import service, starting_points
from app.events.deps import EventDep, ItemId, OrganisedEvent
from app.events.pages.router import router as pages_router
from app.events.router_feedback import router as feedback_router
from app.events.router_participants import router as participants_router
from app.events.router_seating import router as seating_router
from app.events.schemas import (
    ChecklistItemCreate,
    ChecklistItemPublic,
    ChecklistItemUpdate,
    ChecklistOrder,
    ChecklistPublic,
    EventCreate,
    EventPage,
    EventPublic,
    EventStatus,
    EventUpdate,
    ProgrammeIn,
    ProgrammePublic,
)
from app.events.starting_points import StartingPoint
from app.localities.router import LocalityDep
from app.models.base import Role

router = APIRouter(tags=["events"])

Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


@router.post(
    "/localities/{code}/events",
    operation_id="create_event",
    summary="Create a collaboration day (editor in scope)",
    status_code=201,
    response_model=EventPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def create_event(
    request: Request, session: SessionDep, _: Editor, locality: LocalityDep, data: EventCreate
) -> Response:
    event = service.create_event(
        session, locality=locality, data=data, base_url=str(request.base_url)
    )
    return json_response(
        request,
        service.to_public(session, event),
        status_code=201,
        public=False,
        headers={"Location": f"/v1/events/{event.id}"},
    )


@router.get(
    "/event-starting-points/{lang}",
    operation_id="get_event_starting_point",
    summary="Our suggested invitation, programme (three parts) and checklist, nb or nn",
    description="What `starting_point` on event creation fills in. Placeholders `{tittel}` and "
    "`{lenke}` stand for the event's title and registration page.",
    response_model=StartingPoint,
    responses=problem_responses(422),
)
def read_starting_point(request: Request, lang: Literal["nb", "nn"]) -> Response:
    return json_response(request, starting_points.starting_point(lang))


@router.get(
    "/localities/{code}/events",
    operation_id="list_events",
    summary="Events of a locality and its ancestors",
    response_model=EventPage,
    responses=problem_responses(401, 404, 422),
)
def list_events(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    locality: LocalityDep,
    status: EventStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_events(
        session, locality=locality, principal=principal, status=status, limit=limit, cursor=cursor
    )
    return json_response(request, EventPage(items=items, next_cursor=next_cursor))


@router.get(
    "/events/{event_id}",
    operation_id="get_event",
    summary="One event (planned ones: readers in scope)",
    response_model=EventPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def read_event(
    request: Request, session: SessionDep, principal: PrincipalDep, event: EventDep
) -> Response:
    service.authorize_read(session, principal, event)
    return json_response(request, service.to_public(session, event))


@router.patch(
    "/events/{event_id}",
    operation_id="update_event",
    summary="Change an event (editor in scope, If-Match)",
    response_model=EventPublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_event(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    data: EventUpdate,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    event = service.update_event(session, event=event, data=data, if_match=if_match)
    return json_response(request, service.to_public(session, event), public=False)


@router.get(
    "/events/{event_id}/programme",
    operation_id="get_event_programme",
    summary="An event's programme",
    response_model=ProgrammePublic,
    responses=problem_responses(401, 403, 404, 422),
)
def read_programme(
    request: Request, session: SessionDep, principal: PrincipalDep, event: EventDep
) -> Response:
    service.authorize_read(session, principal, event)
    return json_response(request, service.programme_public(session, event))


@router.put(
    "/events/{event_id}/programme",
    operation_id="replace_event_programme",
    summary="Replace the programme (editor in scope, If-Match)",
    response_model=ProgrammePublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def replace_programme(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    data: ProgrammeIn,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    result = service.replace_programme(session, event=event, data=data, if_match=if_match)
    return json_response(request, result, public=False)


@router.get(
    "/events/{event_id}/checklist",
    operation_id="get_event_checklist",
    summary="The planning checklist (editor in scope)",
    response_model=ChecklistPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def read_checklist(request: Request, session: SessionDep, event: OrganisedEvent) -> Response:
    return json_response(request, service.checklist_public(session, event), public=False)


@router.post(
    "/events/{event_id}/checklist",
    operation_id="add_event_checklist_item",
    summary="Add a checklist item",
    status_code=201,
    response_model=ChecklistItemPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def add_checklist_item(
    request: Request, session: SessionDep, event: OrganisedEvent, data: ChecklistItemCreate
) -> Response:
    item = service.add_checklist_item(session, event=event, data=data)
    return json_response(request, item, status_code=201, public=False)


@router.put(
    "/events/{event_id}/checklist/order",
    operation_id="reorder_event_checklist",
    summary="Reorder the checklist",
    response_model=ChecklistPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def reorder_checklist(
    request: Request, session: SessionDep, event: OrganisedEvent, data: ChecklistOrder
) -> Response:
    return json_response(
        request, service.reorder_checklist(session, event=event, data=data), public=False
    )


@router.patch(
    "/events/{event_id}/checklist/{item_id:int}",
    operation_id="update_event_checklist_item",
    summary="Tick, untick or reword a checklist item",
    response_model=ChecklistItemPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def update_checklist_item(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    item_id: ItemId,
    data: ChecklistItemUpdate,
) -> Response:
    item = service.update_checklist_item(session, event=event, item_id=item_id, data=data)
    return json_response(request, item, public=False)


@router.delete(
    "/events/{event_id}/checklist/{item_id:int}",
    operation_id="delete_event_checklist_item",
    summary="Remove a checklist item",
    status_code=204,
    responses=problem_responses(401, 403, 404, 422),
)
def delete_checklist_item(session: SessionDep, event: OrganisedEvent, item_id: ItemId) -> Response:
    service.delete_checklist_item(session, event=event, item_id=item_id)
    return Response(status_code=204)


for _sub in (participants_router, seating_router, feedback_router, pages_router):
    router.include_router(_sub)
