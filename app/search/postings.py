"""The search index's postings of one layer, held decoded per process while it is unchanged.

A locality's view is made of the entries of the layers on its chain, and the region's
layer (most of every view) is the same for all of them: its postings are read from the
index once and shared. A layer's version is the count and sum of `search_layer`'s
revision counts, which every indexed write moves (revisions are only ever added).
"""

import sys
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from app.models import SearchEntry, SearchLayer, SearchTerm

_SEARCH_ENTRY: Any = SearchEntry.__table__.c  # type: ignore[attr-defined]
_SEARCH_ENTRY_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]
_SEARCH_TERM: Any = SearchTerm.__table__.c  # type: ignore[attr-defined]
_SEARCH_LAYER: Any = SearchLayer.__table__.c  # type: ignore[attr-defined]

Terms = tuple[tuple[str, int], ...]

_VERSIONS = (
    select(_SEARCH_LAYER.locality_id, func.count(), func.sum(_SEARCH_LAYER.revisions))
    .where(_SEARCH_LAYER.locality_id.in_(bindparam("layers", expanding=True)))
    .group_by(_SEARCH_LAYER.locality_id)
)
_POSTINGS = (
    select(_SEARCH_TERM.revision_id, _SEARCH_TERM.term, _SEARCH_TERM.tf)
    .join(_SEARCH_ENTRY_TABLE, _SEARCH_ENTRY.revision_id == _SEARCH_TERM.revision_id)
    .where(_SEARCH_ENTRY.locality_id == bindparam("layer"))
    .order_by(_SEARCH_TERM.revision_id)
)

_lock = threading.Lock()
_held: dict[tuple[str, int], tuple[tuple[int, int], dict[int, Terms]]] = {}


def of_layers(session: Session, locality_ids: Sequence[int]) -> dict[int, Terms]:
    """Every indexed entry of these layers (by revision id) with its terms and counts."""
    url = str(session.get_bind().engine.url)
    versions = {
        loc: (int(n), int(total or 0))
        for loc, n, total in session.execute(_VERSIONS, {"layers": list(locality_ids)}).all()
    }
    out: dict[int, Terms] = {}
    for loc in locality_ids:
        version = versions.get(loc, (0, 0))
        held = _held.get((url, loc))
        if held is None or held[0] != version:
            entries: dict[int, list[tuple[str, int]]] = {}
            for rev, term, tf in session.execute(_POSTINGS, {"layer": loc}).all():
                entries.setdefault(rev, []).append((sys.intern(term), tf))
            held = (version, {rev: tuple(found) for rev, found in entries.items()})
            with _lock:
                _held[(url, loc)] = held
        out.update(held[1])
    return out


def clear() -> None:
    """Forget every held layer (tests and benchmarks)."""
    with _lock:
        _held.clear()
