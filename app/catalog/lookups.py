"""Reading the catalogue: service types (by code, by id, a pathway's own) and the units a
locality sees. The one place other domains get them from."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, or_, select, union_all
from sqlmodel import Session

from app.localities.lookups import LocalityRow
from app.models import (
    Locality,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
)

# Column handles, typed loosely: SQLModel's class attributes are not Core columns to mypy.
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_LOCALITY_TABLE: Any = Locality.__table__  # type: ignore[attr-defined]
_PATHWAY_TYPE: Any = PathwayServiceType.__table__.c  # type: ignore[attr-defined]
_PATHWAY_TYPE_TABLE: Any = PathwayServiceType.__table__  # type: ignore[attr-defined]
_SERVICE_TYPE: Any = ServiceType.__table__.c  # type: ignore[attr-defined]
_SERVICE_UNIT: Any = ServiceUnit.__table__.c  # type: ignore[attr-defined]
_CATCHMENT: Any = ServiceUnitCatchment.__table__.c  # type: ignore[attr-defined]


def name_in(service_type: Any, lang: str) -> str:
    """A service type's name in `lang` (anything with `name` and `name_nn`); nynorsk falls
    back to bokmål when it has no nynorsk name."""
    return service_type.name_nn if lang == "nn" and service_type.name_nn else service_type.name


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


@dataclass(frozen=True, slots=True)
class ServiceTypeInfo:
    """A service type with its description, as the exports and search show it."""

    id: int
    code: str
    name: str
    name_nn: str | None
    level: str
    description: str

    def label(self, lang: str) -> str:
        return name_in(self, lang)


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


_TYPE_COLUMNS = (
    _SERVICE_TYPE.id,
    _SERVICE_TYPE.code,
    _SERVICE_TYPE.name,
    _SERVICE_TYPE.name_nn,
    _SERVICE_TYPE.level,
)


# Built once: the views read a pathway's service types on every request.
_PATHWAY_TYPES = (
    select(*_TYPE_COLUMNS)
    .join(_PATHWAY_TYPE_TABLE, _PATHWAY_TYPE.service_type_id == _SERVICE_TYPE.id)
    .where(_PATHWAY_TYPE.pathway_id == bindparam("pathway_id"))
    .order_by(_PATHWAY_TYPE.position, _SERVICE_TYPE.code)
)


def pathway_orders(
    session: Session, pathway_ids: Sequence[int] | None = None
) -> dict[int, list[int]]:
    """The service type ids of each pathway (of every pathway: None), in its order."""
    stmt = select(_PATHWAY_TYPE.pathway_id, _PATHWAY_TYPE.service_type_id)
    if pathway_ids is not None:
        stmt = stmt.where(_PATHWAY_TYPE.pathway_id.in_(list(pathway_ids)))
    rows = session.execute(stmt.order_by(_PATHWAY_TYPE.pathway_id, _PATHWAY_TYPE.position)).all()
    out: dict[int, list[int]] = defaultdict(list)
    for pathway_id, type_id in rows:
        out[pathway_id].append(type_id)
    return out


def pathway_service_types(session: Session, pathway_id: int) -> list[ServiceTypeRow]:
    """The pathway's participating service types in its order."""
    rows = session.execute(_PATHWAY_TYPES, {"pathway_id": pathway_id}).all()
    return [ServiceTypeRow(*r) for r in rows]


def types_by_pathway(session: Session) -> dict[int, list[ServiceTypeRow]]:
    """`pathway_service_types` of every pathway at once."""
    stmt = (
        select(_PATHWAY_TYPE.pathway_id, *_TYPE_COLUMNS)
        .join(_PATHWAY_TYPE_TABLE, _PATHWAY_TYPE.service_type_id == _SERVICE_TYPE.id)
        .order_by(_PATHWAY_TYPE.pathway_id, _PATHWAY_TYPE.position, _SERVICE_TYPE.code)
    )
    out: dict[int, list[ServiceTypeRow]] = defaultdict(list)
    for pathway_id, *row in session.execute(stmt).all():
        out[pathway_id].append(ServiceTypeRow(*row))
    return dict(out)


