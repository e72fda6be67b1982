"""Routes of the merged views: async, and free of the database on a cache hit.

The region's base view (`GET`/`PATCH /pathways/{slug}`) is served the same way from
app/pathways/router.py.
"""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.texts import merged, serving
from app.texts.serving import (
    AsOfQuery,
    CodePath,
    Credentials,
    IncludeQuery,
    LangQuery,
    PreviewQuery,
    SlugPath,
)
from app.texts.view_schemas import MergedView, PathwayInUsePage

router = APIRouter(tags=["views"])


@router.get(
    "/localities/{code}/pathways/{slug}",
    operation_id="get_merged_pathway",
    summary="A pathway as the locality sees it: every layer of its chain merged",
    response_model=MergedView,
    responses=problem_responses(401, 403, 404, 422),
)
async def read_merged_pathway(
    request: Request,
    credentials: Credentials,
    code: CodePath,
    slug: SlugPath,
    lang: LangQuery = None,
    as_of: AsOfQuery = None,
    include: IncludeQuery = None,
    preview: PreviewQuery = False,
) -> Response:
    return await serving.serve(
        request, credentials, code=code, slug=slug, lang=lang, as_of=as_of, include=include,
        preview=preview,
    )  # fmt: skip


@router.get(
    "/localities/{code}/pathways",
    operation_id="list_locality_pathways",
    summary="The pathways in use in a locality",
    response_model=PathwayInUsePage,
    responses=problem_responses(401, 403, 404, 422),
)
def list_locality_pathways(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: CodePath,
    lang: LangQuery = None,
    preview: PreviewQuery = False,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    lang_code = merged.resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    items, next_cursor = merged.list_in_use(
        session, code=code, lang=lang_code, preview=preview, principal=principal, limit=limit,
        cursor=cursor,
    )  # fmt: skip
    return json_response(
        request,
        {"items": items, "next_cursor": next_cursor},
        public=not preview,
        headers={"Vary": "Accept-Language"},
    )
