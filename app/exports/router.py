"""Routes of the exports: service map (JSON, CSV, HSDS, FHIR), FHIR PlanDefinition, embed."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from sqlmodel import Session
from starlette.responses import Response

from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.encoding import choose_coding
from app.core.errors import problem_responses
from app.core.http import cache_control, not_modified, to_json_bytes
from app.core.xlsx import XLSX
from app.exports import content, embed, fhir, hsds, map_parts, service_map
from app.exports.schemas import HsdsPage, ServiceMap
from app.models.base import CODE_PATTERN, Lang
from app.texts.merged import resolve_lang
from app.texts.read_cache import Entry, held_body, locality_slots, pathway_slots

router = APIRouter(tags=["exports"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
LangQuery = Annotated[
    Lang | None, Query(description="`nb` or `nn`; else Accept-Language, else the default.")
]
Format = Literal["json", "csv", "xlsx", "hsds", "fhir"]

CSV = "text/csv; charset=utf-8"
FHIR_JSON = "application/fhir+json"
HTML = "text/html; charset=utf-8"


def _lang(request: Request, lang: Lang | None) -> str:
    return resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )


def _respond(
    request: Request,
    held: Entry,
    media_type: str,
    lang: str,
    *,
    compress: bool = True,
    headers: dict[str, str] | None = None,
) -> Response:
    """The held bytes (gzip or Brotli when the client asks: each coding its own ETag), public
    caching, and 304 for a current If-None-Match."""
    coding = choose_coding(request.headers.get("accept-encoding")) if compress else None
    body, tag = held.representation(coding)
    all_headers = {
        "ETag": tag,
        "Cache-Control": cache_control(request),
        "Vary": "Accept, Accept-Language, Accept-Encoding",
        "Content-Language": lang,
        **(headers or {}),
    }
    if coding is not None:
        all_headers["Content-Encoding"] = coding
    if not_modified(request, tag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, media_type=media_type, headers=all_headers)


# What each read is held under in the read cache (the fast path asks for the same keys).
def service_map_key(
    code: str, lang: str, fmt: Format, page: int, per_page: int
) -> tuple[str | int, ...]:
    paging = (page, per_page) if fmt == "hsds" else ()
    return ("service-map", code, lang, fmt, *paging)


def plan_key(code: str, slug: str, lang: str) -> tuple[str, ...]:
    return ("fhir-plan", code, slug, lang)


def embed_key(code: str, slug: str, lang: str, collapsed: bool) -> tuple[str | bool, ...]:
    return ("embed", code, slug, lang, collapsed)


def format_for(requested: Format | None, accept: str) -> Format:
    """The format asked for, else the one `Accept` names, else JSON."""
    if requested is not None:
        return requested
    if "text/csv" in accept:
        return "csv"
    if XLSX in accept:
        return "xlsx"
    if FHIR_JSON in accept:
        return "fhir"
    return "json"


@router.get(
    "/localities/{code}/service-map",
    operation_id="get_service_map",
    summary="Who does what in a locality (JSON, CSV, Open Referral HSDS 3.0 or FHIR)",
    response_model=ServiceMap | HsdsPage,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
                FHIR_JSON: {"schema": {"type": "object"}},
            },
            "description": "JSON by default; `format=csv` (or `Accept: text/csv`) one row per "
            "service type × pathway, UTF-8 with BOM, comma-separated (RFC 4180, for scripts); "
            "`format=xlsx` the same rows as an Excel workbook (opens cleanly in Norwegian "
            "Excel, which expects `;` in CSV); `format=hsds` HSDS 3.0 services in the HSDS "
            "paged wrapper; `format=fhir` a Bundle of Organizations and HealthcareServices.",
        },
        **problem_responses(404, 422),
    },
)
def get_service_map(
    request: Request,
    session: SessionDep,
    code: CodePath,
    format: Annotated[
        Format | None,
        Query(description="`json`, `csv`, `xlsx`, `hsds` or `fhir`; else by Accept."),
    ] = None,
    lang: LangQuery = None,
    page: Annotated[
        int, Query(ge=1, le=2**31 - 1, description="HSDS only: page number, from 1.")
    ] = 1,
    per_page: Annotated[int, Query(ge=1, le=500, description="HSDS only: page size.")] = 50,
) -> Response:
    lang_code = _lang(request, lang)
    fmt = format_for(format, request.headers.get("accept", ""))
    held = hold_service_map(session, code, lang_code, fmt, page, per_page)
    session.close()
    return respond_service_map(request, held, fmt, code, lang_code)


def hold_service_map(
    session: Session, code: str, lang_code: str, fmt: Format, page: int, per_page: int
) -> Entry:
    """The service map's bytes as held, else built and held (here and on the fast path)."""

    def build() -> tuple[bytes, list[datetime | None]]:
        if fmt == "json":  # assembled from per-pathway parts: a write rebuilds only its own
            return map_parts.service_map_json(session, code=code, lang=lang_code)
        found = content.service_map(session, code=code, lang=lang_code)
        if fmt == "csv":
            body = service_map.to_csv(found)
        elif fmt == "xlsx":
            body = service_map.to_excel(found)
        elif fmt == "hsds":
            body = to_json_bytes(hsds.page(found, page_number=page, per_page=per_page))
        elif fmt == "fhir":
            body = to_json_bytes(fhir.service_map_bundle(found))
        else:
            body = service_map.to_json(found)
        return body, found.valid_froms

    key = service_map_key(code, lang_code, fmt, page, per_page)
    return held_body(session, key, locality_slots(code), build)


