"""Layer snapshots: each layer's current entries of a pathway section, kept with the history.

Picking a layer's current entries out of its history (about five revisions per slot) is
most of what a cold merged view costs. So every transaction that writes revisions also
rewrites, before it commits, the snapshot of each (pathway, layer, section) it touched:
the entries that can be current from then on (the one current now and every scheduled
one after it) with their HTML, and the substantive marks the stale flag needs.

A snapshot records how many revisions it was built from (`revisions`); triggers keep
how many the layer section has (`written`, migration 0008). A reader uses a snapshot
only while the two are equal, so a write that did not rebuild (a bulk import, the
benchmark generator, SQL by hand) makes reads slower until `refresh`, never wrong.
Drafts (preview) and moments before a snapshot was built (`as_of` in the past) are read
from the history. tests/texts/test_snapshots.py checks both paths give the same answer.
Decoded snapshots are kept per process (`app.texts.snapshot_cache`), checked on every read.
Readers do not call this module: they read through `app.texts.merged`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.core.config import get_settings
from app.core.db import is_postgres
from app.core.timestamps import utc
from app.models import LayerSnapshot, ServiceType, TextRevision
from app.models.base import utcnow
from app.texts import freshness
from app.texts.markdown import render
from app.texts.merge import SECTIONS
from app.texts.queries import CurrentRows
from app.texts.read_cache import mark_changed
from app.texts.snapshot_cache import Layer, LayerCache, assemble, decode, micros

# Column handles, typed loosely: SQLModel's class attributes are not Core columns to mypy.
_revision: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_snapshot: Any = LayerSnapshot.__table__.c  # type: ignore[attr-defined]
_snapshot_table: Any = LayerSnapshot.__table__  # type: ignore[attr-defined]
_service_type: Any = ServiceType.__table__.c  # type: ignore[attr-defined]

_PENDING = "forlop_snapshot_layers"

# --- building ---------------------------------------------------------------------------

_ROWS = (
    select(
        _revision.locality_id,
        _revision.section,
        _revision.id,
        _revision.service_type_id,
        _revision.lang,
        _revision.mode,
        _revision.text,
        _revision.valid_from,
        _revision.created_at,
        _revision.based_on,
        _revision.change_kind,
        _revision.needs_local_adaptation,
        _revision.status,
    )
    .where(_revision.pathway_id == bindparam("pathway_id"))
    .order_by(_revision.locality_id, _revision.section)
)


def _body(rows: Sequence[Any], codes: dict[int, str], now: datetime) -> tuple[datetime, str]:
    """When the snapshot holds from, and its JSON, for one layer's published revisions."""
    built_at = max([now, *(utc(r.created_at) for r in rows)])
    by_key: dict[tuple[int, str], list[tuple[int, int, Any]]] = defaultdict(list)
    marks: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in rows:
        if r.status != "published":  # drafts count towards `revisions`, never as entries
            continue
        valid_from = utc(r.valid_from)
        effective = micros(valid_from if valid_from is not None else utc(r.created_at))
        by_key[(r.service_type_id, r.lang)].append((effective, r.id, r))
        if r.change_kind == "substantive":
            marks[r.service_type_id].append((effective, r.id))
    now_us = micros(built_at)
    entries = []
    for candidates in by_key.values():
        candidates.sort(key=lambda c: (c[0], c[1]))
        past = [c for c in candidates if c[0] <= now_us]
        for effective, rev, r in [*past[-1:], *(c for c in candidates if c[0] > now_us)]:
            valid_from = utc(r.valid_from)
            html, flags = render.with_flags(r.text) if r.text is not None else (None, 0)
            entries.append([
                rev, codes[r.service_type_id], r.lang, r.mode, r.text, html,
                micros(valid_from) if valid_from is not None else None,
                micros(utc(r.created_at)), r.based_on, r.change_kind,
                bool(r.needs_local_adaptation), effective, flags,
            ])  # fmt: skip
    mark_rows = []
    for st_id, marked in marks.items():
        reached = [rev for effective, rev in marked if effective <= now_us]
        if reached:
            mark_rows.append([codes[st_id], max(reached), 0])
        mark_rows.extend([codes[st_id], rev, eff] for eff, rev in marked if eff > now_us)
    return built_at, orjson.dumps({"entries": entries, "marks": mark_rows}).decode()


def _type_codes(session: Session, ids: set[int]) -> dict[int, str]:
    """The service types' codes: as held, unless one of `ids` is new to the catalogue (a
    transaction that adds a service type and its texts at once, such as an import)."""
    from app.texts import held_shapes  # here: held_shapes reads this module

    held = held_shapes.service_type_codes(session)
    if ids <= held.keys():
        return held
    return {i: c for i, c in session.execute(select(_service_type.id, _service_type.code)).all()}


def _upsert_statement(insert: Any) -> Any:
    stmt = insert(_snapshot_table)
    return stmt.on_conflict_do_update(
        index_elements=["pathway_id", "locality_id", "section"],
        set_={name: stmt.excluded[name] for name in ("revisions", "built_at", "body")},
    )


