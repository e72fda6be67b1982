"""Put one locality's map together from merged rows: nodes, edges, findings; no I/O."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.catalog.lookups import ServiceTypeRow, UnitRow, name_in
from app.maps import graph
from app.maps.links import LINKS_SECTION, MergedLinks, merge_links, services_with_links
from app.texts.merge import (
    SECTIONS,
    EntryKey,
    EntryRow,
    MergedSlot,
    SlotLayerKey,
    merge_pathway,
    merge_slot,
)


@dataclass(frozen=True)
class Split:
    """The current entries of a pathway, texts apart from links."""

    texts: dict[EntryKey, EntryRow]
    links: dict[EntryKey, EntryRow]
    marks: Mapping[SlotLayerKey, int]


def split(current: Mapping[EntryKey, EntryRow], marks: Mapping[SlotLayerKey, int]) -> Split:
    """Separate link entries from text entries (the text merge must never see links)."""
    texts = {k: v for k, v in current.items() if k[2] != LINKS_SECTION}
    links = {k: v for k, v in current.items() if k[2] == LINKS_SECTION}
    return Split(texts, links, marks)


@dataclass(frozen=True)
class MapData:
    """A pathway's map for one locality, before it becomes JSON."""

    in_use: bool
    nodes: list[graph.Node]
    edges: list[graph.Edge]
    merged_links: dict[str, MergedLinks]
    removed: list[dict[str, Any]]
    slots: dict[str, dict[str, MergedSlot]]
    findings: list[graph.Finding]


def build(
    chain_codes: Sequence[str],
    data: Split,
    order: Sequence[str],
    types: Mapping[str, ServiceTypeRow],
    units: Mapping[int, Sequence[UnitRow]],
    units_expected: set[int],
    lang: str,
) -> MapData:
    """Merge texts and links over the chain and read the graph and its findings from them."""
    services = merge_pathway(
        chain_codes, data.texts, order, lang, marks=data.marks, include_hidden=True
    )
    in_use = any(not s.hidden for s in services)
    slots = {s.service_type: dict(s.sections) for s in services}
    hidden = {s.service_type for s in services if s.hidden}
    sources = list(slots)
    sources += sorted(services_with_links(chain_codes, data.links) - set(sources))
    merged = {
        st: merge_links(chain_codes, data.links, st, marks=data.marks)
        for st in sources
        if st in types
    }
    codes = [st for st in sources if st in types]
    for ml in list(merged.values()):
        for link in ml.refers_to:
            if link.service_type not in merged and link.service_type in types:
                codes.append(link.service_type)
                merged[link.service_type] = merge_links(
                    chain_codes, data.links, link.service_type, marks=data.marks
                )
    for st in codes:
        if st not in slots:
            slots[st] = {
                sec: merge_slot(chain_codes, data.texts, st, sec, lang, marks=data.marks)
                for sec in SECTIONS
            }
    region = chain_codes[0]
    in_pathway = set(order)
    nodes = []
    for st in codes:
        row = types[st]
        sections = slots[st]
        missing = tuple(k for k in SECTIONS if sections[k].empty)
        stale = tuple(k for k in SECTIONS if sections[k].stale)
        if merged[st].stale:
            stale += (LINKS_SECTION,)
        nodes.append(
            graph.Node(
                service_type=st,
                name=name_in(row, lang),
                level=row.level,
                hidden=st in hidden,
                entry_point=merged[st].entry_point,
                in_pathway=st in in_pathway,
                unit_count=len(units.get(row.id, ())),
                units_expected=row.id in units_expected,
                missing_sections=() if st in hidden else missing,
                stale_sections=stale,
            )
        )
    edges = [
        graph.Edge(st, link.service_type, link.label, link.back, link.locality != region)
        for st in codes
        for link in merged[st].refers_to
        if link.service_type in types
    ]
    removed = []
    if len(chain_codes) > 1:
        for st in codes:
            base = merge_links(chain_codes[:1], data.links, st)
            kept = {link.service_type for link in merged[st].refers_to}
            decided = next(
                (p.locality for p in merged[st].layers if p.mode in ("replace", "hide")),
                region,
            )
            for link in base.refers_to:
                if link.service_type not in kept:
                    removed.append(
                        {
                            "source": st,
                            "target": link.service_type,
                            "label": link.label,
                            "removed_by": decided,
                        }
                    )
    return MapData(
        in_use=in_use,
        nodes=nodes,
        edges=edges,
        merged_links=merged,
        removed=removed,
        slots=slots,
        findings=graph.findings(nodes, edges),
    )


def _unit_json(unit: UnitRow) -> dict[str, Any]:
    return {
        "name": unit.name,
        "phone": unit.phone,
        "email": unit.email,
        "url": unit.url,
        "visiting_address": unit.visiting_address,
    }


def units_json(units: Mapping[int, Sequence[UnitRow]], st: ServiceTypeRow) -> list[dict[str, Any]]:
    """The units of a service type, as the API shows them."""
    return [_unit_json(u) for u in units.get(st.id, ())]


def to_json(
    data: MapData,
    *,
    pathway: dict[str, Any],
    locality: dict[str, Any],
    lang: str,
    types: Mapping[str, ServiceTypeRow],
    units: Mapping[int, Sequence[UnitRow]],
    region: str,
) -> dict[str, Any]:
    """The map as the API serves it."""
    nodes = []
    for n in data.nodes:
        ml = data.merged_links[n.service_type]
        nodes.append(
            {
                "service_type": n.service_type,
                "name": n.name,
                "level": n.level,
                "in_pathway": n.in_pathway,
                "local_only": not n.in_pathway,
                "hidden": n.hidden,
                "entry_point": n.entry_point,
                "units": units_json(units, types[n.service_type]),
                "links": {
                    "origin": ml.origin,
                    "hidden": ml.hidden,
                    "stale": ml.stale,
                    "layers": [
                        {"locality": p.locality, "mode": p.mode, "revision": p.revision}
                        for p in ml.layers
                    ],
                },
            }
        )
    edges = []
    for st, ml in data.merged_links.items():
        for link in ml.refers_to:
            if link.service_type not in types:
                continue
            edges.append(
                {
                    "source": st,
                    "target": link.service_type,
                    "label": link.label,
                    "back": link.back,
                    "origin": "regional" if link.locality == region else "local",
                    "layer": {
                        "locality": link.locality,
                        "mode": link.mode,
                        "revision": link.revision,
                    },
                }
            )
    findings = [f.as_json() for f in data.findings]
    return {
        "pathway": pathway,
        "locality": locality,
        "lang": lang,
        "in_use": data.in_use,
        "nodes": nodes,
        "edges": edges,
        "removed_edges": data.removed,
        "entry_points": [n.service_type for n in data.nodes if n.entry_point and not n.hidden],
        "findings": findings,
        "counts": graph.counts(data.findings),
    }
