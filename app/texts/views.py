"""Merged views: a pathway as a locality sees it, and the pathways in use there."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.core.auth import Principal, authorize
from app.core.errors import NotFound, Unprocessable
from app.core.http import etag_of, to_json_bytes
from app.core.i18n import negotiate
from app.core.pagination import decode_cursor, encode_cursor
from app.models import Pathway
from app.models.base import SECTION_LABELS, Role, utcnow
from app.pathways import service as pathways_service
from app.pathways.schemas import PathwayUpdate
from app.texts import queries, snapshots
from app.texts.cache import expiry_of
from app.texts.markdown import html_of
from app.texts.merge import (
    MergedService,
    MergedSlot,
    merge_pathway,
)

LANGS = ("nb", "nn")


@dataclass(frozen=True, slots=True)
class BuiltView:
    """A view's bytes and ETag, and when a scheduled revision will change it."""

    body: bytes
    etag: str
    expires_at: datetime | None


def resolve_lang(lang: str | None, accept_language: str | None, default: str) -> str:
    """`lang` if given, else the best of nb/nn in Accept-Language (`no` means nb), else default."""
    return negotiate(lang, accept_language, default)


def parse_as_of(value: str | None) -> datetime | None:
    """An ISO 8601 moment (naive means UTC); anything else is a 422 on `as_of`."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Unprocessable(
            "as_of must be an ISO 8601 time, e.g. 2026-05-01T00:00:00+02:00.",
            loc=["query", "as_of"],
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _pathway_title(pathway: queries.PathwayRow, lang: str) -> str:
    return pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title


def _pathway_or_404(session: Session, slug: str, *, preview: bool) -> queries.PathwayRow:
    pathway = queries.pathway_by_slug(session, slug)
    if pathway is None or (pathway.status == "draft" and not preview):
        raise NotFound(f"There is no published pathway '{slug}'.")
    return pathway


def _chain_or_404(session: Session, code: str) -> list[queries.LocalityRow]:
    chain = queries.chain_of(session, code)
    if not chain:
        raise NotFound(f"There is no locality '{code}'.")
    return chain


def _check_preview(principal: Principal | None, chain: list[queries.LocalityRow]) -> None:
    authorize(principal, Role.reader, [loc.code for loc in chain])


def _section_json(key: str, slot: MergedSlot, lang: str) -> dict[str, Any]:
    return {
        "key": key,
        "label": SECTION_LABELS[key][lang],
        "text": slot.text,
        "html": html_of(slot.text, slot.html),
        "lang": slot.lang,
        "origin": slot.origin,
        # Provenance is a dataclass of exactly these four fields: orjson writes it as is.
        "layers": slot.layers,
        "stale": slot.stale,
        "hidden": slot.hidden,
        "needs_local_adaptation": slot.needs_local_adaptation,
    }


def _unit_json(unit: queries.UnitRow) -> dict[str, Any]:
    return {
        "name": unit.name,
        "phone": unit.phone,
        "email": unit.email,
        "url": unit.url,
        "visiting_address": unit.visiting_address,
    }


def _merged(
    session: Session,
    pathway: queries.PathwayRow,
    chain: list[queries.LocalityRow],
    order: list[str],
    *,
    lang: str,
    at: datetime,
    preview: bool,
    include_hidden: bool,
) -> tuple[list[MergedService], list[datetime | None]]:
    """The merged services, and every valid_from among the rows (for cache expiry)."""
    layers = [(loc.id, loc.code) for loc in chain]
    loaded = snapshots.current(session, pathway.id, layers, at=at, preview=preview)
    services = merge_pathway(
        [loc.code for loc in chain],
        loaded.current,
        order,
        lang,
        marks=loaded.marks,
        include_hidden=include_hidden,
    )
    return services, list[datetime | None](loaded.valid_froms)


def build_view(
    session: Session,
    *,
    code: str,
    slug: str,
    lang: str,
    as_of: datetime | None = None,
    include_hidden: bool = False,
    preview: bool = False,
    principal: Principal | None = None,
) -> BuiltView:
    """The pathway merged for the locality, as JSON bytes with its ETag."""
    chain = _chain_or_404(session, code)
    if preview:
        _check_preview(principal, chain)
    pathway = _pathway_or_404(session, slug, preview=preview)
    # The pathway's own chain: its owner's base layer, then the locality's layers below
    # the owner or below the adopter (app/adoptions).
    layers = adoptions.layers_or_404(session, pathway.id, slug, chain)
    now = utcnow()
    at = as_of or now
    types = queries.pathway_service_types(session, pathway.id)
    services, valid_froms = _merged(
        session,
        pathway,
        layers,
        [t.code for t in types],
        lang=lang,
        at=at,
        preview=preview,
        include_hidden=include_hidden,
    )
    by_code = {t.code: t for t in types}
    extra = [s.service_type for s in services if s.service_type not in by_code]
    by_code.update(queries.service_types_by_code(session, extra))
    units: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for unit in queries.units_for(session, chain):
        units[unit.service_type_id].append(_unit_json(unit))
    target = chain[-1]
    body = {
        "pathway": {
            "slug": pathway.slug,
            "title": _pathway_title(pathway, lang),
            "title_nb": pathway.title,
            "title_nn": pathway.title_nn,
            "summary": pathway.summary_in(lang),
            "status": pathway.status,
            "updated_at": pathway.updated_at,
            "owner": layers[0].code,
        },
        "locality": {
            "code": target.code,
            "name": target.name,
            "kind": target.kind,
            "chain": [loc.code for loc in layers],
        },
        "lang": lang,
        "as_of": as_of,
        "preview": preview,
        "services": [
            {
                "service_type": {
                    "code": st.code,
                    "name": st.name_nn if lang == "nn" and st.name_nn else st.name,
                    "level": st.level,
                },
                "local_only": service.service_type not in {t.code for t in types},
                "hidden": service.hidden,
                "units": units.get(st.id, []),
                "sections": [_section_json(key, slot, lang) for key, slot in service.sections],
            }
            for service in services
            for st in (by_code[service.service_type],)
        ],
    }
    data = to_json_bytes(body)
    return BuiltView(data, etag_of(data), None if as_of else expiry_of(valid_froms, now=now))


def base_view(session: Session, *, slug: str, lang: str, **options: Any) -> BuiltView:
    """The owner's view of a pathway (its base text): `GET /v1/pathways/{slug}`."""
    owner = adoption_queries.owner_code(session, slug)
    if owner is None:
        raise NotFound(f"There is no published pathway '{slug}'.")
    return build_view(session, code=owner, slug=slug, lang=lang, **options)