def service_types_by_code(session: Session, codes: Sequence[str]) -> dict[str, ServiceTypeRow]:
    """Service types by code (for slots only local layers added)."""
    if not codes:
        return {}
    rows = session.execute(select(*_TYPE_COLUMNS).where(_SERVICE_TYPE.code.in_(list(codes)))).all()
    return {r.code: ServiceTypeRow(*r) for r in rows}


def all_service_types(session: Session) -> dict[str, ServiceTypeRow]:
    """The whole catalogue of service types by code (a few dozen rows)."""
    rows = session.execute(select(*_TYPE_COLUMNS)).all()
    return {r.code: ServiceTypeRow(*r) for r in rows}


def service_types(session: Session, ids: Sequence[int] | None = None) -> dict[int, ServiceTypeInfo]:
    """Service types with their descriptions by id (all of them, or these)."""
    stmt = select(*_TYPE_COLUMNS, _SERVICE_TYPE.description)
    if ids is not None:
        stmt = stmt.where(_SERVICE_TYPE.id.in_(list(ids)))
    return {r[0]: ServiceTypeInfo(*r) for r in session.execute(stmt).all()}


def _units_stmt() -> Any:
    own = select(_SERVICE_UNIT.id).where(
        _SERVICE_UNIT.locality_id.in_(bindparam("chain", expanding=True))
    )
    caught = select(_CATCHMENT.unit_id).where(_CATCHMENT.locality_id == bindparam("target"))
    ids = union_all(own, caught).subquery()
    return (
        select(
            _SERVICE_UNIT.service_type_id,
            _SERVICE_UNIT.name,
            _SERVICE_UNIT.phone,
            _SERVICE_UNIT.email,
            _SERVICE_UNIT.url,
            _SERVICE_UNIT.visiting_address,
        )
        .where(_SERVICE_UNIT.id.in_(select(ids.c[0])))
        .order_by(_SERVICE_UNIT.name, _SERVICE_UNIT.id)
    )


_UNITS = _units_stmt()


def units_for(session: Session, chain: Sequence[LocalityRow]) -> list[UnitRow]:
    """Units visible in the chain's last locality: own, ancestors', and catchments, by name."""
    params = {"chain": [loc.id for loc in chain], "target": chain[-1].id}
    return [UnitRow(*r) for r in session.execute(_UNITS, params).all()]


def visible_units(session: Session, chain: Sequence[LocalityRow]) -> list[Unit]:
    """Units visible at the chain's last locality (own, ancestors', catchment), by name,
    with their owner and catchment: what the exports and search show."""
    target = chain[-1].id
    chain_ids = [loc.id for loc in chain]
    caught = select(_CATCHMENT.unit_id).where(_CATCHMENT.locality_id == target)
    rows = session.execute(
        select(
            _SERVICE_UNIT.id,
            _SERVICE_UNIT.service_type_id,
            _SERVICE_UNIT.name,
            _SERVICE_UNIT.phone,
            _SERVICE_UNIT.email,
            _SERVICE_UNIT.url,
            _SERVICE_UNIT.visiting_address,
            _LOCALITY.code,
            _LOCALITY.name,
            _LOCALITY.kind,
            _SERVICE_UNIT.locality_id,
            _SERVICE_UNIT.updated_at,
        )
        .join(_LOCALITY_TABLE, _LOCALITY.id == _SERVICE_UNIT.locality_id)
        .where(or_(_SERVICE_UNIT.locality_id.in_(chain_ids), _SERVICE_UNIT.id.in_(caught)))
        .order_by(_SERVICE_UNIT.name, _SERVICE_UNIT.id)
    ).all()
    ids = [r[0] for r in rows]
    catchments: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if ids:
        for unit_id, code, name in session.execute(
            select(_CATCHMENT.unit_id, _LOCALITY.code, _LOCALITY.name)
            .join(_LOCALITY_TABLE, _LOCALITY.id == _CATCHMENT.locality_id)
            .where(_CATCHMENT.unit_id.in_(ids))
            .order_by(_LOCALITY.code)
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
