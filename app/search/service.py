"""Search as a locality sees it: merged sections, units and service types, ranked."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session

from app.core.auth import Principal, authorize
from app.core.errors import NotFound, Unprocessable
from app.core.pagination import decode_cursor, encode_cursor
from app.models import SearchEntry, SearchTerm
from app.models.base import SECTION_LABELS, Role, utcnow
from app.search import ranking, visible, vocabulary
from app.search.analysis import parse_query
from app.texts import queries

_E: Any = SearchEntry.__table__.c  # type: ignore[attr-defined]
_TERM: Any = SearchTerm.__table__.c  # type: ignore[attr-defined]
_E_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]

MAX_QUERY = 200
# A unit's or service type's few words must not outrank the sections that explain them.
LISTING_WEIGHT = 0.7
# A section merged in the other language (no text in the one asked for) ranks a little lower.
OTHER_LANG_WEIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Filters:
    pathway: str | None = None
    service_type: str | None = None
    section: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class _Hit:
    score: float
    key: str  # a stable tie-breaker and the cursor's second half
    body: dict[str, Any]
    text: str | None = None  # Markdown to cut the snippet from


@cache
def _postings_stmt(filtered: tuple[str, ...]) -> Any:
    # Built once per set of filters: composing a statement costs more than running it.
    stmt = (
        select(_TERM.revision_id, _TERM.term, _TERM.tf)
        .join(_E_TABLE, _E.revision_id == _TERM.revision_id)
        .where(
            _TERM.term.in_(bindparam("terms", expanding=True)),
            _E.locality_id.in_(bindparam("chain", expanding=True)),
        )
    )
    for column in filtered:
        stmt = stmt.where(getattr(_E, column) == bindparam(column))
    return stmt


def _postings(
    session: Session, terms: list[str], chain_ids: list[int], filters: dict[str, Any]
) -> list[Any]:
    """(revision, term, tf) of the terms in the chain's layers' entries."""
    stmt = _postings_stmt(tuple(sorted(filters)))
    return list(session.execute(stmt, {"terms": terms, "chain": chain_ids, **filters}).all())


def _resolve_filters(session: Session, filters: Filters) -> tuple[dict[str, Any], Any, Any]:
    where: dict[str, Any] = {}
    pathway = st = None
    if filters.pathway is not None:
        pathway = queries.pathway_by_slug(session, filters.pathway)
        if pathway is None:
            raise Unprocessable(
                f"There is no pathway '{filters.pathway}'.", loc=["query", "pathway"]
            )
        where["pathway_id"] = pathway.id
    if filters.service_type is not None:
        st = queries.service_types_by_code(session, [filters.service_type]).get(
            filters.service_type
        )
        if st is None:
            raise Unprocessable(
                f"There is no service type '{filters.service_type}'.", loc=["query", "service_type"]
            )
        where["service_type_id"] = st.id
    if filters.section is not None:
        where["section"] = filters.section
    return where, pathway, st


def _section_hits(
    session: Session,
    seen: visible.Visible,
    wanted: list[dict[str, float]],
    chain_ids: list[int],
    where: dict[str, Any],
    lang: str,
) -> list[_Hit]:
    terms = sorted({t for w in wanted for t in w})
    if not terms:
        return []
    tf: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rev, term, count in _postings(session, terms, chain_ids, where):
        for i in seen.by_revision.get(rev, ()):
            tf[i][term] += count
    df: dict[str, int] = defaultdict(int)
    for counts in tf.values():
        for term in counts:
            df[term] += 1
    n = len(seen.sections)
    hits = []
    for i, counts in tf.items():
        sec = seen.sections[i]
        s, answered = ranking.score(wanted, counts, df, n, sec.labels)
        if answered < len(wanted):
            continue
        slot = sec.slot
        if slot.lang != lang:
            s = round(s * OTHER_LANG_WEIGHT, 4)
        hits.append(_Hit(s, f"0 {sec.pathway.slug} {sec.service_type.code} {sec.section}", {
            "kind": "section",
            "pathway": {"slug": sec.pathway.slug, "title": visible.title(sec.pathway, lang)},
            "service_type": {"code": sec.service_type.code, "name": sec.service_type.name,
                             "name_nn": sec.service_type.name_nn},
            "section": {"key": sec.section},
            "lang": slot.lang,
            "origin": slot.origin,
            "layers": [{"locality": p.locality, "mode": p.mode, "revision": p.revision,
                        "lang": p.lang} for p in slot.layers],
            "stale": slot.stale,
        }, slot.text))  # fmt: skip
    return hits


def _listing_hits(
    seen: visible.Visible, wanted: list[dict[str, float]], filters: Filters, st_filter: Any
) -> list[_Hit]:
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
    hits = []
    for item in listings:
        s, answered = ranking.score(wanted, item.terms, df, n, item.labels)
        if answered == len(wanted):
            hits.append(_Hit(round(s * LISTING_WEIGHT, 4), item.key, item.body, None))
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
    chain = queries.chain_of(session, code)
    if not chain:
        raise NotFound(f"There is no locality '{code}'.")
    if preview:
        authorize(principal, Role.reader, [loc.code for loc in chain])
    where, _, st_filter = _resolve_filters(session, filters)
    words = parse_query(q)
    if not words:  # only stop words or punctuation: nothing to look for
        return [], None
    wanted = vocabulary.expand(session, words)
    seen = visible.seen_by(session, chain, lang=lang, at=utcnow(), preview=preview)
    chain_ids = [loc.id for loc in chain]
    hits: list[_Hit] = []
    if filters.kind in (None, "section"):
        hits.extend(_section_hits(session, seen, wanted, chain_ids, where, lang))
    if filters.pathway is None and filters.section is None and filters.kind != "section":
        hits.extend(_listing_hits(seen, wanted, filters, st_filter))
    hits.sort(key=lambda h: (-h.score, h.key))
    if after is not None:
        hits = [h for h in hits if (-h.score, h.key) > (-after[0], after[1])]
    page = hits[:limit]
    matches = frozenset(t for w in wanted for t in w)
    items = []
    for h in page:
        item = {**h.body, "score": h.score}
        if h.body["kind"] == "section":
            sec = h.body["section"]
            sec["label"] = SECTION_LABELS[sec["key"]][lang]
            item["snippet"] = ranking.snippet(h.text or "", matches)
        items.append(item)
    next_cursor = encode_cursor([page[-1].score, page[-1].key]) if len(hits) > limit else None
    return items, next_cursor
