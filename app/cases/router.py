"""Routes of the case library and the walk-through: thin, one service call each."""

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from app.cases import handout, service, walk
from app.cases.schemas import CaseCreate, CasePage, CasePublic, CaseUpdate, CaseWalk
from app.core.auth import Principal, PrincipalDep, requires
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import cache_control, etag_of, json_response, not_modified
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, Lang, Role

router = APIRouter(tags=["cases"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The case's id.")]
IfMatch = Annotated[str | None, Header(description="The case's current ETag.")]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


class WalkFormat(StrEnum):
    json = "json"
    html = "html"


@router.post(
    "/localities/{code}/cases",
    operation_id="create_case",
    summary="Add a case to the library, owned by this locality (editor in scope)",
    status_code=201,
    response_model=CasePublic,
    responses=problem_responses(401, 403, 404, 422),
)
def create_case(
    request: Request, session: SessionDep, principal: Editor, code: CodePath, data: CaseCreate
) -> Response:
    case = service.create_case(session, code=code, principal=principal, data=data)
    return json_response(
        request,
        case,
        status_code=201,
        public=False,
        etag=f'"v{case.version}"',
        headers={"Location": f"/v1/cases/{case.id}"},
    )


@router.get(
    "/cases",
    operation_id="list_cases",
    summary="Cases: published ones, and drafts the key may read",
    response_model=CasePage,
    responses=problem_responses(401, 404, 422),
)
def list_cases(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    pathway: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
    locality: Annotated[str | None, Query(pattern=CODE_PATTERN, description="Owner.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_cases(
        session,
        principal=principal,
        pathway=pathway,
        locality=locality,
        limit=limit,
        cursor=cursor,
    )
    return json_response(
        request, CasePage(items=items, next_cursor=next_cursor), public=principal is None
    )


@router.get(
    "/cases/{case_id}",
    operation_id="get_case",
    summary="One case (drafts: reader in scope of its owner)",
    response_model=CasePublic,
    responses=problem_responses(401, 403, 404, 422),
)
def get_case(
    request: Request, session: SessionDep, principal: PrincipalDep, case_id: CaseId
) -> Response:
    case = service.get_case(session, case_id=case_id, principal=principal)
    return json_response(
        request, case, etag=f'"v{case.version}"', public=case.status == "published"
    )


@router.patch(
    "/cases/{case_id}",
    operation_id="update_case",
    summary="Change a case (editor in scope of its owner, If-Match)",
    response_model=CasePublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_case(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    case_id: CaseId,
    data: CaseUpdate,
    if_match: IfMatch = None,
) -> Response:
    case = service.update_case(
        session, case_id=case_id, principal=principal, data=data, if_match=if_match
    )
    return json_response(request, case, public=False, etag=f'"v{case.version}"')


@router.delete(
    "/cases/{case_id}",
    operation_id="delete_case",
    summary="Remove a case (editor in scope of its owner, If-Match)",
    status_code=204,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def delete_case(
    session: SessionDep, principal: PrincipalDep, case_id: CaseId, if_match: IfMatch = None
) -> Response:
    service.delete_case(session, case_id=case_id, principal=principal, if_match=if_match)
    return Response(status_code=204)


@router.get(
    "/localities/{code}/cases/{case_id}/walk",
    operation_id="walk_case",
    summary="Walk a case through its pathway's map in a municipality (JSON or HTML handout)",
    responses={
        200: {
            "description": "JSON; `?format=html` a printable handout",
            "model": CaseWalk,
            "content": {"text/html": {}},
        },
        **problem_responses(401, 403, 404, 409, 422),
    },
)
def walk_case(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: CodePath,
    case_id: CaseId,
    format: Annotated[WalkFormat, Query(description="`json` or `html`.")] = WalkFormat.json,
    lang: Annotated[Lang | None, Query(description="`nb` or `nn`.")] = None,
) -> Response:
    chosen = lang.value if lang is not None else get_settings().default_lang
    data = walk.walk(session, code=code, case_id=case_id, lang=chosen, principal=principal)
    public = data["case"]["status"] == "published"
    if format is WalkFormat.html:
        body = handout.render_handout(data).encode()
        tag = etag_of(body)
        headers = {"ETag": tag, "Cache-Control": cache_control(request, public=public)}
        if not_modified(request, tag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)
    return json_response(request, data, public=public)
