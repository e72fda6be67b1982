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
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.catalog.lookups import (
    ServiceTypeInfo,
    Unit,
    service_types,
)
from app.catalog.lookups import visible_units as units
from app.core.errors import NotFound
from app.localities.lookups import LocalityRow, chain_or_404
from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
)
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
_locality: Any = Locality.__table__.c  # type: ignore[attr-defined]
_locality_table: Any = Locality.__table__  # type: ignore[attr-defined]
_pathway: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_pathway_type: Any = PathwayServiceType.__table__.c  # type: ignore[attr-defined]
_service_type: Any = ServiceType.__table__.c  # type: ignore[attr-defined]
_unit: Any = ServiceUnit.__table__.c  # type: ignore[attr-defined]
_catchment: Any = ServiceUnitCatchment.__table__.c  # type: ignore[attr-defined]

MAP_SECTIONS = ("role", "referral")


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


def _pathway_orders(session: Session, pathway_ids: Sequence[int]) -> dict[int, list[int]]:
    rows = session.execute(
        select(_pathway_type.pathway_id, _pathway_type.service_type_id)
        .where(_pathway_type.pathway_id.in_(list(pathway_ids)))
        .order_by(_pathway_type.pathway_id, _pathway_type.position)
    ).all()
    out: dict[int, list[int]] = defaultdict(list)
    for pathway_id, type_id in rows:
        out[pathway_id].append(type_id)
    return out


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
    code_to_type = {t.code: t for t in types.values()}
    orders = _pathway_orders(session, [p.id for p in pathways])
    by_layers: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for p in pathways:
        by_layers[tuple(loc.id for loc in in_use[p.id])].append(p.id)
    currents: dict[int, Any] = {}
    for ids in by_layers.values():
        currents.update(merged.current_all(session, ids, merged.layers_of(in_use[ids[0]]), at=now))
    services: dict[str, MapService] = {}
    for pathway in pathways:
        chain_codes = [loc.code for loc in in_use[pathway.id]]
        current, marks = currents[pathway.id].current, currents[pathway.id].marks
        title = title_in(pathway, lang)
        order = [types[i].code for i in orders.get(pathway.id, [])]
        for st_code in service_types_in_view(chain_codes, current, order):
            st = code_to_type.get(st_code)
            if st is None:
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
                        (sec, merge_slot(chain_codes, current, st_code, sec, lang))
                        for sec in SECTIONS
                    ),
                )
                nothing = all(slot.empty for _, slot in whole.sections)
                if whole.hidden or (nothing and st_code not in order):
                    continue
            svc = services.get(st_code)
            if svc is None:
                svc = services[st_code] = MapService(st)
            svc.pathways.append(MapEntry(pathway.slug, title, pathway.status, role, referral))
    in_any_pathway = {types[i].code for ids in orders.values() for i in ids}
    all_units = units(session, chain)
    for unit in all_units:
        st = types[unit.service_type_id]
        if st.code not in services and st.code not in in_any_pathway:
            services[st.code] = MapService(st)
    for unit in all_units:
        svc = services.get(types[unit.service_type_id].code)
        if svc is not None:
            svc.units.append(unit)
    ordered = sorted(
        services.values(),
        key=lambda s: (_LEVEL_ORDER.get(s.service_type.level, 9), s.service_type.code),
    )
    valid_froms: list[datetime | None] = [v for p in pathways for v in currents[p.id].valid_froms]
    return ServiceMapData(
        chain=chain, lang=lang, services=ordered, pathways=pathways, valid_froms=valid_froms
    )


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
    content = merged.merge(session, pathway.id, layers, lang=lang, at=now)  # as the views read
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
