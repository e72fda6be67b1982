"""From query words to index terms: exact and synonym terms, prefixes, and typos.

Every term ever indexed is in `search_word`. A query word's prefix (for compounds:
"angst" finds "angstlid", the stem of "angstlidelse") and, when the word is nowhere in
the index, its nearest spellings (trigram similarity, as pg_trgm measures it) are looked
up there. On PostgreSQL with pg_trgm, its GIN index answers both (`LIKE 'p%'` and `%`);
on SQLite, and on PostgreSQL without the extension, a sorted copy of the vocabulary and
a trigram table in this process do, refreshed when the vocabulary grows.

Why not FTS5's trigram tokenizer on SQLite: it finds substrings, not similar words, and
its shadow tables sit outside the schema the models and migrations agree on.
"""

import bisect
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlmodel import Session

from app.core.db import is_postgres
from app.models import SearchWord
from app.search.analysis import (
    FUZZY_SIMILARITY,
    FUZZY_WEIGHT,
    MIN_FUZZY,
    PREFIX_WEIGHT,
    SYNONYM_WEIGHT,
    QueryWord,
    similarity,
    synonyms,
    trigrams,
)

_SEARCH_WORD: Any = SearchWord.__table__.c  # type: ignore[attr-defined]
MAX_PREFIX_TERMS = 200
MAX_FUZZY_TERMS = 4


@dataclass(frozen=True, slots=True)
class _Words:
    """The vocabulary as held: `sorted` for prefixes; `grams` maps a trigram to the places
    in `listed` (in the order the words were read, so new words only append) of the words
    that hold it."""

    version: tuple[Any, ...]
    sorted: list[str]
    listed: list[str]
    grams: dict[str, list[int]]


_COUNT = select(func.count()).select_from(SearchWord)
_NEWEST = text("SELECT max(rowid) FROM search_word")
_SINCE = text("SELECT word FROM search_word WHERE rowid > :after")
_lock = threading.Lock()
_held: dict[str, _Words] = {}  # per database URL
_trgm: dict[str, bool] = {}


def clear() -> None:
    """Forget the held vocabularies (tests and benchmarks)."""
    with _lock:
        _held.clear()
        _trgm.clear()


def _has_trgm(session: Session) -> bool:
    url = str(session.get_bind().engine.url)
    if url not in _trgm:
        _trgm[url] = bool(
            session.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        )
    return _trgm[url]


def _words(session: Session) -> _Words:
    url = str(session.get_bind().engine.url)
    held = _held.get(url)
    if is_postgres(session):
        version: tuple[Any, ...] = tuple(session.execute(_COUNT).one())
        if held is not None and held.version == version:
            return held
    else:
        # Words are added (rowids rise) and only ever removed all at once (a rebuild). The
        # highest rowid is one index lookup, asked on every query; the count (a scan) only
        # when it moved, to tell a few added words from a rebuild.
        newest = session.execute(_NEWEST).scalar()
        if held is not None and held.version[0] == newest:
            return held
        version = (newest, session.execute(_COUNT).scalar())
    built = None
    if held is not None and not is_postgres(session) and held.version[0] is not None:
        # A write added a few words: read and add only those (the whole vocabulary takes
        # hundreds of milliseconds to read and index at Helse Vest scale).
        added = list(session.execute(_SINCE, {"after": held.version[0]}).scalars())
        if held.version[1] + len(added) == version[1]:  # nothing else came or went
            built = _grown(held, version, added)
    if built is None:
        every = list(session.execute(select(_SEARCH_WORD.word)).scalars())
        built = _grown(_Words((), [], [], {}), version, every)
    with _lock:
        _held[url] = built
    return built


