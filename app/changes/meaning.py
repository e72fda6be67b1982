"""What a change means, as plain functions: its kind, whether it is a tombstone, and
which merged views it touches. No I/O; app/changes/impact.py feeds it the data."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.localities import tree

# Entities whose changes alter merged views, and how widely (beyond the subtree of the
# entry's locality): a catalogue or pathway change reaches every locality.
VIEW_ENTITIES = frozenset({"text", "locality", "service_unit", "service_type", "pathway"})
# Actions that change nothing published: the view stays as it was.
NO_VIEW_ACTIONS = frozenset({"cancel", "due"})


@dataclass(frozen=True, slots=True)
class ViewRef:
    """A merged view: `locality` None is every locality, `pathway` None every pathway."""

    locality: str | None
    pathway: str | None


@dataclass(frozen=True, slots=True)
class SlotRef:
    """The slot and language a text entry's id names (`angst/bup/role/nb[@r12]`)."""

    pathway: str
    service_type: str
    section: str
    lang: str


def is_tombstone(action: str) -> bool:
    """A deletion: the entity (or a layer's entry) is gone; keep its id, drop its content."""
    return action == "delete"


def parse_text_id(entity_id: str) -> SlotRef | None:
    """The slot a text entry's id names; None when it is not a text id."""
    parts = entity_id.split("@", 1)[0].split("/")
    if len(parts) != 4 or not all(parts):
        return None
    return SlotRef(*parts)


def views_changed(
    entity: str,
    action: str,
    locality: str | None,
    pathway: str | None,
    parents: Mapping[str, str | None],
    adopters: Iterable[str] = (),
) -> list[ViewRef]:
    """The merged views a change alters: its locality's subtree (and the subtrees of the
    localities that adopted the pathway from it), or everyone's."""
    if entity not in VIEW_ENTITIES or action in NO_VIEW_ACTIONS:
        return []
    if locality is None or locality not in parents:
        return [ViewRef(None, pathway)]
    codes = tree.subtree(parents, locality)
    for adopter in adopters:
        codes.extend(c for c in tree.subtree(parents, adopter) if c not in codes)
    return [ViewRef(code, pathway) for code in codes]
