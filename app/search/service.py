"""Search as a locality sees it: merged sections, units and service types, ranked."""

import heapq
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.catalog.lookups import service_types_by_code
from app.core.auth import Principal, authorize
from app.core.errors import Unprocessable
from app.core.pagination import decode_cursor, encode_cursor
from app.models.base import SECTION_LABELS, Role, utcnow
from app.pathways.lookups import pathway_by_slug, title_in
from app.search import ranking, visible, vocabulary
from app.search.analysis import parse_query
from app.texts import held_shapes

MAX_QUERY = 200
# A unit's or service type's few words must not outrank the sections that explain them.
LISTING_WEIGHT = 0.7
# A section merged in the other language (no text in the one asked for) ranks a little lower.
OTHER_LANG_WEIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Filters:
    """What a search is narrowed to (None: everything)."""

    pathway: str | None = None
    service_type: str | None = None
    section: str | None = None
    kind: str | None = None


# (minus the score, a stable key, the section's index or the listing): sorts best first.
Hit = tuple[float, str, "int | visible.Listing"]


def _resolve_filters(session: Session, filters: Filters) -> tuple[dict[str, Any], Any, Any]:
    """The filters as ids; an unknown pathway or service type is a 422 on its parameter."""
    where: dict[str, Any] = {}
    pathway = st = None
    if filters.pathway is not None:
        pathway = pathway_by_slug(session, filters.pathway)
        if pathway is None:
            raise Unprocessable(
                f"There is no pathway '{filters.pathway}'.", loc=["query", "pathway"]
            )
        where["pathway_id"] = pathway.id
    if filters.service_type is not None:
        st = service_types_by_code(session, [filters.service_type]).get(filters.service_type)
        if st is None:
            raise Unprocessable(
                f"There is no service type '{filters.service_type}'.", loc=["query", "service_type"]
            )
        where["service_type_id"] = st.id
    if filters.section is not None:
        where["section"] = filters.section
    return where, pathway, st


def _section_hits(
    seen: visible.Visible, wanted: list[dict[str, float]], where: dict[str, Any], lang: str
) -> list[Hit]:
    """The visible sections that answer every word, scored as `ranking.score` does.

    A term's rarity is taken over the whole view (every part), at query time.
    """
    n = len(seen.sections)
    located = list(seen.located())
    total: dict[int, float] | None = None
    for terms in wanted:
        best: dict[int, float] = {}
        for term, weight in terms.items():
            found = [(offset, part.postings[term]) for offset, part in located
                     if term in part.postings]  # fmt: skip
            if not found:
                continue
            rarity = ranking.idf(sum(len(ids) for _, (ids, _) in found), n)
            for offset, (ids, saturated) in found:
                for i, sat in zip(ids, saturated, strict=True):
                    value = weight * rarity * sat
                    if value > best.get(offset + i, 0.0):
                        best[offset + i] = value
        in_label: dict[int, float] = {}
        for term, weight in terms.items():
            for offset, part in located:
                for i in part.labels.get(term, ()):
                    if weight > in_label.get(offset + i, 0.0):
                        in_label[offset + i] = weight
        for i, weight in in_label.items():
            best[i] = best.get(i, 0.0) + ranking.LABEL_WEIGHT * weight
        # Every word must be found: only sections found for all words so far stay.
        total = best if total is None else {i: v + best[i] for i, v in total.items() if i in best}
        if not total:
            return []
    hits: list[Hit] = []
    for i, s in (total or {}).items():
        sec = seen.sections[i]
        if where and not _passes(sec, where):
            continue
        if sec.slot.lang != lang:
            s *= OTHER_LANG_WEIGHT
        hits.append((-s, sec.key, i))  # a common word finds thousands: tuples, no bodies
    return hits


