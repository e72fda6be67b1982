"""Use-cases of the service catalogue: regional service types and the units in localities."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.catalog.schemas import (
    ServiceTypeCreate,
    ServiceTypePublic,
    ServiceTypeUpdate,
    ServiceUnitCreate,
    ServiceUnitPublic,
    ServiceUnitUpdate,
)
from app.changes.log import record_change
from app.core.auth import Principal
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from app.core.http import public_etag, require_if_match
from app.core.pagination import keyset_page
from app.localities import service as localities_service
from app.models import Locality, ServiceType, ServiceUnit, ServiceUnitCatchment
from app.models.base import LocalityKind, ServiceLevel, utcnow

# --- service types -----------------------------------------------------------------------


def get_service_type(session: Session, code: str) -> ServiceType:
    """The service type with this code, or 404."""
    st = session.exec(select(ServiceType).where(ServiceType.code == code)).first()
    if st is None:
        raise NotFound(f"There is no service type '{code}'.")
    return st


def service_type_public(st: ServiceType) -> ServiceTypePublic:
    """The API shape of one service type."""
    return ServiceTypePublic(
        code=st.code,
        name=st.name,
        name_nn=st.name_nn,
        level=ServiceLevel(st.level),
        description=st.description,
    )


def list_service_types(
    session: Session, *, limit: int, cursor: str | None
) -> tuple[list[ServiceTypePublic], str | None]:
    """A page of service types ordered by code."""
    rows, next_cursor = keyset_page(
        session,
        sa_select(ServiceType),
        col(ServiceType.code),  # type: ignore[arg-type]
        lambda st: st.code,
        limit=limit,
        cursor=cursor,
    )
    return [service_type_public(st) for st in rows], next_cursor


def create_service_type(session: Session, *, data: ServiceTypeCreate) -> ServiceType:
    """Add a service type to the regional catalogue."""
    if session.exec(select(ServiceType).where(ServiceType.code == data.code)).first() is not None:
        raise Conflict(f"A service type with code '{data.code}' already exists.")
    st = ServiceType(
        code=data.code,
        name=data.name,
        name_nn=data.name_nn,
        level=data.level.value,
        description=data.description,
    )
    session.add(st)
    _flush_or_conflict(session, f"A service type with code '{data.code}' already exists.")
    record_change(session, entity="service_type", action="upsert", entity_id=st.code)
    session.commit()
    return st


def update_service_type(
    session: Session, *, service_type: ServiceType, data: ServiceTypeUpdate, if_match: str | None
) -> ServiceType:
    """Change a service type, if the client saw its current version."""
    require_if_match(if_match, public_etag(service_type_public(service_type)))
    changes = data.model_dump(exclude_unset=True)
    if "level" in changes:
        changes["level"] = changes["level"].value
    for field, value in changes.items():
        setattr(service_type, field, value)
    service_type.updated_at = utcnow()
    session.add(service_type)
    record_change(session, entity="service_type", action="upsert", entity_id=service_type.code)
    session.commit()
    return service_type


def _flush_or_conflict(session: Session, detail: str) -> None:
    # The existence check above is racy; the unique constraint is the real guard.
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(detail) from None


# --- service units -----------------------------------------------------------------------


def _catchments(session: Session, unit_ids: Sequence[int]) -> dict[int, list[str]]:
    if not unit_ids:
        return {}
    rows = session.execute(
        sa_select(col(ServiceUnitCatchment.unit_id), col(Locality.code))
        .join(Locality, col(Locality.id) == col(ServiceUnitCatchment.locality_id))
        .where(col(ServiceUnitCatchment.unit_id).in_(unit_ids))
        .order_by(col(Locality.code))
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for unit_id, code in rows:
        out[unit_id].append(code)
    return out


def _units_public(
    session: Session, units: Sequence[ServiceUnit], *, viewer_id: int | None
) -> list[ServiceUnitPublic]:
    """API shapes of units, with a handful of queries however many units there are."""
    ids = [u.id for u in units if u.id is not None]
    catchments = _catchments(session, ids)
    loc_ids = {u.locality_id for u in units}
    type_ids = {u.service_type_id for u in units}
    loc_rows = session.execute(
        sa_select(col(Locality.id), col(Locality.code)).where(col(Locality.id).in_(loc_ids))
    ).all()
    type_rows = session.execute(
        sa_select(col(ServiceType.id), col(ServiceType.code)).where(
            col(ServiceType.id).in_(type_ids)
        )
    ).all()
    loc_codes = {row[0]: row[1] for row in loc_rows}
    type_codes = {row[0]: row[1] for row in type_rows}
    return [
        ServiceUnitPublic(
            id=u.id,  # type: ignore[arg-type]
            name=u.name,
            service_type=type_codes[u.service_type_id],
            locality=loc_codes[u.locality_id],
            phone=u.phone,
            email=u.email,
            url=u.url,
            visiting_address=u.visiting_address,
            catchment=catchments.get(u.id, []),  # type: ignore[arg-type]
            inherited=viewer_id is not None and u.locality_id != viewer_id,
        )
        for u in units
    ]


def unit_public(session: Session, unit: ServiceUnit) -> ServiceUnitPublic:
    """The API shape of one unit, seen from its own locality."""
    return _units_public(session, [unit], viewer_id=None)[0]


def get_unit(session: Session, *, locality: Locality, unit_id: int) -> ServiceUnit:
    """The unit with this id owned by `locality`, or 404."""
    unit = session.get(ServiceUnit, unit_id)
    if unit is None or unit.locality_id != locality.id:
        raise NotFound(f"Locality '{locality.code}' has no service unit {unit_id}.")
    return unit


def visible_units_query(session: Session, locality: Locality) -> Select[Any]:
    """SELECT of the units a locality sees: its own, its ancestors', and catchment units."""
    chain_ids = [loc.id for loc in localities_service.chain_of(session, locality)]
    in_catchment = sa_select(col(ServiceUnitCatchment.unit_id)).where(
        col(ServiceUnitCatchment.locality_id) == locality.id
    )
    return sa_select(ServiceUnit).where(
        or_(
            col(ServiceUnit.locality_id).in_(chain_ids),
            col(ServiceUnit.id).in_(in_catchment),
        )
    )


