"""What a locality sees: its merged sections, and which layer entries make each of them.

Built with the merged read every view uses (`app.texts.merged.merge_all`), never a
second merge. A query keeps a hit only where an indexed entry
is one of the layers of a visible merged section: an override elsewhere, a region text
the locality replaced, a hidden slot or a draft outside preview never surfaces.

The locality's units and service types are read here too, for the same reasons.

Kept per process for published content, one `Part` per pathway and locality, under the
freshness slots of that pathway's view (`app.texts.freshness`) and until the next
scheduled revision takes effect (the merged views' rules): a write rebuilds only the
parts of the written pathway below the written layer.
"""

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.catalog.lookups import (
    ServiceTypeRow,
    name_in,
    service_types,
    service_types_by_code,
    visible_units,
)
from app.localities.lookups import LocalityRow
from app.models.base import SECTION_LABELS
from app.pathways.lookups import PathwayRow, pathways_by_status, title_in
from app.search import postings, vocabulary
from app.search.analysis import label_terms, terms
from app.search.ranking import saturate
from app.texts import freshness, held_shapes, merged
from app.texts.merge import MergedSlot
from app.texts.read_cache import expiry_of, get_cache

# One part is one pathway at one locality in one language (a few hundred kB at most at
# Helse Vest scale); 4,096 hold every pathway of about 80 localities in both languages.
MAX_PARTS = 4096


@dataclass(frozen=True, slots=True)
class Section:
    """One merged section a locality sees, with what its labels say."""

    pathway: PathwayRow
    service_type: ServiceTypeRow
    section: str
    slot: MergedSlot
    labels: frozenset[str]
    key: str  # stable across requests: orders ties and pages


@dataclass(frozen=True, slots=True)
class Listing:
    """A unit or service type present in the locality ("hvem gjør hva"), as searched."""

    kind: str  # "unit" or "service_type"
    key: str
    service_type_id: int
    terms: dict[str, int]
    labels: frozenset[str]
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Part:
    """One pathway's visible sections at a locality, and their terms.

    `postings`: term → (indexes into `sections`, the term's saturated count in each merged
    section, which sums the counts of every layer entry the merge used). `labels`: term →
    sections whose labels (pathway title, service type name, section label) hold it.
    """

    sections: list[Section]
    postings: dict[str, tuple[Sequence[int], Sequence[float]]]
    labels: dict[str, list[int]]
    valid_froms: list[datetime]


@dataclass(frozen=True, slots=True)
class Visible:
    """A locality's searchable view: one part per pathway in use, its units and types.

    `sections` is the concatenation of the parts' sections: a section is found by its
    place there (a part's section `i` is at the part's offset plus `i`).
    """

    parts: list[Part]
    listings: list[Listing]
    sections: list[Section]

    @classmethod
    def of(cls, parts: list[Part], listings: list[Listing]) -> "Visible":
        return cls(parts, listings, [sec for part in parts for sec in part.sections])

    def located(self) -> Iterator[tuple[int, Part]]:
        """Each part with the index of its first section."""
        offset = 0
        for part in self.parts:
            yield offset, part
            offset += len(part.sections)


def _part_postings(
    entries: dict[int, postings.Terms], sections: list[Section]
) -> tuple[dict[str, tuple[Sequence[int], Sequence[float]]], dict[str, list[int]]]:
    by_term: dict[str, tuple[list[int], list[int]]] = {}
    labels: dict[str, list[int]] = {}
    for i, sec in enumerate(sections):
        counts: dict[str, int] = {}
        for layer in sec.slot.layers:
            for term, tf in entries.get(layer.revision, ()):
                counts[term] = counts.get(term, 0) + tf
        for term, tf in counts.items():
            found = by_term.get(term)
            if found is None:
                found = by_term[term] = ([], [])
            found[0].append(i)
            found[1].append(tf)
        for term in sec.labels:
            labels.setdefault(term, []).append(i)
    # Arrays, not lists: a view of the whole region holds ~100,000 of these numbers.
    shares: dict[str, tuple[Sequence[int], Sequence[float]]] = {
        term: (array("i", ids), array("d", [saturate(tf) for tf in tfs]))
        for term, (ids, tfs) in by_term.items()
    }
    return shares, labels


