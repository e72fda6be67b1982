"""The reads the merge needs: a fixed number of Core queries, whatever the pathway's size."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import literal, literal_column, select, union_all
from sqlmodel import Session

from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    TextRevision,
)
from app.texts.merge import EntryRow

# Column handles, typed loosely: SQLModel's class attributes are not Core columns to mypy.
_L: Any = Locality.__table__.c  # type: ignore[attr-defined]
_P: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_PST: Any = PathwayServiceType.__table__.c  # type: ignore[attr-defined]
_ST: Any = ServiceType.__table__.c  # type: ignore[attr-defined]
_U: Any = ServiceUnit.__table__.c  # type: ignore[attr-defined]
_UC: Any = ServiceUnitCatchment.__table__.c  # type: ignore[attr-defined]
_T: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_L_TABLE: Any = Locality.__table__  # type: ignore[attr-defined]
_PST_TABLE: Any = PathwayServiceType.__table__  # type: ignore[attr-defined]
_ST_TABLE: Any = ServiceType.__table__  # type: ignore[attr-defined]
_T_TABLE: Any = TextRevision.__table__  # type: ignore[attr-defined]


class LocalityRow(NamedTuple):
    id: int
    code: str
    name: str
    kind: str


class PathwayRow(NamedTuple):
    id: int
    slug: str
    title: str
    title_nn: str | None
    summary: str
    status: str
    updated_at: datetime


class ServiceTypeRow(NamedTuple):
    id: int
    code: str
    name: str
    name_nn: str | None
    level: str


class UnitRow(NamedTuple):
    service_type_id: int
    name: str
    phone: str | None
    email: str | None
    url: str | None
    visiting_address: str | None


def chain_of(session: Session, code: str) -> list[LocalityRow]:
    """The locality's chain from the region down to it, in one recursive query; [] if unknown."""
    up = (
        select(_L.id, _L.code, _L.name, _L.kind, _L.parent_id, literal(0).label("up"))
        .where(_L.code == code)
        .cte("chain", recursive=True)
    )
    parent = _L_TABLE.alias("parent")
    up = up.union_all(
        select(
            parent.c.id,
            parent.c.code,
            parent.c.name,
            parent.c.kind,
            parent.c.parent_id,
            (up.c.up + 1).label("up"),
        ).where(parent.c.id == up.c.parent_id)
    )
    rows = session.execute(
        select(up.c.id, up.c.code, up.c.name, up.c.kind).order_by(up.c.up.desc())
    ).all()
    return [LocalityRow(*r) for r in rows]


_PATHWAY_COLS = (_P.id, _P.slug, _P.title, _P.title_nn, _P.summary, _P.status, _P.updated_at)


def pathway_by_slug(session: Session, slug: str) -> PathwayRow | None:
    """The pathway's columns the views need, or None."""
    row = session.execute(select(*_PATHWAY_COLS).where(_P.slug == slug)).first()
    return PathwayRow(*row) if row else None


def pathways(session: Session, *, statuses: Sequence[str]) -> list[PathwayRow]:
    """Every pathway with one of these statuses, by slug."""
    rows = session.execute(
        select(*_PATHWAY_COLS).where(_P.status.in_(statuses)).order_by(_P.slug)
    ).all()
    return [PathwayRow(*r) for r in rows]


_ST_COLS = (_ST.id, _ST.code, _ST.name, _ST.name_nn, _ST.level)


def pathway_service_types(session: Session, pathway_id: int) -> list[ServiceTypeRow]:
    """The pathway's participating service types in its order."""
    rows = session.execute(
        select(*_ST_COLS)
        .join(_PST_TABLE, _PST.service_type_id == _ST.id)
        .where(_PST.pathway_id == pathway_id)
        .order_by(_PST.position, _ST.code)
    ).all()
    return [ServiceTypeRow(*r) for r in rows]


def service_types_by_code(session: Session, codes: Sequence[str]) -> dict[str, ServiceTypeRow]:
    """Service types by code (for slots only local layers added)."""
    if not codes:
        return {}
    rows = session.execute(select(*_ST_COLS).where(_ST.code.in_(list(codes)))).all()
    return {r.code: ServiceTypeRow(*r) for r in rows}


# The times are read raw and converted here: the column type's per-value processing
# costs more than the whole merge on a big view.
_RAW_VALID_FROM: Any = literal_column("text_revision.valid_from")
_RAW_CREATED_AT: Any = literal_column("text_revision.created_at")


def _utc(value: Any) -> Any:
    if value is None or (isinstance(value, datetime) and value.tzinfo is not None):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)


_ENTRY_COLS = (
    _T.id,
    _L.code,
    _T.locality_id,
    _ST.code,
    _T.section,
    _T.lang,
    _T.mode,
    _T.text,
    _T.status,
    _RAW_VALID_FROM,
    _RAW_CREATED_AT,
    _T.based_on,
    _T.change_kind,
    _T.needs_local_adaptation,
)


def load_rows(
    session: Session,
    pathway_id: int,
    locality_ids: Sequence[int],
    service_type_id: int | None = None,
    section: str | None = None,
    *,
    at: datetime | None = None,
) -> list[EntryRow]:
    """Every revision of these layers (a chain, region first) for the pathway, in one query.

    `depth` is the layer's index in `locality_ids`; with `at`, later revisions are left out.
    """
    depth = {loc_id: i for i, loc_id in enumerate(locality_ids)}
    stmt = (
        select(*_ENTRY_COLS)
        .select_from(_T_TABLE)
        .join(_L_TABLE, _L.id == _T.locality_id)
        .join(_ST_TABLE, _ST.id == _T.service_type_id)
        .where(_T.pathway_id == pathway_id, _T.locality_id.in_(list(locality_ids)))
    )
    if service_type_id is not None:
        stmt = stmt.where(_T.service_type_id == service_type_id)
    if section is not None:
        stmt = stmt.where(_T.section == section)
    if at is not None:
        stmt = stmt.where(_T.created_at <= at)
    rows = session.execute(stmt).all()
    return [
        EntryRow(
            r[0],
            r[1],
            depth[r[2]],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            _utc(r[9]),
            _utc(r[10]),
            r[11],
            r[12],
            bool(r[13]),
        )
        for r in rows
    ]


def units_for(session: Session, chain: Sequence[LocalityRow]) -> list[UnitRow]:
    """Units visible in the chain's last locality: own, ancestors', and catchments, by name."""
    target = chain[-1].id
    own = select(_U.id).where(_U.locality_id.in_([loc.id for loc in chain]))
    caught = select(_UC.unit_id).where(_UC.locality_id == target)
    ids = union_all(own, caught).subquery()
    rows = session.execute(
        select(_U.service_type_id, _U.name, _U.phone, _U.email, _U.url, _U.visiting_address)
        .where(_U.id.in_(select(ids.c[0])))
        .order_by(_U.name, _U.id)
    ).all()
    return [UnitRow(*r) for r in rows]


def pathways_with_hides(session: Session, locality_ids: Sequence[int]) -> set[int]:
    """Pathways that some layer of the chain hides anything in (candidates for 'wholly hidden')."""
    rows = session.execute(
        select(_T.pathway_id)
        .where(_T.locality_id.in_(list(locality_ids)), _T.mode == "hide", _T.section != "links")
        .distinct()
    ).all()
    return {r[0] for r in rows}


def region(session: Session) -> str | None:
    """The code of the root of the locality tree (the region), or None."""
    row = session.execute(
        select(_L.code).where(_L.parent_id.is_(None)).order_by(_L.id).limit(1)
    ).first()
    return row[0] if row else None
