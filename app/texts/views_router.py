"""Routes of the merged views: async, and free of the database on a cache hit."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, get_principal, requires
from app.core.config import get_settings
from app.core.db import SessionDep, open_session
from app.core.encoding import choose_coding
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, Lang, Role
from app.pathways.deps import PathwayDep
from app.pathways.schemas import PathwayUpdate
from app.texts import views
from app.texts.cache import get_cache, read_parents, representation, view_slots
from app.texts.fast_views import view_headers
from app.texts.view_schemas import MergedView, PathwayInUsePage

router = APIRouter(tags=["views"])
# /pathways/{slug}: the region's base view (GET) and its metadata changes (PATCH).
base_router = APIRouter(tags=["views"])

_bearer = HTTPBearer(auto_error=False, description="An API key (needed for `preview=true`).")

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
LangQuery = Annotated[
    Lang | None, Query(description="`nb` or `nn`; else Accept-Language, else the default.")
]
AsOfQuery = Annotated[
    str | None,
    Query(max_length=64, description="ISO 8601 time: the view as it was (or will be) then."),
]
IncludeQuery = Annotated[
    Literal["hidden"] | None, Query(description="`hidden`: hidden slots appear, without text.")
]
PreviewQuery = Annotated[
    bool, Query(description="Merge drafts in (needs `reader` in the locality's scope).")
]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _build(
    credentials: HTTPAuthorizationCredentials | None, code: str | None, **options: object
) -> views.BuiltView:
    with open_session(write=False) as session:
        principal = get_principal(session, credentials) if options.get("preview") else None
        if code is None:
            return views.base_view(session, principal=principal, **options)  # type: ignore[arg-type]
        return views.build_view(session, code=code, principal=principal, **options)  # type: ignore[arg-type]


def _read_parents() -> dict[str, str | None]:
    with open_session(write=False) as session:
        return read_parents(session)


async def _serve(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    *,
    code: str | None,
    slug: str,
    lang: Lang | None,
    as_of: str | None,
    include: str | None,
    preview: bool,
) -> Response:
    lang_code = views.resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    moment = views.parse_as_of(as_of)
    include_hidden = include == "hidden"
    coding = choose_coding(request.headers.get("accept-encoding"))
    headers = view_headers(lang_code, coding)
    cache = get_cache() if not preview and moment is None else None
    key = (code, slug, lang_code, include_hidden)
    token = None
    if cache is not None:
        # The slots this view depends on come from the tree, held per process (no query).
        parents = cache.parents()
        if parents is None:
            parents = await run_in_threadpool(_read_parents)
        token = cache.token(view_slots(parents, code, slug))
        entry = cache.get(key, token)
        if entry is not None:
            body, tag = entry.representation(coding)
            return json_response(request, body, etag=tag, headers=headers)
    built = await run_in_threadpool(
        _build, credentials, code, slug=slug, lang=lang_code, as_of=moment,
        include_hidden=include_hidden, preview=preview,
    )  # fmt: skip
    kept = None
    if cache is not None:
        kept = cache.put(
            key, body=built.body, etag=built.etag, token=token, expires_at=built.expires_at
        )
    body, tag = (
        kept.representation(coding) if kept else representation(built.body, built.etag, coding)
    )
    return json_response(request, body, etag=tag, public=not preview, headers=headers)


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
    return await _serve(
        request, credentials, code=code, slug=slug, lang=lang, as_of=as_of, include=include,
        preview=preview,
    )  # fmt: skip


@base_router.get(
    "/pathways/{slug}",
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
    return await _serve(
        request, credentials, code=None, slug=slug, lang=lang, as_of=as_of, include=include,
        preview=preview,
    )  # fmt: skip


@base_router.patch(
    "/pathways/{slug}",
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
    lang = views.resolve_lang(
        None, request.headers.get("accept-language"), get_settings().default_lang
    )
    built = views.update_pathway(session, pathway=pathway, data=data, if_match=if_match, lang=lang)
    return json_response(request, built.body, etag=built.etag, public=False)


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
    lang_code = views.resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    items, next_cursor = views.list_in_use(
        session, code=code, lang=lang_code, preview=preview, principal=principal, limit=limit,
        cursor=cursor,
    )  # fmt: skip
    return json_response(
        request,
        {"items": items, "next_cursor": next_cursor},
        public=not preview,
        headers={"Vary": "Accept-Language"},
    )
