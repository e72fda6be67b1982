"""Scoring a hit and cutting its snippet: plain functions over plain data, no I/O."""

import html
import math
import re
from collections.abc import Mapping, Sequence

from app.search.analysis import plain, stem, words

K1 = 1.2  # how fast repeating a word stops adding to the score (BM25's k1)
LABEL_WEIGHT = 0.6  # a word found in the section's label, service or pathway name
SNIPPET_WORDS = 28

_MARKUP = re.compile(r"(\*+|__|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|\[|\])", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency: rare terms count more, never less than a little."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def saturate(tf: int) -> float:
    """How much `tf` occurrences count: rising, but ever less (BM25 without length)."""
    return tf * (K1 + 1) / (tf + K1)


def score(
    wanted: Sequence[Mapping[str, float]],
    tf: Mapping[str, int],
    df: Mapping[str, int],
    n: int,
    labels: frozenset[str] = frozenset(),
) -> tuple[float, int]:
    """A hit's score and how many query words it answers.

    Each query word counts once, by the best of the terms that answer it: the term's
    weight (exact 1, synonym, prefix and typo less) times its rarity times how often it
    occurs, saturating. A word found in the hit's labels adds a fixed share on top.
    """
    total, answered = 0.0, 0
    for terms in wanted:
        best = 0.0
        for term, weight in terms.items():
            count = tf.get(term, 0)
            if count:
                rarity = idf(df.get(term, 1), max(n, 1))
                best = max(best, weight * rarity * saturate(count))
        in_label = max((w for t, w in terms.items() if t in labels), default=0.0)
        if best or in_label:
            answered += 1
            total += best + LABEL_WEIGHT * in_label
    return round(total, 4), answered


def snippet(markdown: str, matches: frozenset[str], width: int = SNIPPET_WORDS) -> str:
    """Safe HTML: the stretch of the text with the most matching words, each in `<mark>`.

    Everything from the text is escaped; `<mark>` is the only markup added.
    """
    text = _SPACE.sub(" ", _MARKUP.sub(" ", plain(markdown))).strip()
    found = list(words(text))
    hits = [i for i, m in enumerate(found) if stem(m.group().casefold()) in matches]
    if not found:
        return html.escape(text[:200])
    start = 0
    if hits:  # the window of `width` words holding the most hits, opening a little before
        best, most, j = 0, 0, 0
        for i, first in enumerate(hits):
            while j < len(hits) and hits[j] < first + width - 4:
                j += 1
            if j - i > most:
                best, most = i, j - i
        start = max(0, hits[best] - 4)
    end = min(len(found), start + width)
    lo = found[start].start() if start else 0
    hi = found[end - 1].end() if end < len(found) else len(text)
    marked = set(hits)
    out, pos = [], lo
    for i in range(start, end):
        m = found[i]
        if i in marked:
            out.append(html.escape(text[pos : m.start()]))
            out.append(f"<mark>{html.escape(m.group())}</mark>")
            pos = m.end()
    out.append(html.escape(text[pos:hi]))
    body = "".join(out).strip()
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
