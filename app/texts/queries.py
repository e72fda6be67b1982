"""The reads the merge needs: a fixed number of Core queries, whatever the pathway's size."""

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    ARRAY,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
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
from app.texts.merge import EntryKey, EntryRow, SlotLayerKey

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
    summary_nn: str | None = None

    def summary_in(self, lang: str) -> str:
        """The summary in `lang`; nynorsk falls back to bokmål."""
        return self.summary_nn if lang == "nn" and self.summary_nn else self.summary


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


# The hot reads are built once: composing a statement and its cache key costs SQLAlchemy
# about a millisecond a time, far more than running these small queries.
def _chain_stmt() -> Any:
    up = (
        select(_L.id, _L.code, _L.name, _L.kind, _L.parent_id, literal(0).label("up"))
        .where(_L.code == bindparam("code"))
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
    return select(up.c.id, up.c.code, up.c.name, up.c.kind).order_by(up.c.up.desc())


_CHAIN = _chain_stmt()


def chain_of(session: Session, code: str) -> list[LocalityRow]:
    """The locality's chain from the region down to it, in one recursive query; [] if unknown."""
    return [LocalityRow(*r) for r in session.execute(_CHAIN, {"code": code}).all()]


_PATHWAY_COLS = (
    _P.id,
    _P.slug,
    _P.title,
    _P.title_nn,
    _P.summary,
    _P.status,
    _P.updated_at,
    _P.summary_nn,
)


_PATHWAY_BY_SLUG = select(*_PATHWAY_COLS).where(_P.slug == bindparam("slug"))


def pathway_by_slug(session: Session, slug: str) -> PathwayRow | None:
    """The pathway's columns the views need, or None."""
    row = session.execute(_PATHWAY_BY_SLUG, {"slug": slug}).first()
    return PathwayRow(*row) if row else None


def pathways(session: Session, *, statuses: Sequence[str]) -> list[PathwayRow]:
    """Every pathway with one of these statuses, by slug."""
    rows = session.execute(
        select(*_PATHWAY_COLS).where(_P.status.in_(statuses)).order_by(_P.slug)
    ).all()
    return [PathwayRow(*r) for r in rows]


_ST_COLS = (_ST.id, _ST.code, _ST.name, _ST.name_nn, _ST.level)


_PATHWAY_TYPES = (
    select(*_ST_COLS)
    .join(_PST_TABLE, _PST.service_type_id == _ST.id)
    .where(_PST.pathway_id == bindparam("pathway_id"))
    .order_by(_PST.position, _ST.code)
)


def pathway_service_types(session: Session, pathway_id: int) -> list[ServiceTypeRow]:
    """The pathway's participating service types in its order."""
    rows = session.execute(_PATHWAY_TYPES, {"pathway_id": pathway_id}).all()
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


def utc(value: Any) -> Any:
    """A stored time as an aware UTC datetime (SQLite hands back naive values or text)."""
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
            utc(r[9]),
            utc(r[10]),
            r[11],
            r[12],
            bool(r[13]),
        )
        for r in rows
    ]


class CurrentRows(NamedTuple):
    """What a merge at one moment needs: the current entries, the marks, future valid_froms."""

    current: dict[EntryKey, EntryRow]
    marks: dict[SlotLayerKey, int]
    valid_froms: list[datetime]


# Phase one of `load_current`: per revision only what picking the current entries needs,
# read from the covering index `ix_text_revision_current` and ordered so that the last
# visible row of a key is its current entry. A view's chain has ~2,000 revisions and
# turning rows into Python objects is what costs, so `kind` folds status, change kind and
# "scheduled after `at`" into one small int:
_FUTURE, _DRAFT, _PUBLISHED, _SUBSTANTIVE = 0, 1, 2, 3


_AT: Any = bindparam("at", type_=TextRevision.__table__.c.created_at.type)  # type: ignore[attr-defined]
_NARROW = (
    select(
        _T.id,
        _T.locality_id,
        _T.service_type_id,
        _T.section,
        _T.lang,
        _RAW_VALID_FROM,
        case(
            (and_(_T.valid_from.is_not(None), _T.valid_from > _AT), literal(_FUTURE)),
            (_T.status != "published", literal(_DRAFT)),
            (_T.change_kind == "substantive", literal(_SUBSTANTIVE)),
            else_=literal(_PUBLISHED),
        ),
    )
    .where(
        _T.pathway_id == bindparam("pathway_id"),
        _T.locality_id.in_(bindparam("layers", expanding=True)),
        _T.created_at <= _AT,
    )
    .order_by(func.coalesce(_T.valid_from, _T.created_at), _T.id)
)


