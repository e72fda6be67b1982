"""Norwegian text analysis for search: words, stems, stop words, synonyms, trigrams; pure.

Texts and queries go through the same steps: words (letters and digits), case folded,
stop words of bokmål and nynorsk dropped, each word reduced by Snowball's Norwegian
stemmer (PyStemmer, the algorithm behind PostgreSQL's `norwegian` configuration). The
stemming is done here for both databases, so both index and rank exactly alike.
"""

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

MAX_TERM = 64  # longer "words" (a pasted URL, a run of letters) are cut to this
MIN_PREFIX = 4  # a query word stemmed to fewer letters matches only itself, not longer terms
MIN_FUZZY = 5  # shorter words have too few trigrams to tell a typo from another word
FUZZY_SIMILARITY = 0.45
SYNONYM_WEIGHT = 0.8
PREFIX_WEIGHT = 0.6
FUZZY_WEIGHT = 0.5

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_URL = re.compile(r"https?://\S+")

# Function words of bokmål and nynorsk that say nothing about what a text is about.
_STOP_WORDS = """
    og i på er det som en ei et eit til av for med at den de dei ikke ikkje har hadde kan
    skal skulle vil ville om når eller fra frå ved seg sin si sitt sine hva kva hvem kven
    der da då så men også òg blir bli vert vart vere være var han ho hun eg jeg du vi
    me oss dere dykk deg meg dette denne desse disse etter før under over mot hos nok mer
    meir enn må bør kunne noe noko nokre noen alle alt andre hvis dersom slik sånn å
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    # A PyStemmer object is not safe to share between threads: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("norwegian")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word."""
    return str(_stemmer().stemWord(word))[:MAX_TERM]


def normalise(text: str) -> str:
    """Composed Unicode, case folded; NUL and other control characters become spaces."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text).casefold())


def plain(markdown: str) -> str:
    """Markdown reduced to the words a reader sees (link targets and URLs left out)."""
    return _URL.sub(" ", _LINK_TARGET.sub("]", markdown))


def words(text: str) -> Iterator[re.Match[str]]:
    """Every word of the text with its place (letters and digits; nothing else is a word)."""
    return _WORD.finditer(text)


def terms(text: str) -> Counter[str]:
    """The index terms of a text and how often each occurs."""
    found: Counter[str] = Counter()
    for m in words(normalise(plain(text))):
        word = m.group()
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        found[stem(word)] += 1
    return found


@lru_cache(maxsize=4096)
def label_terms(text: str) -> frozenset[str]:
    """The terms of a short label (a name, a title), remembered: labels repeat on every query."""
    return frozenset(terms(text))


# --- synonyms ---------------------------------------------------------------------------

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")


def parse_synonyms(source: str) -> dict[str, frozenset[str]]:
    """Each stem of a group → the stems of its group; '#' starts a comment."""
    out: dict[str, set[str]] = {}
    for line in source.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        group = {s for word in line.split(",") for s in terms(word)}
        for s in group:
            out.setdefault(s, set()).update(group)
    return {s: frozenset(group - {s}) for s, group in out.items() if group - {s}}


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """The synonym groups kept as data in `synonyms.txt`."""
    return parse_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8"))


# --- queries ----------------------------------------------------------------------------


@dataclass(slots=True)
class QueryWord:
    """One word of a query: the terms that count as finding it, with their weights."""

    word: str
    stem: str
    exact: dict[str, float] = field(default_factory=dict)  # term → weight
    prefix: str | None = None  # longer terms starting with this also count

    def weight_of(self, term: str) -> float:
        """How well `term` answers this word (0 when it does not)."""
        weight = self.exact.get(term, 0.0)
        if weight < PREFIX_WEIGHT and self.prefix is not None and term.startswith(self.prefix):
            weight = PREFIX_WEIGHT
        return weight


def parse_query(query: str) -> list[QueryWord]:
    """The searchable words of a query, in order and once each; [] when none is left.

    Quotes, operators and punctuation are not syntax here: a lone quote or `AND` is just
    text, and only words count (every word must be found, in any form).
    """
    out: list[QueryWord] = []
    seen: set[str] = set()
    groups = synonyms()
    for m in words(normalise(query)):
        word = m.group()[:MAX_TERM]
        if word in STOP_WORDS:
            continue
        s = stem(word)
        if s in seen:
            continue
        seen.add(s)
        qw = QueryWord(word=word, stem=s, exact={s: 1.0})
        for other in groups.get(s, ()):
            qw.exact.setdefault(other, SYNONYM_WEIGHT)
        if len(s) >= MIN_PREFIX and not s.isdigit():
            qw.prefix = s
        out.append(qw)
    return out


# --- trigrams (typo tolerance) -----------------------------------------------------------


def trigrams(word: str) -> frozenset[str]:
    """The word's trigrams, padded as PostgreSQL's pg_trgm pads them."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """Trigram similarity (shared / all), as pg_trgm's `similarity()`."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
