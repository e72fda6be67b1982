"""Routes of the service catalogue: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from app.catalog import service
from app.catalog.schemas import (
    ServiceTypeCreate,
    ServiceTypePage,
    ServiceTypePublic,
    ServiceTypeUpdate,
    ServiceUnitCreate,
    ServiceUnitPage,
    ServiceUnitPublic,
    ServiceUnitUpdate,
)
from app.core.auth import Principal, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.localities import service as localities_service
from app.models import Locality, ServiceType, ServiceUnit
from app.models.base import CODE_PATTERN, Role

router = APIRouter()

TypeCodePath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Service type code, e.g. `helsestasjon`.")
]
LocalityCodePath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")
]
UnitIdPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="Id of the service unit.")]
IfMatch = Annotated[str | None, Header(description="The ETag you read.")]


def get_service_type(session: SessionDep, code: TypeCodePath) -> ServiceType:
    """The service type named in the path, or 404."""
    return service.get_service_type(session, code)


def get_locality(session: SessionDep, code: LocalityCodePath) -> Locality:
    """The locality named in the path, or 404."""
    return localities_service.get_by_code(session, code)


ServiceTypeDep = Annotated[ServiceType, Depends(get_service_type)]
LocalityDep = Annotated[Locality, Depends(get_locality)]


def get_unit(session: SessionDep, locality: LocalityDep, unit_id: UnitIdPath) -> ServiceUnit:
    """The unit named in the path, owned by the locality in the path, or 404."""
    return service.get_unit(session, locality=locality, unit_id=unit_id)


UnitDep = Annotated[ServiceUnit, Depends(get_unit)]
Admin = Annotated[Principal, Depends(requires(Role.admin))]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


# --- service types -----------------------------------------------------------------------


@router.get(
    "/service-types",
    tags=["catalogue"],
    operation_id="list_service_types",
    summary="List service types",
    response_model=ServiceTypePage,
    responses=problem_responses(422),
)
def list_service_types(
    request: Request, session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Response:
    items, next_cursor = service.list_service_types(session, limit=limit, cursor=cursor)
    return json_response(request, ServiceTypePage(items=items, next_cursor=next_cursor))


@router.post(
    "/service-types",
    tags=["catalogue"],
    operation_id="create_service_type",
    summary="Add a service type (admin)",
    status_code=201,
    response_model=ServiceTypePublic,
    responses=problem_responses(401, 403, 409, 422),
)
def create_service_type(
    request: Request, session: SessionDep, _: Admin, data: ServiceTypeCreate
) -> Response:
    st = service.create_service_type(session, data=data)
    return json_response(
        request,
        service.service_type_public(st),
        status_code=201,
        headers={"Location": f"/v1/service-types/{st.code}"},
    )


@router.get(
    "/service-types/{code}",
    tags=["catalogue"],
    operation_id="get_service_type",
    summary="One service type",
    response_model=ServiceTypePublic,
    responses=problem_responses(404, 422),
)
def read_service_type(request: Request, service_type: ServiceTypeDep) -> Response:
    return json_response(request, service.service_type_public(service_type))


@router.patch(
    "/service-types/{code}",
    tags=["catalogue"],
    operation_id="update_service_type",
    summary="Change a service type (admin, If-Match)",
    response_model=ServiceTypePublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_service_type(
    request: Request,
    session: SessionDep,
    _: Admin,
    service_type: ServiceTypeDep,
    data: ServiceTypeUpdate,
    if_match: IfMatch = None,
) -> Response:
    st = service.update_service_type(
        session, service_type=service_type, data=data, if_match=if_match
    )
    return json_response(request, service.service_type_public(st))


# --- service units -----------------------------------------------------------------------


@router.get(
    "/localities/{code}/services",
    tags=["catalogue"],
    operation_id="list_locality_services",
    summary="Service units visible in a locality (own, ancestors' and catchment)",
    response_model=ServiceUnitPage,
    responses=problem_responses(404, 422),
)
def list_units(
    request: Request,
    session: SessionDep,
    locality: LocalityDep,
    service_type: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_units(
        session, locality=locality, service_type=service_type, limit=limit, cursor=cursor
    )
    return json_response(request, ServiceUnitPage(items=items, next_cursor=next_cursor))


@router.post(
    "/localities/{code}/services",
    tags=["catalogue"],
    operation_id="create_locality_service",
    summary="Add a service unit to a locality (editor in scope)",
    status_code=201,
    response_model=ServiceUnitPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def create_unit(
    request: Request,
    session: SessionDep,
    editor: Editor,
    locality: LocalityDep,
    data: ServiceUnitCreate,
) -> Response:
    unit = service.create_unit(session, principal=editor, locality=locality, data=data)
    return json_response(
        request,
        service.unit_public(session, unit),
        status_code=201,
        headers={"Location": f"/v1/localities/{locality.code}/services/{unit.id}"},
    )


@router.get(
    "/localities/{code}/services/{unit_id}",
    tags=["catalogue"],
    operation_id="get_locality_service",
    summary="One service unit of a locality",
    response_model=ServiceUnitPublic,
    responses=problem_responses(404, 422),
)
def read_unit(request: Request, session: SessionDep, unit: UnitDep) -> Response:
    return json_response(request, service.unit_public(session, unit))


@router.patch(
    "/localities/{code}/services/{unit_id}",
    tags=["catalogue"],
    operation_id="update_locality_service",
    summary="Change a service unit (editor in scope, If-Match)",
    response_model=ServiceUnitPublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_unit(
    request: Request,
    session: SessionDep,
    editor: Editor,
    locality: LocalityDep,
    unit: UnitDep,
    data: ServiceUnitUpdate,
    if_match: IfMatch = None,
) -> Response:
    unit = service.update_unit(
        session, principal=editor, locality=locality, unit=unit, data=data, if_match=if_match
    )
    return json_response(request, service.unit_public(session, unit))


@router.delete(
    "/localities/{code}/services/{unit_id}",
    tags=["catalogue"],
    operation_id="delete_locality_service",
    summary="Remove a service unit (editor in scope, If-Match)",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def delete_unit(
    session: SessionDep,
    _: Editor,
    locality: LocalityDep,
    unit: UnitDep,
    if_match: IfMatch = None,
) -> Response:
    service.delete_unit(session, locality=locality, unit=unit, if_match=if_match)
    return Response(status_code=204)
