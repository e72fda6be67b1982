"""Layer snapshots decoded once per process, and the merge input at a moment built from them.

A snapshot body (`app.texts.snapshots`) holds a layer section's entries that can be
current from when it was built: the current one of every key and every scheduled one
after it. Decoding it (JSON, then one `EntryRow` per entry) cost more than the rest of a
cold view, and the region's snapshots serve every locality's view; so decoded layers are
kept per process, keyed by the layer and checked against the `revisions` and `built_at`
the reader has just read from the database: a rebuilt snapshot never matches an old one.
"""

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from app.texts.markdown import render
from app.texts.merge import EntryKey, EntryRow, SlotLayerKey

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NEVER = 2**63

# (pathway id, locality id, section)
Layer = tuple[int, int, str]


def micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def moment(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


@dataclass(frozen=True, slots=True)
class DecodedLayer:
    """One snapshot as the merge needs it: what holds from `built_at`, what comes after.

    `fixed` is every key's entry current at `built_at` (tombstones left out), `scheduled`
    the later ones in effect order, `(effective, key, entry or None for a tombstone,
    valid_from)`; the marks likewise. Shared between requests: never mutated.
    """

    revisions: int
    built_at_us: int
    depth: int
    fixed: dict[EntryKey, EntryRow]
    fixed_marks: dict[SlotLayerKey, int]
    scheduled: tuple[tuple[int, EntryKey, EntryRow | None, datetime], ...]
    scheduled_marks: tuple[tuple[int, SlotLayerKey, int], ...]
    entries: int

    @property
    def next_change_us(self) -> int:
        return self.scheduled[0][0] if self.scheduled else _NEVER


def decode(
    body: str | bytes, *, code: str, depth: int, section: str, revisions: int, built_at_us: int
) -> DecodedLayer:
    """Turn a snapshot body into entries; its HTML fills the Markdown memo on the way."""
    data = orjson.loads(body)
    remember, known = render.remember, render.known
    latest: dict[EntryKey, tuple[int, int, EntryRow | None]] = {}
    scheduled: list[tuple[int, int, EntryKey, EntryRow | None, datetime]] = []
    for e in data["entries"]:
        text, html = e[4], e[5]
        if text is not None and html is not None and not known(text):
            remember(text, html, e[12])  # a cold view renders only what it merges anew
        key = (code, e[1], section, e[2])
        entry = None
        if e[3] != "inherit":  # a tombstone: the layer has no entry from then on
            entry = EntryRow(
                e[0], code, depth, e[1], section, e[2], e[3], text, "published",
                moment(e[6]) if e[6] is not None else None, moment(e[7]), e[8], e[9], e[10],
                html, e[12],
            )  # fmt: skip
        effective = e[11]
        if effective > built_at_us:
            scheduled.append((effective, e[0], key, entry, moment(e[6])))
            continue
        held = latest.get(key)
        if held is None or (effective, e[0]) > held[:2]:
            latest[key] = (effective, e[0], entry)
    fixed = {key: entry for key, (_, _, entry) in latest.items() if entry is not None}
    fixed_marks: dict[SlotLayerKey, int] = {}
    scheduled_marks = []
    for st, rev, effective in data["marks"]:
        key_ = (code, st, section)
        if effective <= built_at_us:
            fixed_marks[key_] = max(rev, fixed_marks.get(key_, 0))
        else:
            scheduled_marks.append((effective, key_, rev))
    scheduled.sort(key=lambda s: (s[0], s[1]))
    return DecodedLayer(
        revisions,
        built_at_us,
        depth,
        fixed,
        fixed_marks,
        tuple((eff, key, entry, vf) for eff, _, key, entry, vf in scheduled),
        tuple(sorted(scheduled_marks)),
        len(data["entries"]),
    )


def assemble(
    decoded: Iterable[DecodedLayer], at_us: int
) -> tuple[dict[EntryKey, EntryRow], dict[SlotLayerKey, int], list[datetime]]:
    """The current entries, marks and later valid_froms of these layers at `at_us`."""
    current: dict[EntryKey, EntryRow] = {}
    marks: dict[SlotLayerKey, int] = {}
    future: list[datetime] = []
    for layer in decoded:
        current.update(layer.fixed)
        marks.update(layer.fixed_marks)
        if at_us < layer.next_change_us:  # marks are scheduled with their entries
            future.extend(vf for _, _, _, vf in layer.scheduled)
            continue
        for effective, key, entry, valid_from in layer.scheduled:
            if effective > at_us:
                future.append(valid_from)
            elif entry is None:
                current.pop(key, None)
            else:
                current[key] = entry
        for effective, slot, rev in layer.scheduled_marks:
            if effective <= at_us and rev > marks.get(slot, 0):
                marks[slot] = rev
    return current, marks, future


class LayerCache:
    """Decoded layers by (pathway, locality, section); least recently used out past a bound.

    The bound counts entries, not layers: a region layer holds ten times a municipality's.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._layers: OrderedDict[Layer, DecodedLayer] = OrderedDict()
        self._entries = 0
        self._lock = threading.Lock()

    def get(self, layer: Layer, *, revisions: int, built_at_us: int, depth: int) -> Any:
        """The decoded layer if it was decoded from exactly this snapshot, else None."""
        with self._lock:
            found = self._layers.get(layer)
            if found is None:
                return None
            if (found.revisions, found.built_at_us, found.depth) != (revisions, built_at_us, depth):
                return None
            self._layers.move_to_end(layer)
            return found

    def put(self, layer: Layer, decoded: DecodedLayer) -> None:
        with self._lock:
            old = self._layers.pop(layer, None)
            if old is not None:
                self._entries -= old.entries
            if decoded.entries > self.max_entries:
                return
            self._layers[layer] = decoded
            self._entries += decoded.entries
            while self._entries > self.max_entries:
                _, evicted = self._layers.popitem(last=False)
                self._entries -= evicted.entries

    def clear(self) -> None:
        with self._lock:
            self._layers.clear()
            self._entries = 0

    def __len__(self) -> int:
        return len(self._layers)
