"""Which cached reads a write makes stale, as plain functions over slot numbers.

A write moves a few *slots* (counters shared by every process, see `cache.py`); a cached
read remembers the slots it depends on and is served only while none of them moved. A
text written in one layer moves the slots of that pathway in that layer, so the views of
other pathways, and of localities outside the layer's subtree, stay warm:

- `ANY` moves with every content write (reads that depend on everything);
- `GLOBAL` moves with writes that reach every view: the catalogue, the locality tree,
  pathway metadata, and any entry without a locality;
- `{pathway}@{layer}` moves with a pathway's texts and links written in a layer;
- `#{pathway id}@+` moves when a layer section gets its first revision of the pathway or
  loses its last: which layers hold text of the pathway (merges shared between
  localities, `held_shapes.layers_with_text`) can change only then. The layer snapshots'
  rebuild, which reads the section's revisions, moves it (`snapshots.rebuild`);
- `{layer}*` moves with any pathway's texts written in a layer (reads over all pathways:
  the service map, search);
- `{layer}!` moves with what a layer holds outside pathways (its units).

Slots are hashed into a fixed table, so two scopes may share one: that can only make a
read rebuild more often, never serve something stale.
"""

import zlib
from collections.abc import Iterable, Sequence

SLOTS = 1 << 17  # 1 MiB of 8-byte counters
ANY = 0
GLOBAL = 1

# Entries of these entities change what every view shows, wherever they were written.
_EVERYWHERE = frozenset({"locality", "service_type", "pathway"})
# Entries of these entities change merged content; everything else (cases, events,
# proposals, reviews) only moves `ANY`.
_CONTENT = frozenset({"text", "service_unit"}) | _EVERYWHERE


def slot(scope: str) -> int:
    """The slot a scope is counted in (stable across processes and hosts)."""
    return 2 + zlib.crc32(scope.encode()) % (SLOTS - 2)


def written(entity: str, locality: str | None, pathway: str | None) -> frozenset[int]:
    """The slots a change-log entry moves."""
    if entity not in _CONTENT:
        return frozenset({ANY})
    if entity in _EVERYWHERE or locality is None:
        return frozenset({ANY, GLOBAL})
    if pathway is None:
        return frozenset({ANY, UNITS, slot(f"{locality}!")})
    return frozenset({ANY, slot(f"{locality}*"), slot(f"{pathway}@{locality}")})


# Moves with every unit written anywhere: a map's findings know which services have units
# at all (an "expected" service), wherever they are.
UNITS = 2 + zlib.crc32(b"units anywhere") % (SLOTS - 2)


def of_pathway(chain: Sequence[str], pathway: str) -> tuple[int, ...]:
    """The slots a view of one pathway at the end of `chain` depends on."""
    return (
        GLOBAL,
        *(slot(f"{pathway}@{code}") for code in chain),
        *(slot(f"{code}!") for code in chain),
    )


def of_layers(codes: Sequence[str], pathway: str) -> tuple[int, ...]:
    """The slots a merge of one pathway over exactly these layers depends on (its texts in
    them, and the pathway, its service types and the catalogue)."""
    return (GLOBAL, *(slot(f"{pathway}@{code}") for code in codes))


def text_layers(pathway_id: int) -> int:
    """The slot that moves when a layer gets its first text of a pathway or loses its last."""
    return slot(f"#{pathway_id}@+")


def with_text(pathway_id: int) -> tuple[int, ...]:
    """The slots of which layers hold text of a pathway: a layer's first or last, and bulk
    writes (an import moves `GLOBAL`)."""
    return (GLOBAL, text_layers(pathway_id))


def of_locality(chain: Sequence[str]) -> tuple[int, ...]:
    """The slots a read over every pathway at the end of `chain` depends on."""
    return (GLOBAL, *(slot(f"{code}*") for code in chain), *(slot(f"{code}!") for code in chain))


def payload(slots: Iterable[int]) -> str:
    """The slots as a notification payload (PostgreSQL allows 8,000 bytes)."""
    text = ",".join(str(s) for s in sorted(set(slots)))
    return text if len(text) < 7_900 else "*"


def parse_payload(text: str) -> frozenset[int] | None:
    """The slots a payload names; None for "everything" (or a payload we cannot read)."""
    if not text or text == "*":
        return None
    try:
        found = frozenset(int(part) for part in text.split(","))
    except ValueError:
        return None
    return found if all(0 <= s < SLOTS for s in found) else None