def _section_body(sec: visible.Section, lang: str) -> dict[str, Any]:
    slot = sec.slot
    return {
        "kind": "section",
        "pathway": {"slug": sec.pathway.slug, "title": title_in(sec.pathway, lang)},
        "service_type": {"code": sec.service_type.code, "name": sec.service_type.name,
                         "name_nn": sec.service_type.name_nn},
        "section": {"key": sec.section, "label": SECTION_LABELS[sec.section][lang]},
        "lang": slot.lang,
        "origin": slot.origin,
        "layers": [{"locality": p.locality, "mode": p.mode, "revision": p.revision,
                    "lang": p.lang} for p in slot.layers],
        "stale": slot.stale,
    }  # fmt: skip


def _passes(sec: visible.Section, where: dict[str, Any]) -> bool:
    return (
        where.get("pathway_id", sec.pathway.id) == sec.pathway.id
        and where.get("service_type_id", sec.service_type.id) == sec.service_type.id
        and where.get("section", sec.section) == sec.section
    )


def _listing_hits(
    seen: visible.Visible, wanted: list[dict[str, float]], filters: Filters, st_filter: Any
) -> list[Hit]:
    """Units and service types of the locality ("hvem gjør hva") that answer every word."""
    listings = [
        item
        for item in seen.listings
        if filters.kind in (None, item.kind)
        and (st_filter is None or item.service_type_id == st_filter.id)
    ]
    df: dict[str, int] = defaultdict(int)
    for item in listings:
        for term in item.terms:
            df[term] += 1
    n = max(len(listings), len(seen.sections))
    hits: list[Hit] = []
    for item in listings:
        s, answered = ranking.score(wanted, item.terms, df, n, item.labels)
        if answered == len(wanted):
            hits.append((-s * LISTING_WEIGHT, item.key, item))
    return hits


def search(
    session: Session,
    *,
    code: str,
    q: str,
    lang: str,
    filters: Filters,
    preview: bool,
    principal: Principal | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Hits for `q` in what the locality sees, best first, one page."""
    if not q.strip():
        raise Unprocessable("Say what to search for: q must contain a word.", loc=["query", "q"])
    if len(q) > MAX_QUERY:
        raise Unprocessable(f"q may be at most {MAX_QUERY} characters.", loc=["query", "q"])
    after = decode_cursor(cursor)
    if after is not None and not (
        isinstance(after, list) and len(after) == 2
        and isinstance(after[0], int | float) and not isinstance(after[0], bool)
        and isinstance(after[1], str)
    ):  # fmt: skip
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    chain = held_shapes.locality_chain(session, code)
    if preview:
        authorize(principal, Role.reader, [loc.code for loc in chain])
    where, _, st_filter = _resolve_filters(session, filters)
    words = parse_query(q)
    if not words:  # only stop words or punctuation: nothing to look for
        return [], None
    wanted = vocabulary.expand(session, words)
    seen = visible.seen_by(session, chain, lang=lang, at=utcnow(), preview=preview)
    hits: list[Hit] = []
    if filters.kind in (None, "section"):
        hits.extend(_section_hits(seen, wanted, where, lang))
    if filters.pathway is None and filters.section is None and filters.kind != "section":
        hits.extend(_listing_hits(seen, wanted, filters, st_filter))
    if after is not None:
        mark = (-float(after[0]), after[1])
        hits = [h for h in hits if (h[0], h[1]) > mark]
    page = heapq.nsmallest(limit + 1, hits, key=lambda h: (h[0], h[1]))
    more, page = len(page) > limit, page[:limit]
    matches = frozenset(t for w in wanted for t in w)
    items = []
    for score, _, ref in page:
        if isinstance(ref, int):
            sec = seen.sections[ref]
            item = {**_section_body(sec, lang), "score": round(-score, 4),
                    "snippet": ranking.snippet(sec.slot.text or "", matches)}  # fmt: skip
        else:
            item = {**ref.body, "score": round(-score, 4)}
        items.append(item)
    # The cursor keeps the exact score: a rounded one could skip or repeat a tie.
    next_cursor = encode_cursor([-page[-1][0], page[-1][1]]) if more else None
    return items, next_cursor