def list_in_use(
    session: Session,
    *,
    code: str,
    lang: str,
    preview: bool,
    principal: Principal | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The pathways in use in a locality: published (drafts too in preview), not wholly hidden."""
    chain = _chain_or_404(session, code)
    if preview:
        _check_preview(principal, chain)
    after = decode_cursor(cursor)
    if after is not None and not isinstance(after, str):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    statuses = ["published", "draft"] if preview else ["published"]
    in_use = adoption_queries.layers_by_pathway(session, chain)
    candidates = [p for p in queries.pathways(session, statuses=statuses) if p.id in in_use]
    with_hides = queries.pathways_with_hides(session, [loc.id for loc in chain])
    now = utcnow()
    items: list[dict[str, Any]] = []
    next_cursor = None
    for pathway in candidates:
        if after is not None and pathway.slug <= after:
            continue
        if pathway.id in with_hides:
            order = [t.code for t in queries.pathway_service_types(session, pathway.id)]
            services, _ = _merged(
                session,
                pathway,
                in_use[pathway.id],
                order,
                lang=lang,
                at=now,
                preview=preview,
                include_hidden=False,
            )
            if not services:
                continue
        if len(items) == limit:
            next_cursor = encode_cursor(items[-1]["slug"])
            break
        items.append(
            {
                "slug": pathway.slug,
                "title": _pathway_title(pathway, lang),
                "summary": pathway.summary_in(lang),
                "status": pathway.status,
                "updated_at": pathway.updated_at,
            }
        )
    return items, next_cursor


# Whoever computes the tags may see drafts: PATCH is an admin's, whatever they last read.
_SYSTEM = Principal(name="system", role=Role.admin, scope=None)


def base_view_etags(session: Session, *, slug: str) -> list[str]:
    """The ETags of every default representation of `GET /v1/pathways/{slug}`."""
    tags = []
    for lang in ("nb", "nn"):
        for preview in (False, True):
            try:
                built = base_view(session, slug=slug, lang=lang, preview=preview, principal=_SYSTEM)
            except NotFound:  # a draft pathway has no public view
                continue
            tags.append(built.etag)
    return tags


def update_pathway(
    session: Session, *, pathway: Pathway, data: PathwayUpdate, if_match: str | None, lang: str
) -> BuiltView:
    """Change a pathway's metadata against the base view's ETag; answer with the new view."""
    tags = base_view_etags(session, slug=pathway.slug)
    session.rollback()  # the reads above must not hold a snapshot across the write
    pathways_service.update_pathway(
        session, pathway=pathway, data=data, if_match=if_match, current_etags=tags
    )
    preview = pathway.status == "draft"
    return base_view(session, slug=pathway.slug, lang=lang, preview=preview, principal=_SYSTEM)
