"""Use-cases of the map: one pathway in one locality, and the findings of a whole subtree."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.adoptions.core import layers_for
from app.catalog.lookups import (
    ServiceTypeRow,
    UnitRow,
    all_service_types,
    pathway_service_types,
    units_for,
)
from app.core.auth import Principal, authorize
from app.core.errors import Unprocessable
from app.core.pagination import decode_cursor, encode_cursor
from app.localities.lookups import LocalityRow, chain_or_404, load_tree
from app.maps import assemble, findings_cache
from app.models import ServiceUnit, ServiceUnitCatchment
from app.models.base import Role, utcnow
from app.pathways.lookups import PathwayRow, pathway_or_404, pathways_by_status, title_in
from app.texts import merged

_SERVICE_UNIT: Any = ServiceUnit.__table__.c  # type: ignore[attr-defined]
_SERVICE_UNIT_CATCHMENT: Any = ServiceUnitCatchment.__table__.c  # type: ignore[attr-defined]


@dataclass(frozen=True)
class MapContext:
    """Everything one locality's map of one pathway is built from."""

    chain: list[LocalityRow]
    pathway: PathwayRow
    order: list[str]
    types: dict[str, ServiceTypeRow]
    units: dict[int, list[UnitRow]]
    lang: str
    data: assemble.MapData
    # Every valid_from among the rows read: a held map expires at the next one.
    valid_froms: list[datetime | None] = field(default_factory=list)

    @property
    def locality(self) -> LocalityRow:
        return self.chain[-1]


def unit_types(session: Session) -> set[int]:
    """Service types the region registers units of somewhere."""
    return {r[0] for r in session.execute(select(_SERVICE_UNIT.service_type_id).distinct()).all()}


def pathway_json(pathway: PathwayRow, lang: str) -> dict[str, Any]:
    """The pathway's head, as maps and walks show it."""
    return {"slug": pathway.slug, "title": title_in(pathway, lang), "status": pathway.status}


def locality_json(chain: list[LocalityRow]) -> dict[str, Any]:
    """The locality's head with its chain."""
    loc = chain[-1]
    return {"code": loc.code, "name": loc.name, "kind": loc.kind, "chain": [c.code for c in chain]}


def load_context(
    session: Session,
    *,
    code: str,
    slug: str,
    lang: str,
    preview: bool = False,
    principal: Principal | None = None,
    texts: bool = False,
) -> MapContext:
    """Load and merge one pathway's map for one locality in a fixed number of queries."""
    chain = chain_or_404(session, code)
    if preview:
        authorize(principal, Role.reader, [loc.code for loc in chain])
    pathway = pathway_or_404(session, slug, preview=preview)
    order = [t.code for t in pathway_service_types(session, pathway.id)]
    types = all_service_types(session)
    now = utcnow()
    layers = adoptions.layers_or_404(session, pathway.id, slug, chain)
    # The map needs to know only whether a slot has text; links always come with theirs.
    loaded = merged.current(
        session,
        pathway.id,
        merged.layers_of(layers),
        at=now,
        preview=preview,
        links=True,
        texts="all" if texts else "links",
    )
    data = assemble.split(loaded.current, loaded.marks)
    units: dict[int, list[UnitRow]] = defaultdict(list)
    for unit in units_for(session, chain):
        units[unit.service_type_id].append(unit)
    built = assemble.build(
        [loc.code for loc in layers], data, order, types, units, unit_types(session), lang
    )
    return MapContext(layers, pathway, order, types, units, lang, built, list(loaded.valid_froms))


def map_json(ctx: MapContext) -> dict[str, Any]:
    """The map as JSON-ready data."""
    return assemble.to_json(
        ctx.data,
        pathway=pathway_json(ctx.pathway, ctx.lang),
        locality=locality_json(ctx.chain),
        lang=ctx.lang,
        types=ctx.types,
        units=ctx.units,
        region=ctx.chain[0].code,
    )


def pathway_map(
    session: Session,
    *,
    code: str,
    slug: str,
    lang: str,
    preview: bool = False,
    principal: Principal | None = None,
) -> dict[str, Any]:
    """`GET …/pathways/{slug}/map`: nodes, edges, entry points and findings."""
    ctx = load_context(
        session, code=code, slug=slug, lang=lang, preview=preview, principal=principal
    )
    return map_json(ctx)


def _all_units(
    session: Session,
) -> tuple[list[tuple[int, int, UnitRow]], dict[int, set[int]]]:
    """Every unit as (id, locality id, row), and the catchments by locality — two queries."""
    rows = session.execute(
        select(
            _SERVICE_UNIT.id,
            _SERVICE_UNIT.locality_id,
            _SERVICE_UNIT.service_type_id,
            _SERVICE_UNIT.name,
            _SERVICE_UNIT.phone,
            _SERVICE_UNIT.email,
            _SERVICE_UNIT.url,
            _SERVICE_UNIT.visiting_address,
        ).order_by(_SERVICE_UNIT.name, _SERVICE_UNIT.id)
    ).all()
    units = [(r[0], r[1], UnitRow(*r[2:])) for r in rows]
    caught: dict[int, set[int]] = defaultdict(set)
    for unit_id, loc_id in session.execute(
        select(_SERVICE_UNIT_CATCHMENT.unit_id, _SERVICE_UNIT_CATCHMENT.locality_id)
    ).all():
        caught[loc_id].add(unit_id)
    return units, caught


