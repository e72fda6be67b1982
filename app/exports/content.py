"""What the exports show: a locality's service map, and a pathway merged with its units.

HSDS, FHIR, the embed and the service map's own formats are built from these. The merged
content comes from `app.texts.merged` (the one merged read, which every view uses too);
this module adds the units and service types and, for the map, merges role and referral
per service with the pure core `app.texts.merge`. Calls go one way: exports → texts.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.catalog.lookups import ServiceTypeInfo, Unit, pathway_orders, service_types
from app.catalog.lookups import visible_units as units
from app.core.errors import NotFound
from app.localities.lookups import LocalityRow, chain_or_404
from app.models import Pathway
from app.models.base import utcnow
from app.pathways.lookups import PathwayRow, pathway_by_slug, pathways_by_status, title_in
from app.texts import merged
from app.texts.merge import (
    SECTIONS,
    MergedService,
    MergedSlot,
    merge_slot,
    service_types_in_view,
)

# Column handles, typed loosely: SQLModel's class attributes are not Core columns to mypy.
_pathway: Any = Pathway.__table__.c  # type: ignore[attr-defined]

MAP_SECTIONS = ("role", "referral")
# What a pathway shows of a service type: a MapEntry, or its JSON (app/exports/map_parts.py).
_Shown = TypeVar("_Shown")


@dataclass(frozen=True, slots=True)
class MapEntry:
    """One service type in one pathway of the map: its merged role and referral."""

    slug: str
    title: str
    status: str
    role: MergedSlot
    referral: MergedSlot


@dataclass(slots=True)
class MapService:
    service_type: ServiceTypeInfo
    units: list[Unit] = field(default_factory=list)
    pathways: list[MapEntry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ServiceMapData:
    chain: list[LocalityRow]
    lang: str
    services: list[MapService]
    pathways: list[PathwayRow]
    # Every valid_from among the rows read: a held copy expires at the next one.
    valid_froms: list[datetime | None] = field(default_factory=list)

    @property
    def locality(self) -> LocalityRow:
        return self.chain[-1]


def pathway_entries(
    pathway: PathwayRow,
    layers: list[LocalityRow],
    rows: Any,
    order_ids: list[int],
    types: dict[int, ServiceTypeInfo],
    lang: str,
) -> list[tuple[str, MapEntry]]:
    """What one pathway adds to a service map: its role and referral per service type it
    shows along `layers` (its chain here, the owner's base layer first), in its order."""
    chain_codes = [loc.code for loc in layers]
    known = {t.code for t in types.values()}
    current, marks = rows.current, rows.marks
    title = title_in(pathway, lang)
    order = [types[i].code for i in order_ids]
    entries: list[tuple[str, MapEntry]] = []
    for st_code in service_types_in_view(chain_codes, current, order):
        if st_code not in known:
            continue
        role, referral = (
            merge_slot(chain_codes, current, st_code, sec, lang, marks=marks)
            for sec in MAP_SECTIONS
        )
        # Wholly hidden needs something hidden and nothing shown: only where role and
        # referral show nothing can the other four sections decide.
        if (role.hidden or role.empty) and (referral.hidden or referral.empty):
            whole = MergedService(
                st_code,
                tuple(
                    (sec, merge_slot(chain_codes, current, st_code, sec, lang)) for sec in SECTIONS
                ),
            )
            nothing = all(slot.empty for _, slot in whole.sections)
            if whole.hidden or (nothing and st_code not in order):
                continue
        entries.append((st_code, MapEntry(pathway.slug, title, pathway.status, role, referral)))
    return entries


def service_map(session: Session, *, code: str, lang: str) -> ServiceMapData:
    """Who does what in a locality: present service types, units, role and referral per pathway.

    A service type is present when some published pathway shows it there (not wholly
    hidden) or when it has a unit there and takes part in no pathway shown there.
    """
    chain = chain_or_404(session, code)
    now = utcnow()
    # Each pathway in use here with its layers (the owner's base layer first, app/adoptions).
    in_use = adoption_queries.layers_by_pathway(session, chain)
    pathways = [p for p in pathways_by_status(session, statuses=["published"]) if p.id in in_use]
    types = service_types(session)
    orders = pathway_orders(session, [p.id for p in pathways])
    by_layers: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for p in pathways:
        by_layers[tuple(loc.id for loc in in_use[p.id])].append(p.id)
    currents: dict[int, Any] = {}
    for ids in by_layers.values():
        layers = merged.layers_of(in_use[ids[0]])
        currents.update(merged.current_all(session, ids, layers, at=now, latest=True))
    found: dict[str, list[MapEntry]] = {}
    for pathway in pathways:
        for st_code, entry in pathway_entries(
            pathway, in_use[pathway.id], currents[pathway.id], orders.get(pathway.id, []),
            types, lang,
        ):  # fmt: skip
            found.setdefault(st_code, []).append(entry)
    services = [
        MapService(st, list(st_units), entries)
        for st, st_units, entries in arrange(found, types, orders, units(session, chain))
    ]
    valid_froms: list[datetime | None] = [v for p in pathways for v in currents[p.id].valid_froms]
    return ServiceMapData(
        chain=chain, lang=lang, services=services, pathways=pathways, valid_froms=valid_froms
    )


def arrange(
    found: dict[str, list[_Shown]],
    types: dict[int, ServiceTypeInfo],
    orders: dict[int, list[int]],
    all_units: Sequence[Unit],
) -> list[tuple[ServiceTypeInfo, list[Unit], list[_Shown]]]:
    """The service types of a map in order, each with its units and what the pathways show
    of it (`found`, by service type code): present when some pathway shows it, or when it
    has a unit here and takes part in no pathway shown here."""
    by_code = {t.code: t for t in types.values()}
    services: dict[str, tuple[ServiceTypeInfo, list[Unit], list[_Shown]]] = {
        code: (by_code[code], [], shown) for code, shown in found.items()
    }
    in_any_pathway = {types[i].code for ids in orders.values() for i in ids}
    for unit in all_units:
        st = types[unit.service_type_id]
        if st.code not in services and st.code not in in_any_pathway:
            services[st.code] = (st, [], [])
    for unit in all_units:
        service = services.get(types[unit.service_type_id].code)
        if service is not None:
            service[1].append(unit)
    return sorted(services.values(), key=lambda s: (_LEVEL_ORDER.get(s[0].level, 9), s[0].code))


_LEVEL_ORDER = {"municipal": 0, "specialist": 1, "state": 2, "other": 3}


@dataclass(frozen=True, slots=True)
class MergedPathway:
    """One pathway merged for a locality (published content, now)."""

    pathway: PathwayRow
    chain: list[LocalityRow]
    lang: str
    services: list[MergedService]
    types: dict[str, ServiceTypeInfo]
    units: dict[int, list[Unit]]
    latest_revision_at: datetime | None
    target_group: str  # in `lang`, nynorsk falling back to bokmål
    valid_froms: list[datetime | None] = field(default_factory=list)


def merged_pathway(session: Session, *, code: str, slug: str, lang: str) -> MergedPathway:
    """The published pathway as the locality sees it, with its units; 404 when unknown."""
    chain = chain_or_404(session, code)
    pathway = pathway_by_slug(session, slug)
    if pathway is None or pathway.status == "draft":
        raise NotFound(f"There is no published pathway '{slug}'.")
    now = utcnow()
    all_types = service_types(session)
    layers = adoptions.layers_or_404(session, pathway.id, slug, chain)
    content = merged.merge(session, pathway.id, layers, lang=lang, at=now, latest=True)
    services, current = content.services, content.rows.current
    types = {t.code: t for t in all_types.values()}
    by_type: dict[int, list[Unit]] = defaultdict(list)
    for unit in units(session, chain):
        by_type[unit.service_type_id].append(unit)
    used = {layer.revision for svc in services for _, slot in svc.sections for layer in slot.layers}
    times = [e.created_at for e in current.values() if e.revision in used]
    nb_group, nn_group = session.execute(
        select(_pathway.target_group, _pathway.target_group_nn).where(_pathway.id == pathway.id)
    ).one()
    target_group = nn_group if lang == "nn" and nn_group else nb_group
    return MergedPathway(
        pathway=pathway,
        chain=layers,
        lang=lang,
        services=services,
        types=types,
        units=dict(by_type),
        latest_revision_at=max(times) if times else None,
        target_group=target_group or "",
        valid_froms=list(content.rows.valid_froms),
    )