# Made once: building `excluded` anew cost a fifth of a snapshot rebuild (py-spy).
_UPSERT = {"postgresql": _upsert_statement(pg_insert), "sqlite": _upsert_statement(sqlite_insert)}


def _upsert(session: Session, values: dict[str, Any]) -> None:
    stmt = _UPSERT["postgresql" if is_postgres(session) else "sqlite"]
    session.execute(stmt, {**values, "written": values["revisions"]})


# Derived data kept beside the snapshots (the search index: `app.search.index.install`):
# called in the same transaction, per pathway, with the layer sections rebuilt and their rows.
RebuildHook = Callable[[Session, dict[Layer, list[Any]], datetime], None]
rebuild_hooks: list[RebuildHook] = []


def rebuild(session: Session, layers: Iterable[Layer], *, now: datetime | None = None) -> int:
    """Rewrite the snapshots of these layers from their revisions; how many were written."""
    wanted: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for pathway_id, locality_id, section in layers:
        wanted[pathway_id].add((locality_id, section))
    if not wanted:
        return 0
    now = now or utcnow()
    written = 0
    reshaped: set[int] = set()  # pathways a layer got its first text of, or lost its last
    # In one order in every transaction (pathway, layer, section), so that two rebuilds of
    # several layers lock their snapshot rows without waiting on each other in a circle.
    for pathway_id, keys in sorted(wanted.items()):
        rebuilt: dict[Layer, list[Any]] = {}
        locality_ids = sorted({loc for loc, _ in keys})
        sections = sorted({sec for _, sec in keys})
        grouped: dict[tuple[int, str], list[Any]] = defaultdict(list)
        # Only the sections written: a write runs this holding its layer's snapshot row, and
        # a region's layer holds the history of every section of the pathway.
        rows = session.execute(
            _ROWS.where(_revision.locality_id.in_(locality_ids), _revision.section.in_(sections)),
            {"pathway_id": pathway_id},
        ).all()
        for r in rows:
            grouped[(r.locality_id, r.section)].append(r)
        codes = _type_codes(session, {r.service_type_id for r in rows})
        for loc, sec in sorted(keys):
            layer_rows = grouped.get((loc, sec), [])
            rebuilt[(pathway_id, loc, sec)] = layer_rows
            if len(layer_rows) <= 1:
                reshaped.add(pathway_id)
            if not layer_rows:
                session.execute(
                    delete(_snapshot_table).where(
                        _snapshot.pathway_id == pathway_id,
                        _snapshot.locality_id == loc,
                        _snapshot.section == sec,
                    )
                )
                continue
            built_at, body = _body(layer_rows, codes, now)
            values = {"pathway_id": pathway_id, "locality_id": loc, "section": sec}
            _upsert(session, {**values, "revisions": len(layer_rows), "built_at": built_at,
                              "body": body})  # fmt: skip
            written += 1
        for hook in rebuild_hooks:
            hook(session, rebuilt, now)
    if reshaped:  # which layers hold text of these pathways may have changed
        mark_changed(session, {freshness.text_layers(p) for p in reshaped})
    return written


def refresh(session: Session) -> int:
    """Rebuild every snapshot whose body is missing or behind its revisions (after bulk writes)."""
    behind = session.execute(
        select(_snapshot.pathway_id, _snapshot.locality_id, _snapshot.section).where(
            _snapshot.revisions != _snapshot.written
        )
    ).all()
    return rebuild(session, [(p, loc, sec) for p, loc, sec in behind])


@contextmanager
def bulk_revisions(session: Session) -> Iterator[None]:
    """Around a bulk insert of revisions into a database no one else writes (an import).

    SQLite runs the counting trigger once per row, which doubled an import's time: here it
    is dropped for the insert and made again from its stored definition, and the counts
    written once from the history, all in the caller's transaction (SQLite's DDL is
    transactional; its write lock keeps other writers out). PostgreSQL counts per
    statement already.
    """
    if is_postgres(session):
        yield
        return
    found = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": _INSERT_TRIGGER},
    ).first()
    if found is None:  # a database before migration 0008
        yield
        return
    session.execute(text(f"DROP TRIGGER {_INSERT_TRIGGER}"))
    yield
    session.execute(text(found.sql))
    session.execute(delete(_snapshot_table))
    session.execute(text(_COUNT_ALL))


_INSERT_TRIGGER = "text_revision_written_insert"
_COUNT_ALL = (
    "INSERT INTO layer_snapshot (pathway_id, locality_id, section, written, revisions) "
    "SELECT pathway_id, locality_id, section, count(*), 0 FROM text_revision "
    "GROUP BY pathway_id, locality_id, section"
)


# Every ORM write of a revision schedules its layer; the rebuild runs in the same
# transaction just before it commits, so a snapshot never shows an uncommitted write.
# Writers of one layer section queue on its snapshot row, which the insert's trigger
# locks until commit: the rebuild of the later one sees the earlier one's revision.
# Session hooks, registered by `app.commit_hooks.install_session_hooks`:
def note_layers(session: OrmSession, _: Any) -> None:
    for obj in session.new:
        if isinstance(obj, TextRevision):
            session.info.setdefault(_PENDING, set()).add(
                (obj.pathway_id, obj.locality_id, obj.section)
            )