def list_units(
    session: Session,
    *,
    locality: Locality,
    service_type: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[ServiceUnitPublic], str | None]:
    """A page of the units visible in `locality`, ordered by id, optionally of one type."""
    stmt = visible_units_query(session, locality)
    if service_type is not None:
        type_id = get_service_type(session, service_type).id
        stmt = stmt.where(col(ServiceUnit.service_type_id) == type_id)
    rows, next_cursor = keyset_page(
        session,
        stmt,
        col(ServiceUnit.id),  # type: ignore[arg-type]
        lambda u: u.id,
        limit=limit,
        cursor=cursor,
        key_type=int,
    )
    return _units_public(session, rows, viewer_id=locality.id), next_cursor


def _type_for_body(session: Session, code: str) -> ServiceType:
    st = session.exec(select(ServiceType).where(ServiceType.code == code)).first()
    if st is None:
        raise Unprocessable(f"There is no service type '{code}'.", loc=["body", "service_type"])
    return st


def _catchment_ids(
    session: Session,
    owner: Locality,
    codes: Sequence[str],
    *,
    principal: Principal,
    service_type: ServiceType,
    already: Sequence[str] = (),
) -> dict[int, str]:
    """Locality ids (and codes) of a catchment: municipalities outside the owner, each named
    once, on a service that is not municipal, and each newly named one in the key's scope."""
    if len(set(codes)) != len(codes):
        raise Unprocessable("The catchment names a municipality twice.", loc=["body", "catchment"])
    if codes and service_type.level == ServiceLevel.municipal.value:
        # A municipal service serves its own municipality; only specialist (and state or
        # other) services cross municipal borders, as BUP does.
        raise Unprocessable(
            f"'{service_type.code}' is a municipal service: a unit of it serves its own "
            "municipality and has no catchment.",
            loc=["body", "catchment"],
        )
    found = {
        loc.code: loc for loc in session.exec(select(Locality).where(col(Locality.code).in_(codes)))
    }
    ids: dict[int, str] = {}
    for i, code in enumerate(codes):
        loc = found.get(code)
        if loc is None or loc.kind != LocalityKind.municipality.value:
            raise Unprocessable(f"'{code}' is not a municipality.", loc=["body", "catchment", i])
        chain = localities_service.chain_of(session, loc)
        if owner.id in {a.id for a in chain}:
            raise Unprocessable(
                f"'{code}' already sees the unit; a catchment lists municipalities outside "
                f"'{owner.code}'.",
                loc=["body", "catchment", i],
            )
        # A catchment puts the unit on that municipality's service map: naming one is
        # writing there, so the key must cover it (keeping one named before is not).
        if code not in already and not principal.covers([a.code for a in chain]):
            raise Forbidden(
                f"The key '{principal.name}' may not add '{code}' to a catchment: "
                "it is outside the key's scope."
            )
        ids[loc.id] = code  # type: ignore[index]
    return ids