def _listings(
    session: Session, chain: list[LocalityRow], parts: list[Part], lang: str
) -> list[Listing]:
    """The service types present (in a pathway shown here, or with a unit) and the units."""
    types = service_types(session)
    units = visible_units(session, chain)
    present = {sec.service_type.code for part in parts for sec in part.sections}
    present.update(types[u.service_type_id].code for u in units)
    out = []
    for t in sorted(types.values(), key=lambda t: t.code):
        if t.code not in present:
            continue
        name = t.label(lang)
        out.append(Listing("service_type", f"2 {t.code}", t.id,
                           dict(terms(f"{name} {t.description}")), label_terms(name), {
            "kind": "service_type",
            "service_type": {"code": t.code, "name": t.name, "name_nn": t.name_nn},
            "level": t.level, "description": t.description,
        }))  # fmt: skip
    for u in units:
        t = types[u.service_type_id]
        about = f"{u.name} {u.visiting_address or ''} {u.locality_name}"
        out.append(Listing("unit", f"1 {u.id:09d}", t.id, dict(terms(about)),
                           label_terms(t.label(lang)), {
            "kind": "unit",
            "service_type": {"code": t.code, "name": t.name, "name_nn": t.name_nn},
            "unit": {"id": u.id, "name": u.name, "phone": u.phone, "email": u.email,
                     "url": u.url, "visiting_address": u.visiting_address,
                     "locality": u.locality},
        }))  # fmt: skip
    return out


def build_part(
    session: Session,
    pathway: PathwayRow,
    chain: list[LocalityRow],
    *,
    lang: str,
    at: datetime,
    preview: bool,
    content: merged.Merged | None = None,
) -> Part:
    """The visible merged sections of one pathway at the end of `chain` (`content`: its
    merge, when it was read already)."""
    if content is None:
        content = merged.merge(session, pathway.id, chain, lang=lang, at=at, preview=preview)
    services = content.services
    by_code = {t.code: t for t in content.types}
    extra = [s.service_type for s in services if s.service_type not in by_code]
    by_code.update(service_types_by_code(session, extra))
    name = title_in(pathway, lang)
    sections: list[Section] = []
    for service in services:
        st = by_code[service.service_type]
        for key, slot in service.sections:
            if slot.hidden or slot.empty or not slot.text:
                continue
            labels = label_terms(f"{name} {name_in(st, lang)} {SECTION_LABELS[key][lang]}")
            order = f"0 {pathway.slug} {st.code} {key}"
            sections.append(Section(pathway, st, key, slot, labels, order))
    entries = postings.of_layers(session, [pathway.id], [loc.id for loc in chain])
    shares, in_labels = _part_postings(entries, sections)
    return Part(sections, shares, in_labels, list(content.rows.valid_froms))


def build(
    session: Session,
    chain: list[LocalityRow],
    *,
    lang: str,
    at: datetime,
    preview: bool,
) -> tuple[Visible, list[datetime]]:
    """Every visible merged section of every pathway in use, and the future valid_froms."""
    statuses = ["published", "draft"] if preview else ["published"]
    # Each pathway in use here with its layers (the owner's base layer first, app/adoptions).
    in_use = adoption_queries.layers_by_pathway(session, chain)
    pathways = [p for p in pathways_by_status(session, statuses=statuses) if p.id in in_use]
    found = _merge_in_use(session, pathways, in_use, lang=lang, at=at, preview=preview)
    parts = [
        build_part(session, p, in_use[p.id], lang=lang, at=at, preview=preview, content=found[p.id])
        for p in pathways
    ]
    visible = Visible.of(parts, _listings(session, chain, parts, lang))
    return visible, [v for part in parts for v in part.valid_froms]


