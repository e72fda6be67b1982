"""Routes of the map: referral links per layer, the map and its pictures, findings."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import (
    cache_control,
    etag_of,
    json_response,
    not_modified,
    to_json_bytes,
    written_response,
)
from app.core.pagination import CursorQuery, LimitQuery
from app.maps import editing, render, service
from app.maps.links import LINKS_LANG
from app.maps.schemas import LinksEntry, LinksWrite
from app.maps.view_schemas import FindingsOverview, MapView
from app.models.base import CODE_PATTERN, Lang, Role
from app.texts import editing as texts_editing
from app.texts import revisions, slots
from app.texts.read_cache import held_body, map_slots
from app.texts.schemas import RevisionPage

router = APIRouter(tags=["maps"])

LINKS_PATH = "/localities/{code}/pathways/{slug}/links/{service_type}"
CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
ServiceTypePath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Service type code, e.g. `helsestasjon`.")
]
LangQuery = Annotated[Lang | None, Query(description="`nb` or `nn` (names of services).")]
IfMatch = Annotated[str | None, Header(description="The entry's current ETag.")]
IfNoneMatch = Annotated[str | None, Header(description="`*` to create the layer's first entry.")]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


class Severity(StrEnum):
    problem = "problem"
    warning = "warning"
    info = "info"


class MapFormat(StrEnum):
    json = "json"
    svg = "svg"
    mermaid = "mermaid"


def get_links_slot(
    session: SessionDep, code: CodePath, slug: SlugPath, service_type: ServiceTypePath
) -> slots.Slot:
    """The layer and service named in the path, or 404."""
    return editing.resolve(session, code=code, slug=slug, service_type=service_type)


SlotDep = Annotated[slots.Slot, Depends(get_links_slot)]


def _lang(lang: Lang | None) -> str:
    return lang.value if lang is not None else get_settings().default_lang


def _bytes_response(
    request: Request, body: bytes, media_type: str, *, tag: str | None = None
) -> Response:
    tag = tag or etag_of(body)
    headers = {"ETag": tag, "Cache-Control": cache_control(request)}
    if not_modified(request, tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get(
    "/localities/{code}/pathways/{slug}/map",
    operation_id="get_pathway_map",
    summary="The pathway's referral map in a locality: nodes, edges, entry points, findings",
    responses={
        200: {
            "description": "JSON; `?format=svg` an SVG picture; `?format=mermaid` Mermaid text",
            "model": MapView,
            "content": {"image/svg+xml": {}, "text/plain": {}},
        },
        **problem_responses(401, 403, 404, 422, 503),
    },
)
def get_pathway_map(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: CodePath,
    slug: SlugPath,
    format: Annotated[MapFormat, Query(description="`json`, `svg` or `mermaid`.")] = (
        MapFormat.json
    ),
    lang: LangQuery = None,
    preview: Annotated[bool, Query(description="Drafts merged in (reader in scope).")] = False,
) -> Response:
    lang_code = _lang(lang)

    def build() -> tuple[bytes, list[datetime | None]]:
        ctx = service.load_context(
            session, code=code, slug=slug, lang=lang_code, preview=preview, principal=principal
        )
        view = service.map_json(ctx)
        if format is MapFormat.svg:
            return render.svg_of(view), ctx.valid_froms
        if format is MapFormat.mermaid:
            return render.to_mermaid(view).encode(), ctx.valid_froms
        return to_json_bytes(view), ctx.valid_froms

    if preview:  # drafts are for the key that asked: never held
        body, tag = build()[0], None
    else:
        key = ("map", code, slug, lang_code, format.value)
        held = held_body(session, key, map_slots(code, slug), build)
        body, tag = held.body, held.etag
    if format is MapFormat.svg:
        return _bytes_response(request, body, "image/svg+xml", tag=tag)
    if format is MapFormat.mermaid:
        return _bytes_response(request, body, "text/plain; charset=utf-8", tag=tag)
    return json_response(request, body, etag=tag, public=not preview)


@router.get(
    "/localities/{code}/findings",
    operation_id="get_findings_overview",
    summary="Findings per municipality and pathway under a locality (stemmer kart og terreng?)",
    description="One item per municipality × pathway in use, ordered by municipality code and "
    "pathway slug, a page at a time (`limit`, `cursor` → `next_cursor`). `severity` (repeatable) "
    "keeps only findings of those severities and leaves out items without any, e.g. "
    "`?severity=problem&severity=warning` for what needs attention. `totals` count every "
    "finding under the locality, whatever the filter or page.",
    response_model=FindingsOverview,
    responses=problem_responses(404, 422),
)
def get_findings_overview(
    request: Request,
    session: SessionDep,
    code: CodePath,
    lang: LangQuery = None,
    severity: Annotated[
        list[Severity] | None,
        Query(description="Only findings of these severities (repeat the parameter)."),
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    overview = service.findings_overview(
        session,
        code=code,
        lang=_lang(lang),
        severities={s.value for s in severity} if severity else None,
        limit=limit,
        cursor=cursor,
    )
    return json_response(request, overview)


@router.get(
    LINKS_PATH,
    operation_id="get_layer_links",
    summary="This layer's own referral links of a service, and what it inherits",
    response_model=LinksEntry,
    responses=problem_responses(401, 404, 422),
)
def get_layer_links(
    request: Request, session: SessionDep, principal: PrincipalDep, slot: SlotDep
) -> Response:
    entry, tag = editing.get_links(session, slot=slot, principal=principal)
    return json_response(request, entry, etag=tag)


@router.put(
    LINKS_PATH,
    operation_id="put_layer_links",
    summary="Write this layer's referral links of a service (editor in scope; preconditions)",
    response_model=LinksEntry,
    responses={
        201: {"model": LinksEntry, "description": "Created"},
        **problem_responses(401, 403, 404, 412, 422, 428),
    },
)
def put_layer_links(
    request: Request,
    session: SessionDep,
    principal: Editor,
    slot: SlotDep,
    data: LinksWrite,
    if_match: IfMatch = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    entry, tag, created = editing.put_links(
        session,
        slot=slot,
        principal=principal,
        data=data,
        if_match=if_match,
        if_none_match=if_none_match,
    )
    return written_response(entry, etag=tag, created=created, location=request.url.path)


@router.delete(
    LINKS_PATH,
    operation_id="delete_layer_links",
    summary="Remove this layer's links of a service: it inherits them again (If-Match)",
    status_code=204,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def delete_layer_links(
    session: SessionDep, principal: Editor, slot: SlotDep, if_match: IfMatch = None
) -> Response:
    editing.delete_links(session, slot=slot, principal=principal, if_match=if_match)
    return Response(status_code=204)


@router.delete(
    LINKS_PATH + "/revisions/{revision}",
    operation_id="call_off_layer_links_revision",
    summary="Call off a scheduled revision of a service's links (editor in scope, If-Match)",
    description=(
        "As for texts: the revision stays in the history as `called_off` and never takes "
        "effect. `If-Match` takes the links entry's ETag (it names the current entry and "
        "every scheduled revision); `409` once the revision has taken effect."
    ),
    status_code=204,
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def call_off_layer_links_revision(
    session: SessionDep,
    principal: Editor,
    slot: SlotDep,
    revision: Annotated[int, Path(ge=1, le=2**31 - 1, description="The scheduled revision.")],
    if_match: IfMatch = None,
) -> Response:
    revisions.call_off(
        session, slot=slot, revision=revision, principal=principal, if_match=if_match
    )
    return Response(status_code=204)


@router.get(
    LINKS_PATH + "/revisions",
    operation_id="list_layer_links_revisions",
    summary="This layer's revisions of a service's links, newest first (text is the JSON)",
    response_model=RevisionPage,
    responses=problem_responses(401, 404, 422),
)
def list_layer_links_revisions(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    slot: SlotDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    page = texts_editing.list_revisions(
        session, slot=slot, lang=LINKS_LANG, principal=principal, limit=limit, cursor=cursor
    )
    return json_response(request, page)
