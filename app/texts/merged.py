"""Merged content: the one read of "these pathways as this locality sees them", and the views.

Every reader of merged content calls the family at the top (`current`, `current_all`,
`merge`, `merge_all`): the merged views below, the service map and the pathway exports
(`app.exports.content`: HSDS, FHIR, the embed), the map (`app.maps.service`), search
(`app.search.visible`) and the round's workbook (`app.rounds.workbook_service`). They
read the layer snapshots when those are whole and the history otherwise (drafts, moments
before a snapshot was built, a snapshot behind its revisions), in a fixed number of
queries; the merge itself is the pure core `app.texts.merge`.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.catalog.lookups import (
    ServiceTypeRow,
    UnitRow,
    name_in,
    pathway_service_types,
    service_types_by_code,
)
from app.core.auth import Principal, authorize
from app.core.errors import NotFound, Unprocessable
from app.core.http import etag_of, to_json_bytes
from app.core.i18n import negotiate
from app.core.pagination import decode_cursor, encode_cursor
from app.localities.lookups import LocalityRow, chain_or_404
from app.models import Pathway
from app.models.base import SECTION_LABELS, Role, utcnow
from app.pathways import service as pathways_service
from app.pathways.lookups import (
    PathwayRow,
    pathways_by_status,
    title_in,
)
from app.pathways.schemas import PathwayUpdate
from app.texts import freshness, held_shapes, queries, snapshots
from app.texts.markdown import html_of
from app.texts.merge import (
    MergedService,
    MergedSlot,
    merge_pathway,
)
from app.texts.queries import CurrentRows
from app.texts.read_cache import expiry_of, get_cache

LANGS = ("nb", "nn")

# A chain's layers as the reads take them: (locality id, code), region first.
Layers = Sequence[tuple[int, str]]


def layers_of(chain: Sequence[LocalityRow]) -> list[tuple[int, str]]:
    return [(loc.id, loc.code) for loc in chain]


def current(
    session: Session,
    pathway_id: int,
    layers: Layers,
    *,
    at: datetime,
    preview: bool = False,
    links: bool = False,
    texts: str = "all",
    latest: bool = False,
) -> CurrentRows:
    """The layers' current entries and marks of one pathway at `at`.

    From the snapshots when they are whole, else (and always for drafts) from the
    history. `links`: the map's read, which needs the links section too; the snapshots
    hold the text sections only, so it reads the history. `texts="links"` reads the
    winners' texts for the links section only (whether another section has text is
    enough for the map). `latest`: `at` is now, and may move to a snapshot built since
    (`snapshots.read`).
    """
    if not preview and not links and texts == "all":
        found = snapshots.read(session, [pathway_id], layers, at=at, latest=latest).get(pathway_id)
        if found is not None:
            return found
    return queries.load_current(session, pathway_id, layers, at=at, preview=preview, texts=texts)


def current_all(
    session: Session,
    pathway_ids: Sequence[int],
    layers: Layers,
    *,
    at: datetime,
    preview: bool = False,
    latest: bool = False,
) -> dict[int, CurrentRows]:
    """`current` for many pathways: their snapshots in one or two queries, and the history
    only for pathways whose snapshots are missing or behind."""
    found = {} if preview else snapshots.read(session, pathway_ids, layers, at=at, latest=latest)
    return {
        p: found.get(p) or queries.load_current(session, p, layers, at=at, preview=preview)
        for p in pathway_ids
    }


@dataclass(frozen=True, slots=True)
class Merged:
    """One pathway merged for a chain: its services, and what they were merged from."""

    services: list[MergedService]
    types: list[ServiceTypeRow]  # the pathway's own service types, in its order
    rows: CurrentRows
    # Each service's sections as view JSON, per language, made once (`sections_json`).
    written: dict[str, list[bytes]] = field(default_factory=dict, compare=False)

    @property
    def order(self) -> list[str]:
        return [t.code for t in self.types]

    def sections_json(self, lang: str) -> list[bytes]:
        """Each service's `sections` as a view writes them. Most of a view's bytes: a merge
        held for many localities (`held_merge`) writes them once for all of them."""
        found = self.written.get(lang)
        if found is None:
            found = self.written[lang] = [
                to_json_bytes([_section_json(key, slot, lang) for key, slot in service.sections])
                for service in self.services
            ]  # a race writes the same bytes twice, harmlessly
        return found


def merge(
    session: Session,
    pathway_id: int,
    chain: Sequence[LocalityRow],
    *,
    lang: str,
    at: datetime,
    preview: bool = False,
    include_hidden: bool = False,
    rows: CurrentRows | None = None,
    latest: bool = False,
    types: list[ServiceTypeRow] | None = None,
) -> Merged:
    """The pathway as the chain's last locality sees it at `at` (drafts too in preview;
    `latest`: `at` is now, see `current`; `types`: the pathway's, when the caller holds them)."""
    if rows is None:
        rows = current(session, pathway_id, layers_of(chain), at=at, preview=preview, latest=latest)
    if types is None:
        types = pathway_service_types(session, pathway_id)
    services = merge_pathway(
        [loc.code for loc in chain],
        rows.current,
        [t.code for t in types],
        lang,
        marks=rows.marks,
        include_hidden=include_hidden,
    )
    return Merged(services, types, rows)


