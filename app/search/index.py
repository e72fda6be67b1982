"""Keeping the search index: each layer's entries, written with the layer snapshots.

What the index holds, and why. Merged text differs per locality, but it is always made of
layer entries: the region's base text and the overrides on the locality's chain. So the
index holds every layer's entries once (a revision that can be current: the one current
now, every scheduled one after it, and later drafts), and a query asks the merge which of
them the locality sees (`app.search.service`). Indexing merged sections per locality
instead would multiply the base texts by every locality below the region (71 views of
each slot in Helse Vest, ~9 times the rows; see README), and a change to the base text
would rewrite all of them. A scheduled revision that takes effect needs no write: it is
indexed already, and the merge picks it from its `valid_from` on.

The index is derived data, kept in the transaction of every write that rebuilds a layer
snapshot (`install` adds `reindex` to `snapshots.rebuild_hooks`) and rebuilt by
`refresh` where it is behind (`forlop migrate`, `forlop import`, the benchmarks).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, text, tuple_
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from app.core.db import is_postgres
from app.core.timestamps import utc
from app.models import LayerSnapshot, SearchEntry, SearchLayer, SearchTerm, SearchWord
from app.search.analysis import terms
from app.texts import snapshots
from app.texts.snapshot_cache import Layer

_SEARCH_ENTRY: Any = SearchEntry.__table__.c  # type: ignore[attr-defined]
_SEARCH_ENTRY_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]
_SEARCH_TERM_TABLE: Any = SearchTerm.__table__  # type: ignore[attr-defined]
_SEARCH_LAYER: Any = SearchLayer.__table__.c  # type: ignore[attr-defined]
_SEARCH_LAYER_TABLE: Any = SearchLayer.__table__  # type: ignore[attr-defined]
_SEARCH_WORD_TABLE: Any = SearchWord.__table__  # type: ignore[attr-defined]
_LAYER_SNAPSHOT: Any = LayerSnapshot.__table__.c  # type: ignore[attr-defined]

_CHUNK = 5_000


def entries_of(rows: Sequence[Any], now: datetime) -> list[Any]:
    """The revisions of one layer section that some view can show from `now` on.

    Per service type and language, ordered as the merge orders them (effective time, id):
    the current published revision and everything after it (scheduled ones, and drafts a
    preview sees); revisions without text (hide, tombstones) are not searched.
    """
    by_key: dict[tuple[int, str], list[tuple[datetime, int, Any]]] = defaultdict(list)
    for r in rows:
        effective = utc(r.valid_from) or utc(r.created_at)
        by_key[(r.service_type_id, r.lang)].append((effective, r.id, r))
    kept: list[Any] = []
    for candidates in by_key.values():
        candidates.sort(key=lambda c: (c[0], c[1]))
        start = 0
        for i, (effective, _, r) in enumerate(candidates):
            if r.status == "published" and effective <= now:
                start = i
        kept.extend(r for _, _, r in candidates[start:] if r.mode in ("replace", "append"))
    return [r for r in kept if r.text]


# A write indexes a revision or two and some hundred terms. On PostgreSQL each table's rows
# go as INSERT … SELECT FROM unnest(arrays), and a write's four tables as one statement:
# one round trip, and one statement text for any number of rows (a multi-row VALUES was
# compiled anew for every new row count: a sixth of a PUT, py-spy). SQLite runs in the
# process: executemany with one compiled statement.
Batch = tuple[Any, list[dict[str, Any]], str]  # a table, its rows, what to do on conflict
Shape = tuple[tuple[Any, tuple[str, ...], str], ...]  # per batch: table, columns, conflict
_UNNEST: dict[Shape, Any] = {}


def _unnest_sql(table: Any, columns: tuple[str, ...], on_conflict: str, prefix: str) -> str:
    """An INSERT of one array per column (parameters `{prefix}{column}`); `on_conflict`:
    "" (none), "ignore", or a column to update from the new row when the key exists."""
    dialect = postgresql.dialect()
    arrays = ", ".join(
        f"CAST(:{prefix}{name} AS {table.c[name].type.compile(dialect=dialect)}[])"
        for name in columns
    )
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM unnest({arrays})"
    if on_conflict == "ignore":
        return sql + " ON CONFLICT DO NOTHING"
    if on_conflict:
        keys = ", ".join(c.name for c in table.primary_key.columns)
        return sql + f" ON CONFLICT ({keys}) DO UPDATE SET {on_conflict} = EXCLUDED.{on_conflict}"
    return sql


def _unnest(session: Session, batches: list[Batch]) -> None:
    """One PostgreSQL statement inserting these batches (made once per shape): one INSERT,
    or several chained as data-modifying WITH queries (the terms' foreign key is checked
    at the statement's end, when the entries are there)."""
    shape = tuple((table, tuple(rows[0]), on_conflict) for table, rows, on_conflict in batches)
    stmt = _UNNEST.get(shape)
    if stmt is None:
        parts = [_unnest_sql(*batch, f"b{i}_") for i, batch in enumerate(shape)]
        chained = ", ".join(f"w{i} AS ({sql})" for i, sql in enumerate(parts[:-1]))
        stmt = _UNNEST[shape] = text(f"WITH {chained} {parts[-1]}" if chained else parts[-1])
    params = {
        f"b{i}_{name}": [row[name] for row in rows]
        for i, (_, rows, _) in enumerate(batches)
        for name in rows[0]
    }
    session.execute(stmt, params)


def _insert_all(session: Session, batches: list[Batch]) -> None:
    """Insert each batch's rows (all with the same keys), in order: on PostgreSQL a write's
    batches as one statement, bulk ones (a refresh) a chunk at a time."""
    batches = [batch for batch in batches if batch[1]]
    if not batches:
        return
    if not is_postgres(session):
        for table, rows, on_conflict in batches:
            _executemany(session, table, rows, on_conflict)
    elif all(len(rows) <= _CHUNK for _, rows, _ in batches):
        _unnest(session, batches)
    else:
        for table, rows, on_conflict in batches:
            for i in range(0, len(rows), _CHUNK):
                _unnest(session, [(table, rows[i : i + _CHUNK], on_conflict)])


def _executemany(
    session: Session, table: Any, rows: list[dict[str, Any]], on_conflict: str
) -> None:
    """SQLite: one compiled INSERT, executed for every row (in the process: no round trips)."""
    stmt: Any = sqlite_insert(table) if on_conflict else insert(table)
    if on_conflict == "ignore":
        stmt = stmt.on_conflict_do_nothing()
    elif on_conflict:
        keys = [c.name for c in table.primary_key.columns]
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={on_conflict: stmt.excluded[on_conflict]}
        )
    for i in range(0, len(rows), _CHUNK):
        session.execute(stmt, rows[i : i + _CHUNK])


