"""Layer snapshots: each layer's current entries of a pathway section, kept with the history.

Picking a layer's current entries out of its history (about five revisions per slot) is
most of what a cold merged view costs. So every transaction that writes revisions also
rewrites, before it commits, the snapshot of each (pathway, layer, section) it touched:
the entries that can be current from then on (the one current now and every scheduled
one after it) with their HTML, and the substantive marks the stale flag needs.

A snapshot records how many revisions it was built from. Revisions are append-only, so a
reader uses a snapshot only while that count still matches; a write that did not rebuild
(a bulk import, the benchmark generator) makes reads slower until `refresh`, never wrong.
Drafts (preview) and moments before a snapshot was built (`as_of` in the past) are read
from the history. tests/texts/test_snapshots.py checks both paths give the same answer.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, event, func, insert, select, text, true
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.changes.log import CHANGE_LOG_LOCK
from app.core.db import is_postgres
from app.models import LayerSnapshot, ServiceType, TextRevision
from app.models.base import utcnow
from app.texts.markdown import render
from app.texts.merge import SECTIONS, EntryKey, EntryRow, SlotLayerKey
from app.texts.queries import CurrentRows, load_current, utc

_T: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_T_TABLE: Any = TextRevision.__table__  # type: ignore[attr-defined]
_S: Any = LayerSnapshot.__table__.c  # type: ignore[attr-defined]
_S_TABLE: Any = LayerSnapshot.__table__  # type: ignore[attr-defined]
_ST: Any = ServiceType.__table__.c  # type: ignore[attr-defined]

# (pathway id, locality id, section)
Layer = tuple[int, int, str]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PENDING = "forlop_snapshot_layers"


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


# --- building ---------------------------------------------------------------------------

_ROWS = (
    select(
        _T.locality_id,
        _T.section,
        _T.id,
        _T.service_type_id,
        _T.lang,
        _T.mode,
        _T.text,
        _T.valid_from,
        _T.created_at,
        _T.based_on,
        _T.change_kind,
        _T.needs_local_adaptation,
        _T.status,
    )
    .where(_T.pathway_id == bindparam("pathway_id"))
    .order_by(_T.locality_id, _T.section)
)


def _body(rows: Sequence[Any], codes: dict[int, str], now: datetime) -> tuple[datetime, bytes]:
    """When the snapshot holds from, and its bytes, for one layer's published revisions."""
    built_at = max([now, *(utc(r.created_at) for r in rows)])
    by_key: dict[tuple[int, str], list[tuple[int, int, Any]]] = defaultdict(list)
    marks: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in rows:
        if r.status != "published":  # drafts count towards `revisions`, never as entries
            continue
        valid_from = utc(r.valid_from)
        effective = _micros(valid_from if valid_from is not None else utc(r.created_at))
        by_key[(r.service_type_id, r.lang)].append((effective, r.id, r))
        if r.change_kind == "substantive":
            marks[r.service_type_id].append((effective, r.id))
    now_us = _micros(built_at)
    entries = []
    for candidates in by_key.values():
        candidates.sort(key=lambda c: (c[0], c[1]))
        past = [c for c in candidates if c[0] <= now_us]
        for effective, rev, r in [*past[-1:], *(c for c in candidates if c[0] > now_us)]:
            valid_from = utc(r.valid_from)
            entries.append([
                rev, codes[r.service_type_id], r.lang, r.mode, r.text,
                render(r.text) if r.text is not None else None,
                _micros(valid_from) if valid_from is not None else None,
                _micros(utc(r.created_at)), r.based_on, r.change_kind,
                bool(r.needs_local_adaptation), effective,
            ])  # fmt: skip
    mark_rows = []
    for st_id, marked in marks.items():
        reached = [rev for effective, rev in marked if effective <= now_us]
        if reached:
            mark_rows.append([codes[st_id], max(reached), 0])
        mark_rows.extend([codes[st_id], rev, eff] for eff, rev in marked if eff > now_us)
    return built_at, orjson.dumps({"entries": entries, "marks": mark_rows})


