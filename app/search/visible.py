"""What a locality sees: its merged sections, and which layer entries make each of them.

Built with the merged read every view uses (`snapshots.read`/`current` and
`merge_pathway`), never a second merge. A query keeps a hit only where an indexed entry
is one of the layers of a visible merged section: an override elsewhere, a region text
the locality replaced, a hidden slot or a draft outside preview never surfaces.

The locality's units and service types are read here too, for the same reasons.
Kept per process for published content, under the content version token of the view
cache and until the next scheduled revision takes effect (the merged views' rules).
"""

import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.exports import data as exports_data
from app.models.base import SECTION_LABELS
from app.search import postings, ranking, vocabulary
from app.search.analysis import label_terms, terms
from app.texts import queries, snapshots
from app.texts.cache import expiry_of, get_cache
from app.texts.merge import MergedSlot, merge_pathway

MAX_HELD = 64  # locality views; one holds a few MB at Helse Vest scale


@dataclass(frozen=True, slots=True)
class Section:
    """One merged section a locality sees, with what its labels say."""

    pathway: queries.PathwayRow
    service_type: queries.ServiceTypeRow
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
class Visible:
    """A locality's searchable view: its sections, their terms, and its units and types.

    `postings`: term → (indexes into `sections`, each one's share of a score: the term's
    rarity in this view times its saturated count in the merged section, which sums the
    counts of every layer entry the merge used). `labels`: term → sections whose labels
    (pathway title, service type name, section label) hold it.
    """

    sections: list[Section]
    postings: dict[str, tuple[Sequence[int], Sequence[float]]]
    labels: dict[str, list[int]]
    listings: list[Listing]


def _postings(
    session: Session, layer_ids: list[int], sections: list[Section]
) -> tuple[dict[str, tuple[Sequence[int], Sequence[float]]], dict[str, list[int]]]:
    entries = postings.of_layers(session, layer_ids)
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
    n = len(sections)
    shares: dict[str, tuple[Sequence[int], Sequence[float]]] = {}
    for term, (ids, tfs) in by_term.items():
        rarity = ranking.idf(len(ids), n)
        # Arrays, not lists: a view of the whole region holds ~100,000 of these numbers.
        shares[term] = (array("i", ids), array("d", [rarity * ranking.saturate(tf) for tf in tfs]))
    return shares, labels


def _listings(
    session: Session, chain: list[queries.LocalityRow], sections: list[Section], lang: str
) -> list[Listing]:
    """The service types present (in a pathway shown here, or with a unit) and the units."""
    types = exports_data.service_types(session)
    units = exports_data.units(session, chain)
    present = {sec.service_type.code for sec in sections}
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


def title(pathway: queries.PathwayRow, lang: str) -> str:
    """The pathway's title in `lang` (bokmål when it has no nynorsk one)."""
    return pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title


def _type_name(st: queries.ServiceTypeRow, lang: str) -> str:
    return st.name_nn if lang == "nn" and st.name_nn else st.name


def build(
    session: Session,
    chain: list[queries.LocalityRow],
    *,
    lang: str,
    at: datetime,
    preview: bool,
) -> tuple[Visible, list[datetime]]:
    """Every visible merged section of every pathway in use, and the future valid_froms."""
    statuses = ["published", "draft"] if preview else ["published"]
    # Each pathway in use here with its layers (the owner's base layer first, app/adoptions).
    in_use = adoption_queries.layers_by_pathway(session, chain)
    pathways = [p for p in queries.pathways(session, statuses=statuses) if p.id in in_use]
    by_layers: dict[tuple[tuple[int, str], ...], list[int]] = {}
    for p in pathways:
        by_layers.setdefault(tuple((loc.id, loc.code) for loc in in_use[p.id]), []).append(p.id)
    loaded: dict[int, queries.CurrentRows] = {}
    if not preview:
        for shared, ids in by_layers.items():
            loaded.update(snapshots.read(session, ids, list(shared), at=at))
    sections: list[Section] = []
    future: list[datetime] = []
    for pathway in pathways:
        layers = [(loc.id, loc.code) for loc in in_use[pathway.id]]
        codes = [code for _, code in layers]
        current = loaded.get(pathway.id) or snapshots.current(
            session, pathway.id, layers, at=at, preview=preview
        )
        future.extend(current.valid_froms)
        types = queries.pathway_service_types(session, pathway.id)
        by_code = {t.code: t for t in types}
        services = merge_pathway(codes, current.current, [t.code for t in types], lang,
                                 marks=current.marks)  # fmt: skip
        extra = [s.service_type for s in services if s.service_type not in by_code]
        by_code.update(queries.service_types_by_code(session, extra))
        name = title(pathway, lang)
        for service in services:
            st = by_code[service.service_type]
            for key, slot in service.sections:
                if slot.hidden or slot.empty or not slot.text:
                    continue
                labels = label_terms(f"{name} {_type_name(st, lang)} {SECTION_LABELS[key][lang]}")
                order = f"0 {pathway.slug} {st.code} {key}"
                sections.append(Section(pathway, st, key, slot, labels, order))
    layer_ids = sorted({loc.id for p in pathways for loc in in_use[p.id]} | {c.id for c in chain})
    shares, in_labels = _postings(session, layer_ids, sections)
    return Visible(sections, shares, in_labels, _listings(session, chain, sections, lang)), future


_lock = threading.Lock()
_held: OrderedDict[tuple[Any, ...], tuple[Any, float | None, Visible]] = OrderedDict()


def seen_by(
    session: Session, chain: list[queries.LocalityRow], *, lang: str, at: datetime, preview: bool
) -> Visible:
    """`build`, kept per process for published content while nothing has changed."""
    if preview:
        return build(session, chain, lang=lang, at=at, preview=True)[0]
    cache = get_cache()
    token = cache.token()
    key = (str(session.get_bind().engine.url), tuple(loc.code for loc in chain), lang)
    held = _held.get(key)
    if held is not None and token is not None and held[0] == token:
        expires = held[1]
        if expires is None or at.timestamp() < expires:
            return held[2]
    visible, future = build(session, chain, lang=lang, at=at, preview=False)
    if token is not None:
        expiry = expiry_of(list[datetime | None](future), now=at)
        with _lock:
            _held[key] = (token, expiry.timestamp() if expiry else None, visible)
            _held.move_to_end(key)
            while len(_held) > MAX_HELD:
                _held.popitem(last=False)
    return visible


def clear() -> None:
    """Forget every held view and layer (tests and benchmarks)."""
    with _lock:
        _held.clear()
    postings.clear()
    vocabulary.clear()
