"""The audit log over HTTP: read-only, for admins."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from app.audit import service
from app.audit.schemas import AuditAction, AuditPage
from app.core.auth import Principal, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import Role

router = APIRouter(prefix="/audit", tags=["audit"])
Admin = Annotated[Principal, Depends(requires(Role.admin))]


@router.get(
    "",
    operation_id="list_audit",
    summary="Who wrote what, when and in which request (admin; newest first)",
    response_model=AuditPage,
    responses=problem_responses(401, 403, 422),
)
def list_audit(
    request: Request,
    session: SessionDep,
    _: Admin,
    entity: Annotated[
        str | None, Query(max_length=64, description="Table name, e.g. `locality`.")
    ] = None,
    entity_id: Annotated[str | None, Query(max_length=200, description="Row id.")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Key name, or `anonymous`, `system`.")
    ] = None,
    action: Annotated[AuditAction | None, Query(description="insert, update or delete.")] = None,
    since: Annotated[datetime | None, Query(description="From this time (inclusive).")] = None,
    until: Annotated[datetime | None, Query(description="Before this time.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    page = service.list_audit(
        session,
        entity=entity,
        entity_id=entity_id,
        actor=actor,
        action=action,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )
    return json_response(request, page, public=False)
