"""The search index's postings of one pathway in one layer, held decoded per process.

A locality's view of a pathway is made of the entries of that pathway's layers on its
chain, and the region's layer (most of every view) is the same for all localities: its
postings are read from the index once and shared. A written text moves only its own
pathway's layer, so only that is read again. A version is the count and sum of
`search_layer`'s revision counts, which every indexed write moves (revisions are only
ever added).
"""

import sys
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from app.models import SearchEntry, SearchLayer, SearchTerm

_ENTRY: Any = SearchEntry.__table__.c  # type: ignore[attr-defined]
_ENTRY_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]
_TERM: Any = SearchTerm.__table__.c  # type: ignore[attr-defined]
_LAYER: Any = SearchLayer.__table__.c  # type: ignore[attr-defined]

Terms = tuple[tuple[str, int], ...]

_VERSIONS = (
    select(_LAYER.pathway_id, _LAYER.locality_id, func.count(), func.sum(_LAYER.revisions))
    .where(_LAYER.locality_id.in_(bindparam("layers", expanding=True)))
    .where(_LAYER.pathway_id.in_(bindparam("pathways", expanding=True)))
    .group_by(_LAYER.pathway_id, _LAYER.locality_id)
)
_POSTINGS = (
    select(_ENTRY.pathway_id, _TERM.revision_id, _TERM.term, _TERM.tf)
    .join(_ENTRY_TABLE, _ENTRY.revision_id == _TERM.revision_id)
    .where(_ENTRY.locality_id == bindparam("layer"))
    .where(_ENTRY.pathway_id.in_(bindparam("pathways", expanding=True)))
    .order_by(_TERM.revision_id)
)

_lock = threading.Lock()
# (database, pathway id, layer id) → (version, revision id → terms)
_held: dict[tuple[str, int, int], tuple[tuple[int, int], dict[int, Terms]]] = {}


def of_layers(
    session: Session, pathway_ids: Sequence[int], locality_ids: Sequence[int]
) -> dict[int, Terms]:
    """Every indexed entry of these pathways in these layers (by revision id), with terms."""
    url = str(session.get_bind().engine.url)
    params = {"layers": list(locality_ids), "pathways": list(pathway_ids)}
    versions = {
        (pathway, loc): (int(n), int(total or 0))
        for pathway, loc, n, total in session.execute(_VERSIONS, params).all()
    }
    out: dict[int, Terms] = {}
    for loc in locality_ids:
        stale = [
            p
            for p in pathway_ids
            if (held := _held.get((url, p, loc))) is None
            or held[0] != versions.get((p, loc), (0, 0))
        ]
        if stale:
            read: dict[int, dict[int, list[tuple[str, int]]]] = {p: {} for p in stale}
            rows = session.execute(_POSTINGS, {"layer": loc, "pathways": stale}).all()
            for pathway, rev, term, tf in rows:
                read[pathway].setdefault(rev, []).append((sys.intern(term), tf))
            with _lock:
                for p, entries in read.items():
                    version = versions.get((p, loc), (0, 0))
                    _held[(url, p, loc)] = (version, {r: tuple(t) for r, t in entries.items()})
        for p in pathway_ids:
            out.update(_held[(url, p, loc)][1])
    return out


def clear() -> None:
    """Forget every held layer (tests and benchmarks)."""
    with _lock:
        _held.clear()
