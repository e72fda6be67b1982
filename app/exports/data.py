"""What every export reads: a locality's chain, its units, and pathways merged with the texts core.

The merge itself is `app.texts.merge`; this module only fetches rows (a fixed number of
queries however many pathways and services there are) and hands them to it.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, tuple_
from sqlmodel import Session

from app.core.errors import NotFound
from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    TextRevision,
)
from app.models.base import utcnow
from app.texts import queries
from app.texts.merge import (
    SECTIONS,
    EntryRow,
    MergedService,
    MergedSlot,
    current_entries,
    merge_pathway,
    merge_slot,
    service_types_in_view,
    substantive_marks,
)

_L: Any = Locality.__table__.c  # type: ignore[attr-defined]
_P: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_PST: Any = PathwayServiceType.__table__.c  # type: ignore[attr-defined]
_ST: Any = ServiceType.__table__.c  # type: ignore[attr-defined]
_U: Any = ServiceUnit.__table__.c  # type: ignore[attr-defined]
_UC: Any = ServiceUnitCatchment.__table__.c  # type: ignore[attr-defined]
_T: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_T_TABLE: Any = TextRevision.__table__  # type: ignore[attr-defined]
_L_TABLE: Any = Locality.__table__  # type: ignore[attr-defined]
_ST_TABLE: Any = ServiceType.__table__  # type: ignore[attr-defined]

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
    stmt = select(_ST.id, _ST.code, _ST.name, _ST.name_nn, _ST.level, _ST.description)
    if ids is not None:
        stmt = stmt.where(_ST.id.in_(list(ids)))
    return {r[0]: ServiceTypeInfo(*r) for r in session.execute(stmt).all()}


def units(session: Session, chain: Sequence[queries.LocalityRow]) -> list[Unit]:
    """Units visible at the chain's last locality (own, ancestors', catchment), by name."""
    target = chain[-1].id
    chain_ids = [loc.id for loc in chain]
    caught = select(_UC.unit_id).where(_UC.locality_id == target)
    rows = session.execute(
        select(
            _U.id,
            _U.service_type_id,
            _U.name,
            _U.phone,
            _U.email,
            _U.url,
            _U.visiting_address,
            _L.code,
            _L.name,
            _L.kind,
            _U.locality_id,
            _U.updated_at,
        )
        .join(_L_TABLE, _L.id == _U.locality_id)
        .where(or_(_U.locality_id.in_(chain_ids), _U.id.in_(caught)))
        .order_by(_U.name, _U.id)
    ).all()
    ids = [r[0] for r in rows]
    catchments: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if ids:
        for unit_id, code, name in session.execute(
            select(_UC.unit_id, _L.code, _L.name)
            .join(_L_TABLE, _L.id == _UC.locality_id)
            .where(_UC.unit_id.in_(ids))
            .order_by(_L.code)
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


_ENTRY_COLS = (
    _T.pathway_id,
    _T.id,
    _L.code,
    _T.locality_id,
    _ST.code,
    _T.section,
    _T.lang,
    _T.mode,
    _T.text,
    _T.status,
    _T.valid_from,
    _T.created_at,
    _T.based_on,
    _T.change_kind,
    _T.needs_local_adaptation,
)


def _published_rows(
    session: Session, chain_ids: Sequence[int], where: Any, at: datetime
) -> dict[int, list[EntryRow]]:
    """Published revisions visible at `at` in the chain's layers, per pathway.

    Drafts and not-yet-valid revisions never count outside preview, so leaving them out in
    SQL changes nothing the merge would decide.
    """
    depth = {loc_id: i for i, loc_id in enumerate(chain_ids)}
    stmt = (
        select(*_ENTRY_COLS)
        .select_from(_T_TABLE)
        .join(_L_TABLE, _L.id == _T.locality_id)
        .join(_ST_TABLE, _ST.id == _T.service_type_id)
        .where(
            _T.locality_id.in_(list(chain_ids)),
            _T.status == "published",
            _T.created_at <= at,
            or_(_T.valid_from.is_(None), _T.valid_from <= at),
            where,
        )
    )
    out: dict[int, list[EntryRow]] = defaultdict(list)
    for r in session.execute(stmt).all():
        out[r[0]].append(
            EntryRow(
                r[1],
                r[2],
                depth[r[3]],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                r[13],
                bool(r[14]),
            )
        )
    return out


def _pathway_orders(session: Session, pathway_ids: Sequence[int]) -> dict[int, list[int]]:
    rows = session.execute(
        select(_PST.pathway_id, _PST.service_type_id)
        .where(_PST.pathway_id.in_(list(pathway_ids)))
        .order_by(_PST.pathway_id, _PST.position)
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
    chain_ids = [loc.id for loc in chain]
    chain_codes = [loc.code for loc in chain]
    now = utcnow()
    pathways = queries.pathways(session, statuses=["published"])
    pathway_ids = [p.id for p in pathways]
    types = service_types(session)
    code_to_type = {t.code: t for t in types.values()}
    orders = _pathway_orders(session, pathway_ids)
    in_pathways = [_T.pathway_id.in_(pathway_ids)]
    in_map = and_(*in_pathways, _T.section.in_(MAP_SECTIONS))
    rows = _published_rows(session, chain_ids, in_map, now)
    # A service can only be wholly hidden where some layer hides something of it; only
    # for those (pathway, service type) pairs are the other sections needed.
    hidden_pairs = session.execute(
        select(_T.pathway_id, _T.service_type_id)
        .where(_T.locality_id.in_(chain_ids), _T.mode == "hide", *in_pathways)
        .distinct()
    ).all()
    if hidden_pairs:
        more = _published_rows(
            session,
            chain_ids,
            and_(
                tuple_(_T.pathway_id, _T.service_type_id).in_([tuple(p) for p in hidden_pairs]),
                _T.section.not_in(MAP_SECTIONS),
            ),
            now,
        )
        for pathway_id, extra in more.items():
            rows[pathway_id].extend(extra)
    hiding = {(p, types[t].code) for p, t in hidden_pairs}
    services: dict[str, MapService] = {}
    for pathway in pathways:
        pathway_rows = rows.get(pathway.id, [])
        current = current_entries(pathway_rows, at=now)
        marks = substantive_marks(pathway_rows, at=now)
        order = [types[i].code for i in orders.get(pathway.id, [])]
        title = pathway_title(pathway, lang)
        for st_code in service_types_in_view(chain_codes, current, order):
            if st_code not in code_to_type:
                continue
            slots = {
                sec: merge_slot(chain_codes, current, st_code, sec, lang, marks=marks)
                for sec in MAP_SECTIONS
            }
            if (pathway.id, st_code) in hiding:
                whole = MergedService(
                    st_code,
                    tuple(
                        (sec, merge_slot(chain_codes, current, st_code, sec, lang))
                        for sec in SECTIONS
                    ),
                )
                if whole.hidden:
                    continue
            entry = MapEntry(pathway.slug, title, pathway.status, slots["role"], slots["referral"])
            svc = services.get(st_code)
            if svc is None:
                svc = services[st_code] = MapService(code_to_type[st_code])
            svc.pathways.append(entry)
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
    target_group: str


def merged_pathway(session: Session, *, code: str, slug: str, lang: str) -> MergedPathway:
    """The published pathway as the locality sees it, with its units; 404 when unknown."""
    chain = chain_or_404(session, code)
    pathway = queries.pathway_by_slug(session, slug)
    if pathway is None or pathway.status == "draft":
        raise NotFound(f"There is no published pathway '{slug}'.")
    now = utcnow()
    rows = queries.load_rows(session, pathway.id, [loc.id for loc in chain], at=now)
    current = current_entries(rows, at=now)
    marks = substantive_marks(rows, at=now)
    order = [t.code for t in queries.pathway_service_types(session, pathway.id)]
    services = merge_pathway([loc.code for loc in chain], current, order, lang, marks=marks)
    types = {t.code: t for t in service_types(session).values()}
    by_type: dict[int, list[Unit]] = defaultdict(list)
    for unit in units(session, chain):
        by_type[unit.service_type_id].append(unit)
    used = {layer.revision for svc in services for _, slot in svc.sections for layer in slot.layers}
    times = [r.created_at for r in rows if r.revision in used]
    target_group = session.execute(select(_P.target_group).where(_P.id == pathway.id)).scalar_one()
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