def _grown(held: _Words, version: tuple[Any, ...], added: list[str]) -> _Words:
    """`held` with `added` words (a new object: others may be reading the old one)."""
    known = set(held.sorted) if len(added) < len(held.sorted) else None
    fresh = [w for w in dict.fromkeys(added) if known is None or w not in known]
    listed = held.listed + fresh
    grams = dict(held.grams)
    start = len(held.listed)
    touched: set[str] = set()
    for i, w in enumerate(fresh, start):
        for g in trigrams(w):
            if g not in touched:
                grams[g] = list(grams.get(g, ()))
                touched.add(g)
            grams[g].append(i)
    return _Words(version, sorted(held.sorted + fresh), listed, grams)


def _fuzzy_local(words: _Words, word: str) -> list[tuple[str, float]]:
    mine = trigrams(word)
    shared: dict[int, int] = defaultdict(int)
    for g in mine:
        for i in words.grams.get(g, ()):
            shared[i] += 1
    out = []
    for i, n in shared.items():
        candidate = words.listed[i]
        sim = n / (len(mine) + len(trigrams(candidate)) - n)
        if sim >= FUZZY_SIMILARITY:
            out.append((candidate, sim))
    out.sort(key=lambda c: (-c[1], c[0]))
    return out[:MAX_FUZZY_TERMS]


def expand(session: Session, query: list[QueryWord]) -> list[dict[str, float]]:
    """For each query word, the index terms that answer it and their weights."""
    trgm = is_postgres(session) and _has_trgm(session)
    local = None if trgm else _words(session)
    out = []
    for qw in query:
        found: dict[str, float] = {}
        wanted = list(qw.exact)
        if local is not None:
            for term in wanted:
                i = bisect.bisect_left(local.sorted, term)
                if i < len(local.sorted) and local.sorted[i] == term:
                    found[term] = qw.exact[term]
        else:
            for term in session.execute(
                select(_SEARCH_WORD.word).where(_SEARCH_WORD.word.in_(wanted))
            ).scalars():
                found[term] = qw.exact[term]
        if qw.prefix is not None:
            if local is not None:
                i = bisect.bisect_left(local.sorted, qw.prefix)
                longer = []
                while i < len(local.sorted) and local.sorted[i].startswith(qw.prefix):
                    longer.append(local.sorted[i])
                    i += 1
                    if len(longer) == MAX_PREFIX_TERMS:
                        break
            else:
                longer = list(session.execute(
                    select(_SEARCH_WORD.word).where(_SEARCH_WORD.word.like(qw.prefix + "%"))
                    .order_by(_SEARCH_WORD.word).limit(MAX_PREFIX_TERMS)
                ).scalars())  # fmt: skip
            for term in longer:
                if found.get(term, 0.0) < PREFIX_WEIGHT:
                    found[term] = PREFIX_WEIGHT
        known = bool(found)
        # Units and service types are matched outside the index: their words count as asked.
        for term, weight in qw.exact.items():
            found.setdefault(term, weight)
        if not known and len(qw.stem) >= MIN_FUZZY:
            if local is not None:
                near = _fuzzy_local(local, qw.stem)
            else:
                sim = func.similarity(_SEARCH_WORD.word, qw.stem)
                near = [
                    (w, float(s))
                    for w, s in session.execute(
                        select(_SEARCH_WORD.word, sim)
                        .where(_SEARCH_WORD.word.op("%")(qw.stem))
                        .order_by(sim.desc(), _SEARCH_WORD.word)
                        .limit(MAX_FUZZY_TERMS)
                    ).all()
                    if s >= FUZZY_SIMILARITY
                ]
            # The synonym list's words are known words too: a misspelt "henvisning" finds
            # "henviser" and "tilvising" even where no text says "henvisning" itself.
            groups = synonyms()
            near.extend(
                (known, sim_value)
                for known in groups
                if (sim_value := similarity(known, qw.stem)) >= FUZZY_SIMILARITY
            )
            for term, sim_value in near:
                weight = FUZZY_WEIGHT * sim_value
                found[term] = max(found.get(term, 0.0), weight)
                for other in groups.get(term, ()):
                    found[other] = max(found.get(other, 0.0), weight * SYNONYM_WEIGHT)
        out.append(found)
    return out