def reindex(session: Session, layers: dict[Layer, list[Any]], now: datetime) -> None:
    """Make the index of these layer sections match their revision rows, in this transaction.

    Revisions never change, so only revisions that came or went are written.
    """
    if not layers:
        return
    keys = list(layers)
    wanted = {r.id: (key, r) for key, rows in layers.items() for r in entries_of(rows, now)}
    held: set[int] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        held.update(
            session.execute(
                select(_SEARCH_ENTRY.revision_id).where(
                    tuple_(
                        _SEARCH_ENTRY.pathway_id, _SEARCH_ENTRY.locality_id, _SEARCH_ENTRY.section
                    ).in_(chunk)
                )
            ).scalars()
        )
    gone = sorted(held - set(wanted))
    for i in range(0, len(gone), _CHUNK):
        ids = gone[i : i + _CHUNK]
        # Their terms go with them (ON DELETE CASCADE, SQLite's foreign keys are on).
        session.execute(delete(_SEARCH_ENTRY_TABLE).where(_SEARCH_ENTRY.revision_id.in_(ids)))
    entries, postings = [], []
    vocabulary: set[str] = set()
    for rev_id, ((pathway_id, locality_id, section), r) in wanted.items():
        if rev_id in held:
            continue
        entries.append({
            "revision_id": rev_id, "pathway_id": pathway_id, "locality_id": locality_id,
            "service_type_id": r.service_type_id, "section": section, "lang": r.lang,
        })  # fmt: skip
        for term, tf in terms(r.text).items():
            postings.append({"term": term, "revision_id": rev_id, "tf": tf})
            vocabulary.add(term)
    words = [{"word": w} for w in sorted(vocabulary)]
    counted = _record_layers(session, {key: len(rows) for key, rows in layers.items()})
    _insert_all(
        session,
        [
            (_SEARCH_ENTRY_TABLE, entries, ""),
            (_SEARCH_TERM_TABLE, postings, ""),
            (_SEARCH_WORD_TABLE, words, "ignore"),
            (_SEARCH_LAYER_TABLE, counted, "revisions"),
        ],
    )


