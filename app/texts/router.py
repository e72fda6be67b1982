"""Routes of one layer of one slot, and the divergence report: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response, written_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, Lang, Role, Section
from app.texts import comparison, divergence, editing, revisions, router_merged, slots
from app.texts.schemas import (
    DivergenceReport,
    RevisionComparison,
    RevisionPage,
    TextEntry,
    TextWrite,
)

router = APIRouter(tags=["texts"])
# The merged views live beside the editing routes; app/main.py registers only this router.
router.include_router(router_merged.router)

SLOT_PATH = "/localities/{code}/pathways/{slug}/texts/{service_type}/{section}"

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
ServiceTypePath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Service type code, e.g. `helsestasjon`.")
]
SectionPath = Annotated[Section, Path(description="Section key, e.g. `role`.")]
LangQuery = Annotated[Lang | None, Query(description="`nb` or `nn` (default: the server's).")]
IfMatch = Annotated[str | None, Header(description="The entry's current ETag.")]
IfNoneMatch = Annotated[str | None, Header(description="`*` to create the layer's first entry.")]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


def get_slot(
    session: SessionDep,
    code: CodePath,
    slug: SlugPath,
    service_type: ServiceTypePath,
    section: SectionPath,
) -> slots.Slot:
    """The layer and slot named in the path, or 404."""
    return slots.resolve_slot(
        session, code=code, slug=slug, service_type=service_type, section=section.value
    )


SlotDep = Annotated[slots.Slot, Depends(get_slot)]


def _lang(lang: Lang | None) -> str:
    return lang.value if lang is not None else get_settings().default_lang


@router.get(
    SLOT_PATH,
    operation_id="get_layer_text",
    summary="This layer's own entry of a slot, its scheduled revisions, and what it inherits",
    description=(
        "`200` when the layer has a current entry or a scheduled revision in this language "
        "(with only scheduled ones, the entry's own fields are null); `404` when it has "
        "neither (the problem still carries `inherited`). The ETag names the current "
        'entry and every scheduled revision: `"r40"`, or `"r40+44"` with revision '
        "44 scheduled. A stale override carries `inherited_change`: the inherited text "
        "when it was written, now, and their word diff."
    ),
    response_model=TextEntry,
    responses=problem_responses(401, 404, 422),
)
def get_layer_text(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    slot: SlotDep,
    lang: LangQuery = None,
) -> Response:
    entry, tag = editing.get_entry(session, slot=slot, lang=_lang(lang), principal=principal)
    return json_response(request, entry, etag=tag)


@router.put(
    SLOT_PATH,
    operation_id="put_layer_text",
    summary="Write this layer's entry of a slot (editor in scope; If-Match or If-None-Match: *)",
    response_model=TextEntry,
    responses={
        201: {"model": TextEntry, "description": "Created"},
        **problem_responses(401, 403, 404, 412, 422, 428),
    },
)
def put_layer_text(
    request: Request,
    session: SessionDep,
    principal: Editor,
    slot: SlotDep,
    data: TextWrite,
    if_match: IfMatch = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    entry, tag, created = editing.put_entry(
        session,
        slot=slot,
        principal=principal,
        data=data,
        if_match=if_match,
        if_none_match=if_none_match,
    )
    return written_response(
        entry, etag=tag, created=created, location=request.url.path + f"?lang={entry.lang}"
    )


@router.delete(
    SLOT_PATH,
    operation_id="delete_layer_text",
    summary="Remove this layer's entry: the slot inherits again (If-Match)",
    status_code=204,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def delete_layer_text(
    session: SessionDep,
    principal: Editor,
    slot: SlotDep,
    lang: LangQuery = None,
    if_match: IfMatch = None,
) -> Response:
    editing.delete_entry(
        session, slot=slot, lang=_lang(lang), principal=principal, if_match=if_match
    )
    return Response(status_code=204)


@router.get(
    SLOT_PATH + "/revisions",
    operation_id="list_layer_text_revisions",
    summary="This layer's revisions of a slot, newest first",
    response_model=RevisionPage,
    responses=problem_responses(401, 404, 422),
)
def list_layer_text_revisions(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    slot: SlotDep,
    lang: Annotated[Lang | None, Query(description="Only this language.")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    page = editing.list_revisions(
        session,
        slot=slot,
        lang=lang.value if lang is not None else None,
        principal=principal,
        limit=limit,
        cursor=cursor,
    )
    return json_response(request, page)


@router.get(
    SLOT_PATH + "/revisions/compare",
    operation_id="compare_layer_text_revisions",
    summary="Compare two revisions of a slot word by word",
    description=(
        "Both revisions belong to this slot, in this layer or a layer above it (so a "
        "municipality can compare two revisions of the region's base text). The answer "
        "gives the operations (`equal`, `delete`, `insert`; joined, the `equal` and "
        "`delete` runs give the `from` text and the `equal` and `insert` runs the `to` "
        "text) and the same as safe HTML with `<del>` and `<ins>`. Drafts and scheduled "
        "revisions need a `reader` key in scope."
    ),
    response_model=RevisionComparison,
    responses=problem_responses(401, 404, 422),
)
def compare_layer_text_revisions(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    slot: SlotDep,
    from_: Annotated[
        int, Query(alias="from", ge=1, le=2**31 - 1, description="The older revision.")
    ],
    to: Annotated[int, Query(ge=1, le=2**31 - 1, description="The newer revision.")],
) -> Response:
    result = comparison.compare_revisions(
        session, slot=slot, old=from_, new=to, principal=principal
    )
    return json_response(
        request, result.model_dump(mode="json", by_alias=True), public=principal is None
    )


@router.delete(
    SLOT_PATH + "/revisions/{revision}",
    operation_id="call_off_layer_text_revision",
    summary="Call off a scheduled revision before it takes effect (editor in scope, If-Match)",
    description=(
        "The revision stays in the history with status `called_off` (and who and when) "
        "and never takes effect; the change log and the audit log record it. `If-Match` "
        "takes the slot's ETag (it names the current entry and every scheduled revision). "
        "`409` when the revision has already taken effect or was called off before."
    ),
    status_code=204,
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def call_off_layer_text_revision(
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


@router.post(
    SLOT_PATH + "/confirm",
    operation_id="confirm_layer_text",
    summary="Confirm a stale override still holds (editor in scope, If-Match)",
    response_model=TextEntry,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def confirm_layer_text(
    request: Request,
    session: SessionDep,
    principal: Editor,
    slot: SlotDep,
    lang: LangQuery = None,
    if_match: IfMatch = None,
) -> Response:
    entry, tag = editing.confirm_entry(
        session, slot=slot, lang=_lang(lang), principal=principal, if_match=if_match
    )
    return json_response(request, entry, public=False, etag=tag)


@router.get(
    "/localities/{code}/divergence",
    operation_id="get_divergence",
    summary="How the locality's subtree diverges from what it inherits",
    response_model=DivergenceReport,
    responses=problem_responses(404, 422),
)
def get_divergence(request: Request, session: SessionDep, code: CodePath) -> Response:
    return json_response(request, divergence.report(session, code=code))
