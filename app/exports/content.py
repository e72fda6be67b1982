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

from sqlalchemy import or_, select
from sqlmodel import Session

from app.core.errors import NotFound
from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
)
from app.models.base import utcnow
from app.texts import merged, queries
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
class ServiceTypeInfo:
    id: int
    code: str
    name: str
    name_nn: str | None
    level: str
    description: str

    def label(self, lang: str) -> str:
        return self.name_nn if lang == "nn" and self.name_nn else self.name


@dataclass(frozen=True, slots=True)
class Unit:
    """A service unit as an export shows it: who owns it and whom it also serves."""

    id: int
    service_type_id: int
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None
    locality: str
    locality_name: str
    locality_kind: str
    inherited: bool
    catchment: tuple[tuple[str, str], ...]  # (code, name) of the municipalities it also serves
    updated_at: datetime


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
    chain: list[queries.LocalityRow]
    lang: str
    services: list[MapService]
    pathways: list[queries.PathwayRow]

    @property
    def locality(self) -> queries.LocalityRow:
        return self.chain[-1]


def chain_or_404(session: Session, code: str) -> list[queries.LocalityRow]:
    """The locality's chain from the region, or 404."""
    chain = queries.chain_of(session, code)
    if not chain:
        raise NotFound(f"There is no locality '{code}'.")
    return chain


def pathway_title(pathway: queries.PathwayRow, lang: str) -> str:
    return pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title


def service_types(session: Session, ids: Sequence[int] | None = None) -> dict[int, ServiceTypeInfo]:
    """Service types by id (all of them, or these)."""
    stmt = select(
        _service_type.id,
        _service_type.code,
        _service_type.name,
        _service_type.name_nn,
        _service_type.level,
        _service_type.description,
    )
    if ids is not None:
        stmt = stmt.where(_service_type.id.in_(list(ids)))
    return {r[0]: ServiceTypeInfo(*r) for r in session.execute(stmt).all()}


def units(session: Session, chain: Sequence[queries.LocalityRow]) -> list[Unit]:
    """Units visible at the chain's last locality (own, ancestors', catchment), by name."""
    target = chain[-1].id
    chain_ids = [loc.id for loc in chain]
    caught = select(_catchment.unit_id).where(_catchment.locality_id == target)
    rows = session.execute(
        select(
            _unit.id,
            _unit.service_type_id,
            _unit.name,
            _unit.phone,
            _unit.email,
            _unit.url,
            _unit.visiting_address,
            _locality.code,
            _locality.name,
            _locality.kind,
            _unit.locality_id,
            _unit.updated_at,
        )
        .join(_locality_table, _locality.id == _unit.locality_id)
        .where(or_(_unit.locality_id.in_(chain_ids), _unit.id.in_(caught)))
        .order_by(_unit.name, _unit.id)
    ).all()
    ids = [r[0] for r in rows]
    catchments: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if ids:
        for unit_id, code, name in session.execute(
            select(_catchment.unit_id, _locality.code, _locality.name)
            .join(_locality_table, _locality.id == _catchment.locality_id)
            .where(_catchment.unit_id.in_(ids))
            .order_by(_locality.code)
        ).all():
            catchments[unit_id].append((code, name))
    return [
        Unit(
            id=r[0],
            service_type_id=r[1],
            name=r[2],
            phone=r[3],
            email=r[4],
            url=r[5],
            visiting_address=r[6],
            locality=r[7],
            locality_name=r[8],
            locality_kind=r[9],
            inherited=r[10] != target,
            catchment=tuple(catchments.get(r[0], ())),
            updated_at=r[11],
        )
        for r in rows
    ]


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
    chain_codes = [loc.code for loc in chain]
    now = utcnow()
    pathways = queries.pathways(session, statuses=["published"])
    types = service_types(session)
    code_to_type = {t.code: t for t in types.values()}
    orders = _pathway_orders(session, [p.id for p in pathways])
    currents = merged.current_all(
        session, [p.id for p in pathways], merged.layers_of(chain), at=now
    )
    services: dict[str, MapService] = {}
    for pathway in pathways:
        current, marks = currents[pathway.id].current, currents[pathway.id].marks
        title = pathway_title(pathway, lang)
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
    return ServiceMapData(chain=chain, lang=lang, services=ordered, pathways=pathways)


_LEVEL_ORDER = {"municipal": 0, "specialist": 1, "state": 2, "other": 3}


@dataclass(frozen=True, slots=True)
class MergedPathway:
    """One pathway merged for a locality (published content, now)."""

    pathway: queries.PathwayRow
    chain: list[queries.LocalityRow]
    lang: str
    services: list[MergedService]
    types: dict[str, ServiceTypeInfo]
    units: dict[int, list[Unit]]
    latest_revision_at: datetime | None
    target_group: str  # in `lang`, nynorsk falling back to bokmål


def merged_pathway(session: Session, *, code: str, slug: str, lang: str) -> MergedPathway:
    """The published pathway as the locality sees it, with its units; 404 when unknown."""
    chain = chain_or_404(session, code)
    pathway = queries.pathway_by_slug(session, slug)
    if pathway is None or pathway.status == "draft":
        raise NotFound(f"There is no published pathway '{slug}'.")
    now = utcnow()
    all_types = service_types(session)
    content = merged.merge(session, pathway.id, chain, lang=lang, at=now)  # as the views read
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
        chain=chain,
        lang=lang,
        services=services,
        types=types,
        units=dict(by_type),
        latest_revision_at=max(times) if times else None,
        target_group=target_group or "",
    )
