"""The JSON service map assembled from parts, one per pathway, held in the read cache.

A service map merges every pathway in use at a locality (25 pathways of 40 services at
Helse Vest scale: 2 MB of JSON). A write changes one pathway, so after it only that
pathway's part is merged and serialised again; the others are taken as held (under the
slots of the pathway's layers that hold its text) and the map is spliced together from
their bytes. A part is shared by every locality whose layers holding text of the pathway
are the same (`held_shapes.layers_with_text`), so after a region's write the written
pathway is merged once for all the municipalities that only inherit it. The bytes are
exactly those of `service_map.to_json` over `content.service_map`
(`tests/exports/test_map_parts.py` compares them); the other formats are built whole from
`content.service_map`.
"""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from app.core.http import to_json_bytes
from app.exports.content import arrange, pathway_entries
from app.exports.service_map import entry_json, service_type_json, unit_json
from app.localities.lookups import LocalityRow
from app.models.base import utcnow
from app.pathways.lookups import PathwayRow
from app.texts import freshness, held_shapes, merged
from app.texts.read_cache import expiry_of, get_cache

# (service type code, that service's JSON in this pathway), in the pathway's order.
Part = tuple[tuple[str, bytes], ...]


def service_map_json(session: Session, *, code: str, lang: str) -> tuple[bytes, list[Any]]:
    """The JSON service map of `code` and the `valid_from`s it depends on."""
    chain = held_shapes.locality_chain(session, code)
    now = utcnow()
    in_use = held_shapes.layers_in_use(session, chain)
    pathways = [p for p in held_shapes.published_pathways(session) if p.id in in_use]
    types = held_shapes.service_types_by_id(session)
    every_order = held_shapes.pathway_orders(session)
    orders = {p.id: every_order[p.id] for p in pathways if p.id in every_order}
    cache = get_cache()
    parts: dict[int, Part] = {}
    valid_froms: list[datetime | None] = []
    missing: list[tuple[PathwayRow, list[LocalityRow], tuple[Any, ...], Any]] = []
    for pathway in pathways:
        # A part is shared by the localities whose layers holding text of the pathway are
        # the same: after a region's write, one merge for every municipality that inherits.
        shared = held_shapes.layers_with_text(session, pathway, in_use[pathway.id])
        key = ("service-map-part", pathway.id, tuple(loc.id for loc in shared), lang)
        token = cache.token(freshness.of_layers([loc.code for loc in shared], pathway.slug))
        held = cache.get(key, token)
        if held is None:
            missing.append((pathway, shared, key, token))
            continue
        parts[pathway.id] = held.value
        if held.expires_at is not None:
            valid_froms.append(datetime.fromtimestamp(held.expires_at, UTC))
    # The missing parts' rows, read together for the pathways that share their layers.
    by_layers: dict[tuple[int, ...], tuple[list[LocalityRow], list[int]]] = {}
    for pathway, shared, _, _ in missing:
        layer_ids = tuple(loc.id for loc in shared)
        by_layers.setdefault(layer_ids, (shared, []))[1].append(pathway.id)
    currents: dict[int, Any] = {}
    for shared, ids in by_layers.values():
        layers = merged.layers_of(shared)
        currents.update(merged.current_all(session, ids, layers, at=now, latest=True))
    for pathway, shared, key, token in missing:
        rows = currents[pathway.id]
        entries = pathway_entries(pathway, shared, rows, orders.get(pathway.id, []), types, lang)
        part: Part = tuple((st_code, to_json_bytes(entry_json(e))) for st_code, e in entries)
        parts[pathway.id] = part
        valid_froms.extend(rows.valid_froms)
        cache.put(
            key,
            body=b"",
            etag="",
            token=token,
            expires_at=expiry_of(list(rows.valid_froms), now=now),
            value=part,
            size=sum(len(json) for _, json in part),
        )
    found: dict[str, list[bytes]] = {}
    for pathway in pathways:
        for st_code, json in parts[pathway.id]:
            found.setdefault(st_code, []).append(json)
    units = held_shapes.visible_units_at(session, chain)
    services = [
        b'{"service_type":%b,"units":%b,"pathways":[%b]}'
        % (
            to_json_bytes(service_type_json(st, lang)),
            to_json_bytes([unit_json(u) for u in st_units]),
            b",".join(shown),
        )
        for st, st_units, shown in arrange(found, types, orders, units)
    ]
    locality = chain[-1]
    head = {
        "code": locality.code,
        "name": locality.name,
        "kind": locality.kind,
        "chain": [c.code for c in chain],
    }
    body = b'{"locality":%b,"lang":%b,"services":[%b]}' % (
        to_json_bytes(head),
        to_json_bytes(lang),
        b",".join(services),
    )
    return body, valid_froms
