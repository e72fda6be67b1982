"""Routes of the locality tree: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.localities import service
from app.localities.schemas import LocalityCreate, LocalityPage, LocalityPublic, LocalityUpdate
from app.models import Locality
from app.models.base import CODE_PATTERN, LocalityKind, Role

router = APIRouter(prefix="/localities", tags=["localities"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]


def get_locality(session: SessionDep, code: CodePath) -> Locality:
    """The locality named in the path, or 404."""
    return service.get_by_code(session, code)


LocalityDep = Annotated[Locality, Depends(get_locality)]
Admin = Annotated[Principal, Depends(requires(Role.admin))]


@router.get(
    "",
    operation_id="list_localities",
    summary="List localities",
    response_model=LocalityPage,
    responses=problem_responses(404, 422),
)
def list_localities(
    request: Request,
    session: SessionDep,
    kind: LocalityKind | None = None,
    parent: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_localities(
        session, kind=kind, parent=parent, limit=limit, cursor=cursor
    )
    return json_response(request, LocalityPage(items=items, next_cursor=next_cursor))


@router.post(
    "",
    operation_id="create_locality",
    summary="Create a locality (admin)",
    status_code=201,
    response_model=LocalityPublic,
    responses=problem_responses(401, 403, 409, 422),
)
def create_locality(
    request: Request, session: SessionDep, _: Admin, data: LocalityCreate
) -> Response:
    locality = service.create_locality(session, data=data)
    return json_response(
        request,
        service.to_public(session, locality),
        status_code=201,
        headers={"Location": f"/v1/localities/{locality.code}"},
    )


@router.get(
    "/{code}",
    operation_id="get_locality",
    summary="One locality with its chain",
    response_model=LocalityPublic,
    responses=problem_responses(404, 422),
)
def read_locality(request: Request, session: SessionDep, locality: LocalityDep) -> Response:
    return json_response(request, service.to_public(session, locality))


@router.patch(
    "/{code}",
    operation_id="update_locality",
    summary="Rename a locality (admin, If-Match)",
    response_model=LocalityPublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_locality(
    request: Request,
    session: SessionDep,
    _: Admin,
    locality: LocalityDep,
    data: LocalityUpdate,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    locality = service.update_locality(session, locality=locality, data=data, if_match=if_match)
    return json_response(request, service.to_public(session, locality))
