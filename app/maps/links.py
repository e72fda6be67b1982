"""Referral links as layered content: the canonical document and its merge; no I/O.

A links entry is a text revision of section `links` in `nb` whose text is the canonical
JSON of a `LinksDoc`. The slot is merged like any text (`merge_slot`: replace, append,
hide, provenance, staleness); the contributing layers' documents are then read in order:
a replace starts the list afresh, an append adds the links the list lacks and may turn
the entry point on, a hide leaves no links.
"""

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.texts.merge import EntryKey, EntryRow, Provenance, SlotLayerKey, merge_slot

LINKS_SECTION = "links"
LINKS_LANG = "nb"
MAX_LABEL = 200


@dataclass(frozen=True, slots=True)
class Link:
    """One referral or hand-over from a service to another; `back` marks a hand-back."""

    service_type: str
    label: str = ""
    back: bool = False


@dataclass(frozen=True, slots=True)
class LinksDoc:
    """What one layer says about one service: whom it refers to, whether it notices first."""

    refers_to: tuple[Link, ...] = ()
    entry_point: bool = False


@dataclass(frozen=True, slots=True)
class MergedLink:
    """A link in the merged list and the layer it came from."""

    service_type: str
    label: str
    back: bool
    locality: str
    mode: str
    revision: int


@dataclass(frozen=True, slots=True)
class MergedLinks:
    """One service's links merged over a chain."""

    service_type: str
    refers_to: tuple[MergedLink, ...]
    entry_point: bool
    hidden: bool
    layers: tuple[Provenance, ...]
    origin: str | None
    stale: bool

    @property
    def empty(self) -> bool:
        return not self.layers


def canonical(doc: LinksDoc) -> str:
    """The stored text of a document: sorted keys, no spaces, `back` only when set."""
    items: list[dict[str, Any]] = []
    for link in doc.refers_to:
        item: dict[str, Any] = {"label": link.label, "service_type": link.service_type}
        if link.back:
            item["back"] = True
        items.append(item)
    data = {"entry_point": doc.entry_point, "refers_to": items}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@functools.lru_cache(maxsize=4096)  # the same regional links are read for every municipality
def parse(text: str | None) -> LinksDoc:
    """The document stored in a revision; anything unreadable counts as no links."""
    if not text:
        return LinksDoc()
    try:
        data = json.loads(text)
    except ValueError:
        return LinksDoc()
    if not isinstance(data, dict):
        return LinksDoc()
    links = []
    for item in data.get("refers_to") or []:
        if isinstance(item, dict) and isinstance(item.get("service_type"), str):
            label = item.get("label")
            links.append(
                Link(
                    item["service_type"],
                    label if isinstance(label, str) else "",
                    item.get("back") is True,
                )
            )
    return LinksDoc(tuple(links), data.get("entry_point") is True)


def dedupe(links: Sequence[Link]) -> tuple[Link, ...]:
    """The links in order, each target once (the first one wins)."""
    seen: set[str] = set()
    out = []
    for link in links:
        if link.service_type not in seen:
            seen.add(link.service_type)
            out.append(link)
    return tuple(out)


def merge_links(
    chain_codes: Sequence[str],
    current: Mapping[EntryKey, EntryRow],
    service_type: str,
    *,
    marks: Mapping[SlotLayerKey, int] | None = None,
) -> MergedLinks:
    """Merge one service's links over the chain (region first), reusing the text merge."""
    slot = merge_slot(chain_codes, current, service_type, LINKS_SECTION, LINKS_LANG, marks=marks)
    refers: list[MergedLink] = []
    entry_point = False
    if not slot.hidden:
        for prov in slot.layers:
            entry = current.get((prov.locality, service_type, LINKS_SECTION, prov.lang))
            doc = parse(entry.text if entry is not None else None)
            if prov.mode == "replace":
                refers, entry_point = [], doc.entry_point
            else:
                entry_point = entry_point or doc.entry_point
            have = {link.service_type for link in refers}
            for link in dedupe(doc.refers_to):
                if link.service_type in have or link.service_type == service_type:
                    continue
                refers.append(
                    MergedLink(
                        link.service_type,
                        link.label,
                        link.back,
                        prov.locality,
                        prov.mode,
                        prov.revision,
                    )
                )
    return MergedLinks(
        service_type=service_type,
        refers_to=tuple(refers),
        entry_point=entry_point,
        hidden=slot.hidden,
        layers=slot.layers,
        origin=slot.origin,
        stale=slot.stale,
    )


def services_with_links(
    chain_codes: Sequence[str], current: Mapping[EntryKey, EntryRow]
) -> set[str]:
    """Service types some layer of the chain has a links entry for."""
    chain = set(chain_codes)
    return {st for (loc, st, sec, _) in current if sec == LINKS_SECTION and loc in chain}