def _type_codes(session: Session) -> dict[int, str]:
    return {i: c for i, c in session.execute(select(_ST.id, _ST.code)).all()}


def _count_stmt(where: Any) -> Any:
    return (
        select(_T.pathway_id, _T.locality_id, _T.section, func.count())
        .where(where)
        .group_by(_T.pathway_id, _T.locality_id, _T.section)
    )


def rebuild(session: Session, layers: Iterable[Layer], *, now: datetime | None = None) -> int:
    """Rewrite the snapshots of these layers from their revisions; how many were written."""
    wanted: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for pathway_id, locality_id, section in layers:
        wanted[pathway_id].add((locality_id, section))
    if not wanted:
        return 0
    if is_postgres(session):
        # Builders queue behind the change log's lock, so the last snapshot written of a
        # layer saw every revision committed before it (else readers fall back: slower).
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})
    now = now or utcnow()
    codes = _type_codes(session)
    written = 0
    for pathway_id, keys in wanted.items():
        locality_ids = sorted({loc for loc, _ in keys})
        grouped: dict[tuple[int, str], list[Any]] = defaultdict(list)
        rows = session.execute(
            _ROWS.where(_T.locality_id.in_(locality_ids)), {"pathway_id": pathway_id}
        ).all()
        for r in rows:
            grouped[(r.locality_id, r.section)].append(r)
        for loc, sec in sorted(keys):
            session.execute(
                delete(_S_TABLE).where(
                    _S.pathway_id == pathway_id, _S.locality_id == loc, _S.section == sec
                )
            )
            layer_rows = grouped.get((loc, sec), [])
            if not layer_rows:
                continue
            built_at, body = _body(layer_rows, codes, now)
            session.execute(
                insert(_S_TABLE).values(
                    pathway_id=pathway_id,
                    locality_id=loc,
                    section=sec,
                    revisions=len(layer_rows),
                    built_at=built_at,
                    body=body,
                )
            )
            written += 1
    return written


def refresh(session: Session) -> int:
    """Rebuild every snapshot that is missing or behind its revisions (after bulk writes)."""
    actual = {(p, loc, sec): n for p, loc, sec, n in session.execute(_count_stmt(true())).all()}
    held = {
        (p, loc, sec): n
        for p, loc, sec, n in session.execute(
            select(_S.pathway_id, _S.locality_id, _S.section, _S.revisions)
        ).all()
    }
    return rebuild(session, [key for key, n in actual.items() if held.get(key) != n])


# Every ORM write of a revision schedules its layer; the rebuild runs in the same
# transaction just before it commits, so a snapshot never shows an uncommitted write.
@event.listens_for(OrmSession, "after_flush")
def _note_layers(session: OrmSession, _: Any) -> None:
    for obj in session.new:
        if isinstance(obj, TextRevision):
            session.info.setdefault(_PENDING, set()).add(
                (obj.pathway_id, obj.locality_id, obj.section)
            )


@event.listens_for(OrmSession, "before_commit")
def _rebuild_pending(session: OrmSession) -> None:
    if session.info.get(_PENDING) is None and not any(
        isinstance(obj, TextRevision) for obj in session.new
    ):
        return
    session.flush()
    pending = session.info.pop(_PENDING, set())
    rebuild(session, pending)  # type: ignore[arg-type]


@event.listens_for(OrmSession, "after_rollback")
def _forget_layers(session: OrmSession) -> None:
    session.info.pop(_PENDING, None)


# --- reading ----------------------------------------------------------------------------