def _record_layers(session: Session, counts: dict[Layer, int]) -> list[dict[str, Any]]:
    """How many revisions each layer section's index was built from: the rows to upsert,
    after deleting those of sections whose last revision is gone."""
    gone = [key for key, n in counts.items() if not n]
    for i in range(0, len(gone), 500):
        chunk = gone[i : i + 500]
        session.execute(
            delete(_SEARCH_LAYER_TABLE).where(
                tuple_(
                    _SEARCH_LAYER.pathway_id, _SEARCH_LAYER.locality_id, _SEARCH_LAYER.section
                ).in_(chunk)
            )
        )
    return [
        {"pathway_id": p, "locality_id": loc, "section": sec, "revisions": n}
        for (p, loc, sec), n in counts.items()
        if n
    ]


def install() -> None:
    """Keep the search index in every transaction that rebuilds layer snapshots (idempotent)."""
    if reindex not in snapshots.rebuild_hooks:
        snapshots.rebuild_hooks.append(reindex)


def behind(session: Session) -> list[Layer]:
    """Layer sections whose index was not built from the revisions they have now."""
    joined = (
        select(_LAYER_SNAPSHOT.pathway_id, _LAYER_SNAPSHOT.locality_id, _LAYER_SNAPSHOT.section)
        .select_from(
            LayerSnapshot.__table__.outerjoin(  # type: ignore[attr-defined]
                _SEARCH_LAYER_TABLE,
                and_(
                    _SEARCH_LAYER.pathway_id == _LAYER_SNAPSHOT.pathway_id,
                    _SEARCH_LAYER.locality_id == _LAYER_SNAPSHOT.locality_id,
                    _SEARCH_LAYER.section == _LAYER_SNAPSHOT.section,
                ),
            )
        )
        .where(
            or_(
                _SEARCH_LAYER.revisions.is_(None),
                _SEARCH_LAYER.revisions != _LAYER_SNAPSHOT.written,
            )
        )
    )
    found = [(p, loc, sec) for p, loc, sec in session.execute(joined).all()]
    orphans = session.execute(
        select(_SEARCH_LAYER.pathway_id, _SEARCH_LAYER.locality_id, _SEARCH_LAYER.section).where(
            ~tuple_(_SEARCH_LAYER.pathway_id, _SEARCH_LAYER.locality_id, _SEARCH_LAYER.section).in_(
                select(
                    _LAYER_SNAPSHOT.pathway_id, _LAYER_SNAPSHOT.locality_id, _LAYER_SNAPSHOT.section
                )
            )
        )
    ).all()
    return found + [(p, loc, sec) for p, loc, sec in orphans]


def refresh(session: Session, layers: Iterable[Layer] | None = None) -> int:
    """Rebuild the index (and snapshots) of every layer section that is behind; how many."""
    install()
    todo = list(layers) if layers is not None else behind(session)
    if todo:
        snapshots.rebuild(session, todo)
    return len(todo)


def clear(session: Session) -> None:
    """Empty the index (a full rebuild follows with `refresh`)."""
    for table in (_SEARCH_TERM_TABLE, _SEARCH_ENTRY_TABLE, _SEARCH_LAYER_TABLE, _SEARCH_WORD_TABLE):
        session.execute(delete(table))