def page_overview(
    items: list[dict[str, Any]],
    *,
    severities: Collection[str] | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of overview items by (municipality, pathway), after the cursor.

    With `severities`, an item keeps only findings of those severities, and an item left
    with none is not listed: the overview then shows what needs attention, and nothing else.
    """
    after = decode_cursor(cursor)
    if after is not None and not (
        isinstance(after, list) and len(after) == 2 and all(isinstance(k, str) for k in after)
    ):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    page: list[dict[str, Any]] = []
    for item in sorted(items, key=_overview_key):
        if after is not None and _overview_key(item) <= tuple(after):
            continue
        if severities is not None:
            kept = [f for f in item["findings"] if f["severity"] in severities]
            if not kept:
                continue
            item = {**item, "findings": kept}
        if len(page) == limit:
            return page, encode_cursor(list(_overview_key(page[-1])))
        page.append(item)
    return page, None


def _overview_key(item: dict[str, Any]) -> tuple[str, str]:
    return item["municipality"]["code"], item["pathway"]["slug"]


def findings_overview(
    session: Session,
    *,
    code: str,
    lang: str,
    severities: Collection[str] | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Findings per municipality × pathway under a locality, a page at a time. `totals`
    count every finding under the locality, whatever the filter. The whole overview is
    built once and held while content is unchanged (`app.maps.findings_cache`)."""
    decode_cursor(cursor)  # a damaged cursor is a 422 before any work
    top = chain_or_404(session, code)
    now = utcnow()
    whole: _Overview = findings_cache.held(
        session,
        ("findings", top[-1].code, lang),
        lambda: _whole_overview(session, top, lang=lang, now=now),
        now=now,
    )
    page, next_cursor = page_overview(
        whole.items, severities=severities, limit=limit, cursor=cursor
    )
    return {
        "locality": locality_json(top),
        "lang": lang,
        "municipalities": whole.municipalities,
        "pathways": whole.pathways,
        "totals": dict(whole.totals),
        "items": page,
        "next_cursor": next_cursor,
    }


@dataclass(frozen=True, slots=True)
class _Overview:
    """Every item of an overview, before the filter and the page (shared: read only)."""

    items: list[dict[str, Any]]
    municipalities: int
    pathways: list[str]
    totals: dict[str, int]


def _whole_overview(
    session: Session, top: list[Any], *, lang: str, now: datetime
) -> tuple[_Overview, list[datetime]]:
    """Every item under `top`, and the future valid_froms of the rows read; one rows
    query per pathway."""
    tree = load_tree(session)
    by_id, chain_ids = tree.by_id, tree.chain_ids
    subtree = tree.subtree_ids(top[-1].id)
    municipalities = sorted(
        (by_id[i] for i in subtree if by_id[i].kind == "municipality"), key=lambda r: r.code
    )
    owners = adoption_queries.owner_ids(session)
    adopted = adoption_queries.every_adoption(session)
    layers = [
        (i, by_id[i].code)
        for i in sorted({i for m in municipalities for i in chain_ids(m.id)} | set(owners.values()))
    ]
    types = all_service_types(session)
    all_units, catchments = _all_units(session)
    expected = {u.service_type_id for _, _, u in all_units}
    pathways = pathways_by_status(session, statuses=["published"])
    items = []
    future: list[datetime] = []
    totals = {"problem": 0, "warning": 0, "info": 0}
    unit_cache: dict[int, dict[int, list[UnitRow]]] = {}
    for m in municipalities:
        ids = set(chain_ids(m.id))
        caught = catchments.get(m.id, set())
        visible: dict[int, list[UnitRow]] = defaultdict(list)
        for unit_id, loc_id, unit in all_units:
            if loc_id in ids or unit_id in caught:
                visible[unit.service_type_id].append(unit)
        unit_cache[m.id] = visible
    for pathway in pathways:
        order = [t.code for t in pathway_service_types(session, pathway.id)]
        loaded = merged.current(session, pathway.id, layers, at=now, links=True, texts="links")
        future.extend(loaded.valid_froms)
        data = assemble.split(loaded.current, loaded.marks)
        owner = by_id[owners[pathway.id]]
        for m in municipalities:
            # The pathway's layers for m: its owner's base layer first (app/adoptions).
            path_chain = layers_for(
                [by_id[i] for i in chain_ids(m.id)], owner, adopted.get(pathway.id, ())
            )
            if path_chain is None:
                continue
            chain_codes = [loc.code for loc in path_chain]
            built = assemble.build(
                chain_codes, data, order, types, unit_cache[m.id], expected, lang
            )
            if not built.in_use:
                continue
            counts = {"problem": 0, "warning": 0, "info": 0}
            for f in built.findings:
                counts[f.severity] += 1
                totals[f.severity] += 1
            items.append(
                {
                    "municipality": {"code": m.code, "name": m.name},
                    "pathway": pathway_json(pathway, lang),
                    "counts": counts,
                    "findings": [f.as_json() for f in built.findings],
                }
            )
    overview = _Overview(items, len(municipalities), [p.slug for p in pathways], totals)
    return overview, future
