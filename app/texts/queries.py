"""The reads the merge needs: a fixed number of Core queries, whatever the pathway's size.

The tree, pathways and catalogue are read by their owners (`app.localities.lookups`,
`app.pathways.lookups`, `app.catalog.lookups`); here only text revisions."""

from collections.abc import Sequence
from datetime import datetime
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
)
from sqlmodel import Session

from app.core.timestamps import utc
from app.models import Locality, ServiceType, TextRevision
from app.texts.merge import EntryKey, EntryRow, SlotLayerKey

# Column handles, typed loosely: SQLModel's class attributes are not Core columns to mypy.
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_SERVICE_TYPE: Any = ServiceType.__table__.c  # type: ignore[attr-defined]
_TEXT_REVISION: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_LOCALITY_TABLE: Any = Locality.__table__  # type: ignore[attr-defined]
_SERVICE_TYPE_TABLE: Any = ServiceType.__table__  # type: ignore[attr-defined]
_TEXT_REVISION_TABLE: Any = TextRevision.__table__  # type: ignore[attr-defined]


# The times are read raw and converted here: the column type's per-value processing
# costs more than the whole merge on a big view.
_RAW_VALID_FROM: Any = literal_column("text_revision.valid_from")
_RAW_CREATED_AT: Any = literal_column("text_revision.created_at")


_ENTRY_COLS = (
    _TEXT_REVISION.id,
    _LOCALITY.code,
    _TEXT_REVISION.locality_id,
    _SERVICE_TYPE.code,
    _TEXT_REVISION.section,
    _TEXT_REVISION.lang,
    _TEXT_REVISION.mode,
    _TEXT_REVISION.text,
    _TEXT_REVISION.status,
    _RAW_VALID_FROM,
    _RAW_CREATED_AT,
    _TEXT_REVISION.based_on,
    _TEXT_REVISION.change_kind,
    _TEXT_REVISION.needs_local_adaptation,
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
        .select_from(_TEXT_REVISION_TABLE)
        .join(_LOCALITY_TABLE, _LOCALITY.id == _TEXT_REVISION.locality_id)
        .join(_SERVICE_TYPE_TABLE, _SERVICE_TYPE.id == _TEXT_REVISION.service_type_id)
        .where(
            _TEXT_REVISION.pathway_id == pathway_id,
            _TEXT_REVISION.locality_id.in_(list(locality_ids)),
        )
    )
    if service_type_id is not None:
        stmt = stmt.where(_TEXT_REVISION.service_type_id == service_type_id)
    if section is not None:
        stmt = stmt.where(_TEXT_REVISION.section == section)
    if at is not None:
        stmt = stmt.where(_TEXT_REVISION.created_at <= at)
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
        _TEXT_REVISION.id,
        _TEXT_REVISION.locality_id,
        _TEXT_REVISION.service_type_id,
        _TEXT_REVISION.section,
        _TEXT_REVISION.lang,
        _RAW_VALID_FROM,
        case(
            (
                and_(_TEXT_REVISION.valid_from.is_not(None), _TEXT_REVISION.valid_from > _AT),
                literal(_FUTURE),
            ),
            (_TEXT_REVISION.status != "published", literal(_DRAFT)),
            (_TEXT_REVISION.change_kind == "substantive", literal(_SUBSTANTIVE)),
            else_=literal(_PUBLISHED),
        ),
    )
    .where(
        _TEXT_REVISION.pathway_id == bindparam("pathway_id"),
        _TEXT_REVISION.locality_id.in_(bindparam("layers", expanding=True)),
        _TEXT_REVISION.created_at <= _AT,
    )
    .order_by(
        func.coalesce(_TEXT_REVISION.valid_from, _TEXT_REVISION.created_at), _TEXT_REVISION.id
    )
)


def _id_list(dialect: str) -> Any:
    """`id IN (…)` with the whole list as ONE bound value (JSON on SQLite, an array on PG).

    An expanding IN of a few hundred ids costs more to render per request than the rows
    cost to read; one value keeps the statement cached.
    """
    if dialect == "postgresql":
        return _TEXT_REVISION.id == func.any(bindparam("ids", type_=ARRAY(Integer)))
    each: Any = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
    return _TEXT_REVISION.id.in_(each.scalar_subquery())


@cache
def _winners(texts: str, dialect: str) -> Any:
    if texts == "all":
        body = _TEXT_REVISION.text
    else:  # the map: whether a section has text is enough, links come with theirs
        body = case(
            (_TEXT_REVISION.section == "links", _TEXT_REVISION.text),
            (_TEXT_REVISION.mode == "hide", None),
            else_="",
        )
    return (
        select(*_ENTRY_COLS[:7], body, *_ENTRY_COLS[8:], _TEXT_REVISION.service_type_id)
        .select_from(_TEXT_REVISION_TABLE)
        .join(_LOCALITY_TABLE, _LOCALITY.id == _TEXT_REVISION.locality_id)
        .join(_SERVICE_TYPE_TABLE, _SERVICE_TYPE.id == _TEXT_REVISION.service_type_id)
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


def pathways_with_hides(session: Session, locality_ids: Sequence[int]) -> set[int]:
    """Pathways that some layer of the chain hides anything in (candidates for 'wholly hidden')."""
    rows = session.execute(
        select(_TEXT_REVISION.pathway_id)
        .where(
            _TEXT_REVISION.locality_id.in_(list(locality_ids)),
            _TEXT_REVISION.mode == "hide",
            _TEXT_REVISION.section != "links",
        )
        .distinct()
    ).all()
    return {r[0] for r in rows}