def _id_list(dialect: str) -> Any:
    """`id IN (…)` with the whole list as ONE bound value (JSON on SQLite, an array on PG).

    An expanding IN of a few hundred ids costs more to render per request than the rows
    cost to read; one value keeps the statement cached.
    """
    if dialect == "postgresql":
        return _T.id == func.any(bindparam("ids", type_=ARRAY(Integer)))
    each: Any = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
    return _T.id.in_(each.scalar_subquery())


@cache
def _winners(texts: str, dialect: str) -> Any:
    if texts == "all":
        body = _T.text
    else:  # the map: whether a section has text is enough, links come with theirs
        body = case((_T.section == "links", _T.text), (_T.mode == "hide", None), else_="")
    return (
        select(*_ENTRY_COLS[:7], body, *_ENTRY_COLS[8:], _T.service_type_id)
        .select_from(_T_TABLE)
        .join(_L_TABLE, _L.id == _T.locality_id)
        .join(_ST_TABLE, _ST.id == _T.service_type_id)
        .where(_id_list(dialect))
    )


def load_current(
    session: Session,
    pathway_id: int,
    layers: Sequence[tuple[int, str]],
    *,
    at: datetime,
    preview: bool = False,
    texts: str = "all",
) -> CurrentRows:
    """`current_entries` and `substantive_marks` of the chain's rows at `at`, in two queries.

    `layers` are (id, code), region first. Phase one picks the current entries and the
    marks from narrow rows; phase two reads the winners whole. `texts`: "all" reads every
    winner's text, "links" only the links section's (others get "", None when hidden).
    Same answer as the merge core over `load_rows` (tests/texts/test_load_current.py).
    """
    depth = {loc_id: i for i, (loc_id, _) in enumerate(layers)}
    codes = dict(layers)
    best: dict[tuple[int, int, str, str], int] = {}
    marks_by_id: dict[tuple[int, int, str], int] = {}
    future: list[datetime] = []
    least = _DRAFT if preview else _PUBLISHED
    for rev, loc, st, sec, lang, valid_from, kind in session.execute(
        _NARROW, {"pathway_id": pathway_id, "layers": list(depth), "at": at}
    ).all():
        if kind >= least:
            best[(loc, st, sec, lang)] = rev  # ascending (effective, id): the last one wins
            if kind == _SUBSTANTIVE and rev > marks_by_id.get((loc, st, sec), 0):
                marks_by_id[(loc, st, sec)] = rev
        elif kind == _FUTURE:
            future.append(utc(valid_from))
    current: dict[EntryKey, EntryRow] = {}
    type_codes: dict[int, str] = {}
    ids = list(best.values())
    dialect = session.get_bind().dialect.name
    if ids:
        ids_value: Any = ids if dialect == "postgresql" else orjson.dumps(ids).decode()
        for r in session.execute(_winners(texts, dialect), {"ids": ids_value}).all():
            type_codes[r[14]] = r[3]
            if r[6] == "inherit":  # a tombstone: the layer has no entry
                continue
            entry = EntryRow(
                r[0], r[1], depth[r[2]], r[3], r[4], r[5], r[6], r[7], r[8],
                utc(r[9]), utc(r[10]), r[11], r[12], bool(r[13]),
            )  # fmt: skip
            current[entry.key] = entry
    # Every marked slot of a layer has a winner (the mark itself is a candidate), so the
    # winners name every service type the marks need.
    marks = {(codes[loc], type_codes[st], sec): rev for (loc, st, sec), rev in marks_by_id.items()}
    return CurrentRows(current, marks, future)


def _units_stmt() -> Any:
    own = select(_U.id).where(_U.locality_id.in_(bindparam("chain", expanding=True)))
    caught = select(_UC.unit_id).where(_UC.locality_id == bindparam("target"))
    ids = union_all(own, caught).subquery()
    return (
        select(_U.service_type_id, _U.name, _U.phone, _U.email, _U.url, _U.visiting_address)
        .where(_U.id.in_(select(ids.c[0])))
        .order_by(_U.name, _U.id)
    )


_UNITS = _units_stmt()


def units_for(session: Session, chain: Sequence[LocalityRow]) -> list[UnitRow]:
    """Units visible in the chain's last locality: own, ancestors', and catchments, by name."""
    params = {"chain": [loc.id for loc in chain], "target": chain[-1].id}
    return [UnitRow(*r) for r in session.execute(_UNITS, params).all()]


def pathways_with_hides(session: Session, locality_ids: Sequence[int]) -> set[int]:
    """Pathways that some layer of the chain hides anything in (candidates for 'wholly hidden')."""
    rows = session.execute(
        select(_T.pathway_id)
        .where(_T.locality_id.in_(list(locality_ids)), _T.mode == "hide", _T.section != "links")
        .distinct()
    ).all()
    return {r[0] for r in rows}