def _record_unit(
    session: Session,
    unit_id: int | None,
    locality: Locality,
    action: str,
    served: Sequence[str] = (),
) -> None:
    # Every locality whose views change hears of it: the owner and each municipality the
    # unit serves (or served until now) by catchment.
    for code in dict.fromkeys([locality.code, *served]):
        record_change(
            session,
            entity="service_unit",
            action=action,
            entity_id=str(unit_id),
            locality=code,
        )


def _set_catchment(session: Session, unit: ServiceUnit, locality_ids: Sequence[int]) -> None:
    session.execute(
        delete(ServiceUnitCatchment).where(col(ServiceUnitCatchment.unit_id) == unit.id)
    )
    for loc_id in locality_ids:
        session.add(ServiceUnitCatchment(unit_id=unit.id, locality_id=loc_id))  # type: ignore[arg-type]


def create_unit(
    session: Session, *, principal: Principal, locality: Locality, data: ServiceUnitCreate
) -> ServiceUnit:
    """Add a unit to a locality, with the municipalities it also serves."""
    st = _type_for_body(session, data.service_type)
    catchment = _catchment_ids(
        session, locality, data.catchment, principal=principal, service_type=st
    )
    unit = ServiceUnit(
        name=data.name,
        phone=data.phone,
        email=data.email,
        url=data.url,
        visiting_address=data.visiting_address,
        locality_id=locality.id,  # type: ignore[arg-type]
        service_type_id=st.id,  # type: ignore[arg-type]
    )
    session.add(unit)
    session.flush()
    _set_catchment(session, unit, list(catchment))
    _record_unit(session, unit.id, locality, "upsert", list(catchment.values()))
    session.commit()
    return unit


def update_unit(
    session: Session,
    *,
    principal: Principal,
    locality: Locality,
    unit: ServiceUnit,
    data: ServiceUnitUpdate,
    if_match: str | None,
) -> ServiceUnit:
    """Change a unit (null clears an optional field), if the client saw its current version."""
    require_if_match(if_match, public_etag(unit_public(session, unit)))
    changes = data.model_dump(exclude_unset=True)
    # Check everything before touching anything: a refused write changes nothing.
    st = _type_for_body(session, changes.pop("service_type")) if "service_type" in changes else None
    before = _catchments(session, [unit.id]).get(unit.id, [])  # type: ignore[list-item, arg-type]
    codes = changes.pop("catchment") if "catchment" in changes else before
    catchment = _catchment_ids(
        session,
        locality,
        codes,
        principal=principal,
        service_type=st or session.get(ServiceType, unit.service_type_id),  # type: ignore[arg-type]
        already=before,
    )
    if st is not None:
        unit.service_type_id = st.id  # type: ignore[assignment]
    _set_catchment(session, unit, list(catchment))
    for field, value in changes.items():
        setattr(unit, field, value)
    unit.updated_at = utcnow()
    session.add(unit)
    _record_unit(session, unit.id, locality, "upsert", [*before, *catchment.values()])
    session.commit()
    return unit


def delete_unit(
    session: Session, *, locality: Locality, unit: ServiceUnit, if_match: str | None
) -> None:
    """Remove a unit (its catchment goes with it), if the client saw its current version."""
    require_if_match(if_match, public_etag(unit_public(session, unit)))
    unit_id = unit.id
    before = _catchments(session, [unit.id]).get(unit.id, [])  # type: ignore[list-item, arg-type]
    _set_catchment(session, unit, [])
    session.delete(unit)
    _record_unit(session, unit_id, locality, "delete", before)
    session.commit()
