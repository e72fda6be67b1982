"""Routes of pathways: the list, creation, and one pathway (`GET`/`PATCH /pathways/{slug}`).

One pathway is its region's base view, a merged view like any other (`app.texts.merged`),
served through the view cache (`app.texts.serving`); it keeps the `views` tag.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, PathwayStatus, Role
from app.pathways import service
from app.pathways.deps import PathwayDep
from app.pathways.schemas import PathwayCreate, PathwayPage, PathwayPublic, PathwayUpdate
from app.texts import merged, serving
from app.texts.serving import (
    AsOfQuery,
    Credentials,
    IncludeQuery,
    LangQuery,
    PreviewQuery,
    SlugPath,
)
from app.texts.view_schemas import MergedView

# Tags per route: one pathway is listed with the merged views in the contract, as before.
router = APIRouter(prefix="/pathways")

Admin = Annotated[Principal, Depends(requires(Role.admin))]


@router.get(
    "",
    tags=["pathways"],
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
    tags=["pathways"],
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


@router.get(
    "/{slug}",
    tags=["texts", "views"],
    operation_id="get_pathway",
    summary="The pathway's regional base view (same shape as a merged view)",
    response_model=MergedView,
    responses=problem_responses(401, 403, 404, 422),
)
async def read_base_view(
    request: Request,
    credentials: Credentials,
    slug: SlugPath,
    lang: LangQuery = None,
    as_of: AsOfQuery = None,
    include: IncludeQuery = None,
    preview: PreviewQuery = False,
) -> Response:
    return await serving.serve(
        request, credentials, code=None, slug=slug, lang=lang, as_of=as_of, include=include,
        preview=preview,
    )  # fmt: skip


@router.patch(
    "/{slug}",
    tags=["texts", "views"],
    operation_id="update_pathway",
    summary="Change a pathway's metadata, status or service type order (admin, If-Match)",
    response_model=MergedView,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_pathway(
    request: Request,
    session: SessionDep,
    _: Annotated[Principal, Depends(requires(Role.admin))],
    pathway: PathwayDep,
    data: PathwayUpdate,
    if_match: Annotated[str | None, Header(description="An ETag of the view you read.")] = None,
) -> Response:
    lang = merged.resolve_lang(
        None, request.headers.get("accept-language"), get_settings().default_lang
    )
    built = merged.update_pathway(session, pathway=pathway, data=data, if_match=if_match, lang=lang)
    return json_response(request, built.body, etag=built.etag, public=False)