def merge_all(
    session: Session,
    pathway_ids: Sequence[int],
    chain: Sequence[LocalityRow],
    *,
    lang: str,
    at: datetime,
    preview: bool = False,
    include_hidden: bool = False,
    latest: bool = False,
) -> dict[int, Merged]:
    """`merge` for many pathways, their rows read together (`current_all`)."""
    loaded = current_all(
        session, pathway_ids, layers_of(chain), at=at, preview=preview, latest=latest
    )
    return {
        p: merge(session, p, chain, lang=lang, at=at, include_hidden=include_hidden, rows=rows)
        for p, rows in loaded.items()
    }


def held_merge(
    session: Session,
    pathway: PathwayRow,
    layers: list[LocalityRow],
    *,
    lang: str,
    include_hidden: bool = False,
) -> Merged:
    """`merge` now, held per process and shared by every locality whose layers that hold
    text of the pathway are the same (`held_shapes.layers_with_text`): after a region's
    write, one merge serves every municipality that only inherits the pathway, instead of
    one each. Held while none of those layers' slots (and `GLOBAL`) moved and no scheduled
    revision took effect. Views of now only (`build_view`); a pathway's PATCH builds its
    answer after its commit."""
    shared = held_shapes.layers_with_text(session, pathway, layers)
    cache = get_cache()
    key = ("merge", pathway.id, tuple(loc.id for loc in shared), lang, include_hidden)
    token = cache.token(freshness.of_layers([loc.code for loc in shared], pathway.slug))
    held = cache.get(key, token)
    if held is not None:
        found: Merged = held.value
        return found
    now = utcnow()
    found = merge(
        session, pathway.id, shared, lang=lang, at=now, include_hidden=include_hidden,
        latest=True, types=held_shapes.pathway_types(session, pathway.id),
    )  # fmt: skip
    size = 2 * sum(  # twice: the sections' JSON is held beside them (`sections_json`)
        len(slot.text or "") + len(slot.html or "") + 200
        for service in found.services
        for _, slot in service.sections
    )
    cache.put(
        key, body=b"", etag="", token=token, value=found, size=size,
        expires_at=expiry_of(list(found.rows.valid_froms), now=now),
    )  # fmt: skip
    return found


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


def _check_preview(principal: Principal | None, chain: list[LocalityRow]) -> None:
    authorize(principal, Role.reader, [loc.code for loc in chain])


def slot_fields(slot: MergedSlot) -> dict[str, Any]:
    """A merged text with its provenance, as every public read writes it (a view's
    sections, the service map's role and referral)."""
    return {
        "text": slot.text,
        "html": html_of(slot.text, slot.html),
        "lang": slot.lang,
        "origin": slot.origin,
        # Provenance is a dataclass of exactly these four fields: orjson writes it as is.
        "layers": slot.layers,
        "stale": slot.stale,
        "hidden": slot.hidden,
    }


def _section_json(key: str, slot: MergedSlot, lang: str) -> dict[str, Any]:
    return {
        "key": key,
        "label": SECTION_LABELS[key][lang],
        **slot_fields(slot),
        "needs_local_adaptation": slot.needs_local_adaptation,
    }