def _merge_in_use(
    session: Session,
    pathways: list[PathwayRow],
    in_use: dict[int, list[LocalityRow]],
    **options: Any,
) -> dict[int, merged.Merged]:
    """`merged.merge_all` per set of layers (the pathways owned here share one)."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for p in pathways:
        groups.setdefault(tuple(loc.id for loc in in_use[p.id]), []).append(p.id)
    found: dict[int, merged.Merged] = {}
    for ids in groups.values():
        found.update(merged.merge_all(session, ids, in_use[ids[0]], **options))
    return found


_lock = threading.Lock()
_held: OrderedDict[tuple[Any, ...], tuple[Any, float | None, Any]] = OrderedDict()


def _hold(
    key: tuple[Any, ...], token: Any, valid_froms: list[datetime], at: datetime, value: Any
) -> None:
    if token is None:
        return
    expiry = expiry_of(list[datetime | None](valid_froms), now=at)
    with _lock:
        _held[key] = (token, expiry.timestamp() if expiry else None, value)
        _held.move_to_end(key)
        while len(_held) > MAX_PARTS:
            _held.popitem(last=False)


def _held_value(key: tuple[Any, ...], token: Any, at: datetime) -> Any:
    held = _held.get(key)
    if held is None or token is None or held[0] != token:
        return None
    if held[1] is not None and at.timestamp() >= held[1]:
        return None
    return held[2]


def seen_by(
    session: Session, chain: list[LocalityRow], *, lang: str, at: datetime, preview: bool
) -> Visible:
    """`build`, kept per process part by part for published content (see the module)."""
    if preview:
        return build(session, chain, lang=lang, at=at, preview=True)[0]
    cache = get_cache()
    url = str(session.get_bind().engine.url)
    codes = tuple(loc.code for loc in chain)
    pathways_key = (url, "pathways")
    pathways_token = cache.token((freshness.GLOBAL,))
    pathways = _held_value(pathways_key, pathways_token, at)
    if pathways is None:
        pathways = pathways_by_status(session, statuses=["published"])
        _hold(pathways_key, pathways_token, [], at, pathways)
    in_use = held_shapes.layers_in_use(session, chain)
    pathways = [p for p in pathways if p.id in in_use]
    parts: list[Part] = []
    missing: list[tuple[int, Any, tuple[Any, ...], Any]] = []
    for pathway in pathways:
        key = (url, codes, lang, pathway.id)
        # The owner's layer counts too (an adopted pathway's base text is written there).
        layer_codes = [loc.code for loc in in_use[pathway.id] if loc.code not in codes]
        token = cache.token(freshness.of_pathway([*layer_codes, *codes], pathway.slug))
        part = _held_value(key, token, at)
        if part is None:
            missing.append((len(parts), pathway, key, token))
        parts.append(part)
    if missing:
        found = _merge_in_use(
            session, [p for _, p, _, _ in missing], in_use, lang=lang, at=at, preview=False
        )
        for place, pathway, key, token in missing:
            part = build_part(session, pathway, in_use[pathway.id], lang=lang, at=at,
                              preview=False, content=found[pathway.id])  # fmt: skip
            _hold(key, token, part.valid_froms, at, part)
            parts[place] = part
    listings_key = (url, codes, lang, "listings")
    listings_token = cache.token(freshness.of_locality(codes))
    listings = _held_value(listings_key, listings_token, at)
    if listings is None:
        listings = _listings(session, chain, parts, lang)
        _hold(listings_key, listings_token, [], at, listings)
    return Visible.of(parts, listings)


def clear() -> None:
    """Forget every held view and layer (tests and benchmarks)."""
    with _lock:
        _held.clear()
    postings.clear()
    vocabulary.clear()
