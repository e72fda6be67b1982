"""Routes of the pathway list and creation; `GET`/`PATCH /pathways/{slug}` live with the
region's base view in app/texts/views_router.py (the resource is the merged base view)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, PathwayStatus, Role
from app.pathways import service
from app.pathways.schemas import PathwayCreate, PathwayPage, PathwayPublic

router = APIRouter(prefix="/pathways", tags=["pathways"])

Admin = Annotated[Principal, Depends(requires(Role.admin))]


@router.get(
    "",
    operation_id="list_pathways",
    summary="List pathways",
    response_model=PathwayPage,
    responses=problem_responses(422),
)
def list_pathways(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    status: PathwayStatus | None = None,
    owner: Annotated[
        str | None,
        Query(pattern=CODE_PATTERN, description="Only pathways this locality owns."),
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_pathways(
        session,
        status=status,
        limit=limit,
        cursor=cursor,
        drafts=principal is not None,
        owner=owner,
    )
    return json_response(
        request, PathwayPage(items=items, next_cursor=next_cursor), public=principal is None
    )


@router.post(
    "",
    operation_id="create_pathway",
    summary="Add a pathway (admin)",
    status_code=201,
    response_model=PathwayPublic,
    responses=problem_responses(401, 403, 409, 422),
)
def create_pathway(
    request: Request, session: SessionDep, _: Admin, data: PathwayCreate
) -> Response:
    pathway = service.create_pathway(session, data=data)
    return json_response(
        request,
        service.to_public(session, pathway),
        status_code=201,
        headers={"Location": f"/v1/pathways/{pathway.slug}"},
    )