def _unit_json(unit: UnitRow) -> dict[str, Any]:
    return {
        "name": unit.name,
        "phone": unit.phone,
        "email": unit.email,
        "url": unit.url,
        "visiting_address": unit.visiting_address,
    }


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
    chain = held_shapes.locality_chain(session, code)
    if preview:
        _check_preview(principal, chain)
    # The pathways, their service types and the units, as held (`held_shapes`).
    pathway = held_shapes.pathway_for_view(session, slug, preview=preview)
    # The pathway's own chain: its owner's base layer, then the locality's layers below
    # the owner or below the adopter (app/adoptions).
    layers = held_shapes.pathway_layers(session, pathway.id, slug, chain)
    now = utcnow()
    if preview or as_of is not None:
        merged = merge(
            session, pathway.id, layers, lang=lang, at=as_of or now, preview=preview,
            include_hidden=include_hidden, types=held_shapes.pathway_types(session, pathway.id),
        )  # fmt: skip
    else:
        merged = held_merge(session, pathway, layers, lang=lang, include_hidden=include_hidden)
    types, services = merged.types, merged.services
    valid_froms = list[datetime | None](merged.rows.valid_froms)
    by_code = {t.code: t for t in types}
    extra = [s.service_type for s in services if s.service_type not in by_code]
    by_code.update(service_types_by_code(session, extra))
    units: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for unit in held_shapes.units_at(session, chain):
        units[unit.service_type_id].append(_unit_json(unit))
    target = chain[-1]
    head = {
        "pathway": {
            "slug": pathway.slug,
            "title": title_in(pathway, lang),
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
    }
    own = {t.code for t in types}
    # Each service's JSON object, its `sections` last and written by the merge; the view's
    # object with `services` last: the very bytes of writing it all at once.
    written = [
        _spliced(
            {
                "service_type": {"code": st.code, "name": name_in(st, lang), "level": st.level},
                "local_only": service.service_type not in own,
                "hidden": service.hidden,
                "units": units.get(st.id, []),
            },
            "sections",
            sections,
        )
        for service, sections in zip(services, merged.sections_json(lang), strict=True)
        for st in (by_code[service.service_type],)
    ]
    data = _spliced(head, "services", b"[" + b",".join(written) + b"]")
    return BuiltView(data, etag_of(data), None if as_of else expiry_of(valid_froms, now=now))


def _spliced(fields: dict[str, Any], name: str, value: bytes) -> bytes:
    """`fields` as a JSON object with `name` last, whose value is the JSON `value`."""
    start = to_json_bytes(fields)
    return b"%b,%b:%b}" % (start[:-1], to_json_bytes(name), value)


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
    chain = chain_or_404(session, code)
    if preview:
        _check_preview(principal, chain)
    after = decode_cursor(cursor)
    if after is not None and not isinstance(after, str):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    statuses = ["published", "draft"] if preview else ["published"]
    in_use = adoption_queries.layers_by_pathway(session, chain)
    candidates = [p for p in pathways_by_status(session, statuses=statuses) if p.id in in_use]
    with_hides = queries.pathways_with_hides(session, [loc.id for loc in chain])
    now = utcnow()
    items: list[dict[str, Any]] = []
    next_cursor = None
    for pathway in candidates:
        if after is not None and pathway.slug <= after:
            continue
        if pathway.id in with_hides and not _in_use(
            session, pathway, in_use[pathway.id], lang, now, preview
        ):
            continue
        if len(items) == limit:
            next_cursor = encode_cursor(items[-1]["slug"])
            break
        items.append(
            {
                "slug": pathway.slug,
                "title": title_in(pathway, lang),
                "summary": pathway.summary_in(lang),
                "status": pathway.status,
                "updated_at": pathway.updated_at,
            }
        )
    return items, next_cursor


def _in_use(
    session: Session,
    pathway: PathwayRow,
    chain: list[LocalityRow],
    lang: str,
    at: datetime,
    preview: bool,
) -> bool:
    """Whether the pathway shows anything in the chain (it is not wholly hidden)."""
    return bool(merge(session, pathway.id, chain, lang=lang, at=at, preview=preview).services)


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