_SNAPSHOTS = select(
    _S.pathway_id, _S.locality_id, _S.section, _S.revisions, _S.built_at, _S.body
).where(
    _S.pathway_id.in_(bindparam("pathways", expanding=True)),
    _S.locality_id.in_(bindparam("layers", expanding=True)),
    _S.section.in_(bindparam("sections", expanding=True)),
)
_COUNTS = _count_stmt(
    _T.pathway_id.in_(bindparam("pathways", expanding=True))
    & _T.locality_id.in_(bindparam("layers", expanding=True))
    & _T.section.in_(bindparam("sections", expanding=True))
)


def read(
    session: Session,
    pathway_ids: Sequence[int],
    layers: Sequence[tuple[int, str]],
    *,
    at: datetime,
    sections: Sequence[str] = SECTIONS,
) -> dict[int, CurrentRows]:
    """`CurrentRows` at `at` from the snapshots, for each pathway whose snapshots are whole.

    `layers` are (id, code), region first. A pathway left out of the answer has a layer
    whose snapshot is missing, behind its revisions, or newer than `at`.
    """
    params = {
        "pathways": list(pathway_ids),
        "layers": [loc for loc, _ in layers],
        "sections": list(sections),
    }
    counts = {(p, loc, sec): n for p, loc, sec, n in session.execute(_COUNTS, params).all()}
    found: dict[int, list[tuple[int, str, bytes]]] = defaultdict(list)
    usable: set[Layer] = set()
    for p, loc, sec, revisions, built_at, body in session.execute(_SNAPSHOTS, params).all():
        if counts.get((p, loc, sec)) == revisions and utc(built_at) <= at:
            usable.add((p, loc, sec))
            found[p].append((loc, sec, body))
    broken = {p for key in counts if key not in usable for p in (key[0],)}
    depth = {code: i for i, (_, code) in enumerate(layers)}
    codes = dict(layers)
    return {
        p: _decode(found.get(p, []), codes, depth, _micros(at))
        for p in pathway_ids
        if p not in broken
    }


def _decode(
    bodies: Sequence[tuple[int, str, bytes]],
    codes: dict[int, str],
    depth: dict[str, int],
    at_us: int,
) -> CurrentRows:
    """Pick, per key, the latest candidate in effect at `at_us`; marks likewise."""
    best: dict[EntryKey, tuple[int, int, list[Any]]] = {}
    marks: dict[SlotLayerKey, int] = {}
    future: list[datetime] = []
    remember, known = render.remember, render.known
    for loc, sec, body in bodies:
        code = codes[loc]
        data = orjson.loads(body)
        for e in data["entries"]:
            if e[4] is not None and e[5] is not None and not known(e[4]):
                remember(e[4], e[5])  # a cold view renders only what it merges anew
            effective = e[11]
            if effective > at_us:
                future.append(_moment(e[6]))
                continue
            key = (code, e[1], sec, e[2])
            held = best.get(key)
            if held is None or (effective, e[0]) > held[:2]:
                best[key] = (effective, e[0], e)
        for st, rev, effective in data["marks"]:
            if effective <= at_us and rev > marks.get((code, st, sec), 0):
                marks[(code, st, sec)] = rev
    current: dict[EntryKey, EntryRow] = {}
    for key, (_, _, e) in best.items():
        if e[3] == "inherit":  # a tombstone: the layer has no entry
            continue
        current[key] = EntryRow(
            e[0], key[0], depth[key[0]], e[1], key[2], e[2], e[3], e[4], "published",
            _moment(e[6]) if e[6] is not None else None, _moment(e[7]), e[8], e[9], e[10],
        )  # fmt: skip
    return CurrentRows(current, marks, future)


def current(
    session: Session,
    pathway_id: int,
    layers: Sequence[tuple[int, str]],
    *,
    at: datetime,
    preview: bool = False,
) -> CurrentRows:
    """The chain's current entries and marks at `at`: from the snapshots when they are
    whole, else (and always for drafts) from the history."""
    if not preview:
        found = read(session, [pathway_id], layers, at=at).get(pathway_id)
        if found is not None:
            return found
    return load_current(session, pathway_id, layers, at=at, preview=preview)