def rebuild_pending(session: OrmSession) -> None:
    if session.info.get(_PENDING) is None and not any(
        isinstance(obj, TextRevision) for obj in session.new
    ):
        return
    session.flush()
    pending = session.info.pop(_PENDING, set())
    rebuild(session, pending)  # type: ignore[arg-type]


def forget_layers(session: OrmSession) -> None:
    session.info.pop(_PENDING, None)


# --- reading ----------------------------------------------------------------------------

cache = LayerCache(get_settings().layer_cache_entries)

# Three IN lists, not a row-value IN: SQLite searches the primary key only for these,
# and a scan would read every snapshot's body pages.
_IN_LAYERS = (
    _snapshot.pathway_id.in_(bindparam("pathways", expanding=True)),
    _snapshot.locality_id.in_(bindparam("layers", expanding=True)),
    _snapshot.section.in_(bindparam("sections", expanding=True)),
)
_HEADS = select(
    _snapshot.pathway_id,
    _snapshot.locality_id,
    _snapshot.section,
    _snapshot.revisions,
    _snapshot.written,
    _snapshot.built_at,
).where(*_IN_LAYERS)
_BODIES = select(
    _snapshot.pathway_id,
    _snapshot.locality_id,
    _snapshot.section,
    _snapshot.revisions,
    _snapshot.built_at,
    _snapshot.body,
).where(*_IN_LAYERS)


def layers_with_text(session: Session, pathway_id: int) -> frozenset[int]:
    """The layers (locality ids) that hold any revision of the pathway: the triggers keep a
    snapshot row for every layer section written, whoever wrote it."""
    found = session.execute(
        select(_snapshot.locality_id).where(_snapshot.pathway_id == pathway_id).distinct()
    ).scalars()
    return frozenset(found)


def _bodies(session: Session, wanted: Sequence[Layer]) -> dict[Layer, tuple[int, Any, str]]:
    params = {
        "pathways": sorted({p for p, _, _ in wanted}),
        "layers": sorted({loc for _, loc, _ in wanted}),
        "sections": sorted({sec for _, _, sec in wanted}),
    }
    keep = set(wanted)
    return {
        (p, loc, sec): (n, built_at, body)
        for p, loc, sec, n, built_at, body in session.execute(_BODIES, params).all()
        if (p, loc, sec) in keep
    }


def read(
    session: Session,
    pathway_ids: Sequence[int],
    layers: Sequence[tuple[int, str]],
    *,
    at: datetime,
    sections: Sequence[str] = SECTIONS,
    latest: bool = False,
) -> dict[int, CurrentRows]:
    """`CurrentRows` at `at` from the snapshots, for each pathway whose snapshots are whole.

    `layers` are (id, code), region first. A pathway left out of the answer has a layer
    whose snapshot is missing, behind its revisions, or newer than `at`. One query when
    the process holds the snapshots decoded, two when it must fetch their bodies.

    `latest`: `at` is only the moment the read began, and a snapshot a write rebuilt since
    may move it forward (what a read a moment later would show). Without it, every read
    that overlaps a write to one of its layers falls back to the history (measured under
    mixed load: over half of a service map's time).
    """
    params = {
        "pathways": list(pathway_ids),
        "layers": [loc for loc, _ in layers],
        "sections": list(sections),
    }
    depth = {loc: i for i, (loc, _) in enumerate(layers)}
    codes = dict(layers)
    at_us = micros(at)
    broken: set[int] = set()
    found: dict[Layer, Any] = {}
    missing: dict[Layer, int] = {}
    heads = session.execute(_HEADS, params).all()
    if latest:
        at_us = max([at_us, *(micros(utc(h.built_at)) for h in heads if h.built_at is not None)])
    for p, loc, sec, revisions, written, built_at in heads:
        built_us = micros(utc(built_at)) if built_at is not None else None
        if revisions != written or built_us is None or built_us > at_us:
            broken.add(p)
            continue
        key = (p, loc, sec)
        found[key] = cache.get(key, revisions=revisions, built_at_us=built_us, depth=depth[loc])
        if found[key] is None:
            missing[key] = revisions
    wanted = [key for key in missing if key[0] not in broken]
    for key, (revisions, built_at, body) in _bodies(session, wanted).items() if wanted else ():
        if revisions != missing[key] or body is None:  # rebuilt between the two queries
            broken.add(key[0])
            continue
        p, loc, sec = key
        decoded = decode(body, code=codes[loc], depth=depth[loc], section=sec,
                         revisions=revisions, built_at_us=micros(utc(built_at)))  # fmt: skip
        cache.put(key, decoded)
        found[key] = decoded
    by_pathway: dict[int, list[Any]] = defaultdict(list)
    for (p, _, _), decoded in found.items():
        if decoded is None:
            broken.add(p)
        by_pathway[p].append(decoded)
    out = {}
    for p in pathway_ids:
        if p not in broken:
            out[p] = CurrentRows(*assemble(by_pathway.get(p, []), at_us))
    return out