def respond_service_map(
    request: Request, held: Entry, fmt: Format, code: str, lang_code: str
) -> Response:
    """The service map's answer for its held bytes (here and on the fast path)."""
    media, extra = {
        "csv": (CSV, {"Content-Disposition": f'attachment; filename="service-map-{code}.csv"'}),
        "xlsx": (XLSX, {"Content-Disposition": f'attachment; filename="service-map-{code}.xlsx"'}),
        "hsds": ("application/json", {}),
        "fhir": (FHIR_JSON, {}),
        "json": ("application/json", {}),
    }[fmt]
    # An xlsx workbook is a zip already: compressing it again gains nothing.
    return _respond(request, held, media, lang_code, compress=fmt != "xlsx", headers=extra)


@router.get(
    "/localities/{code}/pathways/{slug}/fhir",
    operation_id="get_pathway_fhir",
    summary="The merged pathway as a FHIR R4 PlanDefinition",
    responses={
        200: {"content": {FHIR_JSON: {"schema": {"type": "object"}}}, "description": "OK"},
        **problem_responses(404, 422),
    },
)
def get_pathway_fhir(
    request: Request, session: SessionDep, code: CodePath, slug: SlugPath, lang: LangQuery = None
) -> Response:
    lang_code = _lang(request, lang)
    held = hold_plan(session, code, slug, lang_code)
    session.close()
    return respond_plan(request, held, lang_code)


def hold_plan(session: Session, code: str, slug: str, lang_code: str) -> Entry:
    """The PlanDefinition's bytes as held, else built and held (here and on the fast path)."""

    def build() -> tuple[bytes, list[datetime | None]]:
        view = content.merged_pathway(session, code=code, slug=slug, lang=lang_code)
        return to_json_bytes(fhir.plan_definition(view)), view.valid_froms

    return held_body(session, plan_key(code, slug, lang_code), pathway_slots(code, slug), build)


def respond_plan(request: Request, held: Entry, lang_code: str) -> Response:
    """The PlanDefinition's answer for its held bytes (here and on the fast path)."""
    return _respond(request, held, FHIR_JSON, lang_code)


@router.get(
    "/localities/{code}/pathways/{slug}/embed",
    operation_id="get_pathway_embed",
    summary="The merged pathway as a self-contained, script-free HTML fragment",
    description="A table of contents with anchors (`#forlop-{slug}-{code}-{service_type}`) "
    "and one collapsible `<details>` per service; no scripts, no fonts, styles scoped to "
    "`.forlop-embed`.",
    response_class=Response,
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "OK"},
        **problem_responses(404, 422),
    },
)
def get_pathway_embed(
    request: Request,
    session: SessionDep,
    code: CodePath,
    slug: SlugPath,
    lang: LangQuery = None,
    collapsed: Annotated[
        bool,
        Query(description="Start with every service's part folded (an accordion); else open."),
    ] = False,
) -> Response:
    lang_code = _lang(request, lang)
    held = hold_embed(session, code, slug, lang_code, collapsed)
    session.close()
    return respond_embed(request, held, lang_code)


def hold_embed(session: Session, code: str, slug: str, lang_code: str, collapsed: bool) -> Entry:
    """The embed's bytes as held, else built and held (here and on the fast path)."""

    def build() -> tuple[bytes, list[datetime | None]]:
        view = content.merged_pathway(session, code=code, slug=slug, lang=lang_code)
        return embed.fragment(view, collapsed=collapsed).encode("utf-8"), view.valid_froms

    key = embed_key(code, slug, lang_code, collapsed)
    return held_body(session, key, pathway_slots(code, slug), build)


def respond_embed(request: Request, held: Entry, lang_code: str) -> Response:
    """The embed's answer for its held bytes (here and on the fast path)."""
    return _respond(request, held, HTML, lang_code, headers={"X-Content-Type-Options": "nosniff"})
