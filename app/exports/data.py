"""What every export reads: a locality's chain, its units, and pathways merged with the texts core.

The merge itself is `app.texts.merge`; this module only fetches rows (a fixed number of
queries however many pathways and services there are) and hands them to it.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
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
from app.texts import queries, snapshots
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


def _candidate_rows(
    session: Session,
    chain_ids: Sequence[int],
    type_codes: dict[int, str],
    where: Any,
    at: datetime,
) -> dict[int, list[EntryRow]]:
    """The revisions the merge can use at `at` in the chain's layers, per pathway.

    The merge core (`current_entries`, `substantive_marks`) decides; this query only leaves
    out rows that cannot change its answer, so a map with 25 pathways does not ship every
    superseded revision to Python: drafts and not-yet-valid revisions (they never count
    outside preview), and, per key, every published revision that is neither the latest
    by `(coalesce(valid_from, created_at), id)` nor the highest substantive one of its
    layer and slot. tests/exports/test_service_map.py checks the result against the
    untrimmed rows.
    """
    depth = {loc_id: i for i, loc_id in enumerate(chain_ids)}
    codes = {loc_id: code for loc_id, code in session.execute(
        select(_L.id, _L.code).where(_L.id.in_(list(chain_ids)))
    ).all()}  # fmt: skip
    key = (_T.pathway_id, _T.locality_id, _T.service_type_id, _T.section)
    newest = func.row_number().over(
        partition_by=(*key, _T.lang),
        order_by=(func.coalesce(_T.valid_from, _T.created_at).desc(), _T.id.desc()),
    )
    mark = func.max(case((_T.change_kind == "substantive", _T.id))).over(partition_by=key)
    # The window sorts narrow rows; texts are joined afterwards, for current entries only.
    inner = (
        select(
            _T.pathway_id, _T.id, _T.locality_id, _T.service_type_id, _T.section, _T.lang,
            _T.mode, _T.valid_from, _T.created_at, _T.based_on, _T.change_kind,
            _T.needs_local_adaptation, newest.label("newest"), mark.label("mark"),
        )
        .where(
            _T.locality_id.in_(list(chain_ids)),
            _T.status == "published",
            _T.created_at <= at,
            or_(_T.valid_from.is_(None), _T.valid_from <= at),
            where,
        )
        .subquery()
    )  # fmt: skip
    c = inner.c
    text_col = case((c.newest == 1, _T.text))
    stmt = (
        select(
            c.pathway_id, c.id, c.locality_id, c.service_type_id, c.section, c.lang, c.mode,
            text_col, c.valid_from, c.created_at, c.based_on, c.change_kind,
            c.needs_local_adaptation,
        )
        .select_from(inner.join(_T_TABLE, _T.id == c.id))
        .where(or_(c.newest == 1, c.id == c.mark))
    )  # fmt: skip
    out: dict[int, list[EntryRow]] = defaultdict(list)
    for r in session.execute(stmt).all():
        out[r[0]].append(
            EntryRow(
                r[1], codes[r[2]], depth[r[2]], type_codes[r[3]], r[4], r[5], r[6], r[7],
                "published", r[8], r[9], r[10], r[11], bool(r[12]),
            )
        )  # fmt: skip
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


def _currents(
    session: Session,
    chain: Sequence[queries.LocalityRow],
    pathway_ids: Sequence[int],
    type_codes: dict[int, str],
    at: datetime,
) -> dict[int, queries.CurrentRows]:
    """Every pathway's current entries and marks in the chain's text sections at `at`.

    `snapshots.current` for many pathways at once: the layer snapshots (one query when
    this process holds them decoded), and the history, in one query, only for pathways
    whose snapshots are missing or behind.
    """
    layers = [(loc.id, loc.code) for loc in chain]
    out = snapshots.read(session, pathway_ids, layers, at=at)
    missing = [p for p in pathway_ids if p not in out]
    if missing:
        where = and_(_T.pathway_id.in_(missing), _T.section.in_(SECTIONS))
        history = _candidate_rows(session, [loc.id for loc in chain], type_codes, where, at)
        for p in missing:
            rows = history.get(p, [])
            out[p] = queries.CurrentRows(
                current_entries(rows, at=at), substantive_marks(rows, at=at), []
            )
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
    pathways = [p for p in queries.pathways(session, statuses=["published"]) if p.id in in_use]
    types = service_types(session)
    code_to_type = {t.code: t for t in types.values()}
    orders = _pathway_orders(session, [p.id for p in pathways])
    type_codes = {t.id: t.code for t in types.values()}
    by_layers: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for p in pathways:
        by_layers[tuple(loc.id for loc in in_use[p.id])].append(p.id)
    currents: dict[int, queries.CurrentRows] = {}
    for ids in by_layers.values():
        currents.update(_currents(session, in_use[ids[0]], ids, type_codes, now))
    services: dict[str, MapService] = {}
    for pathway in pathways:
        chain_codes = [loc.code for loc in in_use[pathway.id]]
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
    chain: list[queries.LocalityRow]  # the pathway's layers: the owner first
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
    path_chain = adoptions.layers_or_404(session, pathway.id, slug, chain)
    layers = [(loc.id, loc.code) for loc in path_chain]
    loaded = snapshots.current(session, pathway.id, layers, at=now)  # as the views read
    current, marks = loaded.current, loaded.marks
    order = [t.code for t in queries.pathway_service_types(session, pathway.id)]
    services = merge_pathway([loc.code for loc in path_chain], current, order, lang, marks=marks)
    types = {t.code: t for t in all_types.values()}
    by_type: dict[int, list[Unit]] = defaultdict(list)
    for unit in units(session, chain):
        by_type[unit.service_type_id].append(unit)
    used = {layer.revision for svc in services for _, slot in svc.sections for layer in slot.layers}
    times = [e.created_at for e in current.values() if e.revision in used]
    nb_group, nn_group = session.execute(
        select(_P.target_group, _P.target_group_nn).where(_P.id == pathway.id)
    ).one()
    target_group = nn_group if lang == "nn" and nn_group else nb_group
    return MergedPathway(
        pathway=pathway,
        chain=path_chain,
        lang=lang,
        services=services,
        types=types,
        units=dict(by_type),
        latest_revision_at=max(times) if times else None,
        target_group=target_group or "",
    )
