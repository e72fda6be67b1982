"""Content codings for large public reads: gzip and Brotli for clients that ask.

A coded body is another representation of the resource (RFC 9110 §8.8.3), so it has its own
ETag: the identity tag with the coding as a suffix inside the quotes (`"…-gzip"`, `"…-br"`).
A conditional GET compares the tag of the representation it would send; a write's
`If-Match` accepts any coding's tag of the current state (`identity_tag`).
"""

import gzip
from functools import lru_cache

import brotli

# In order of preference when the client accepts several equally.
CODINGS = ("br", "gzip")
# The first read after a write pays for compressing what it rebuilt, so speed comes first.
# Measured on the benchmark's 219 kB view and 2.09 MB service map (`bench/compression.py`):
# Brotli 1 takes 0.4 / 4.2 ms for 24 / 238 kB, where Brotli 5 took 3.5 / 23 ms for 20 /
# 193 kB; gzip 1 takes 1.1 / 8.6 ms for 27 / 273 kB, where gzip 6 took 3.8 / 39 ms for 19 /
# 186 kB. A tenth of the bytes either way; the higher levels cost a service map after a
# write most of its 50 ms budget for a fifth fewer.
_BROTLI_QUALITY = 1
_GZIP_LEVEL = 1


def _weights(accept_encoding: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        weights.setdefault(name, q)
    return weights


@lru_cache(maxsize=512)  # clients send a handful of distinct values, again and again
def choose_coding(accept_encoding: str | None) -> str | None:
    """The coding to send for this `Accept-Encoding`, None for the body as it is."""
    if not accept_encoding:
        return None
    weights = _weights(accept_encoding)
    star = weights.get("*", 0.0)
    best, best_q = None, 0.0
    for coding in CODINGS:
        q = weights.get(coding, star)
        if q > best_q:
            best, best_q = coding, q
    return best


def compress(body: bytes, coding: str) -> bytes:
    """The body in this coding (deterministic: the same bytes give the same coded bytes)."""
    if coding == "br":
        return bytes(brotli.compress(body, quality=_BROTLI_QUALITY))
    if coding == "gzip":
        return gzip.compress(body, compresslevel=_GZIP_LEVEL, mtime=0)
    raise ValueError(f"unknown coding {coding!r}")


def coded_etag(etag: str, coding: str | None) -> str:
    """The ETag of the representation in `coding`: `"abc"` → `"abc-gzip"`."""
    if coding is None:
        return etag
    return f'{etag[:-1]}-{coding}"'


def identity_tag(tag: str) -> str:
    """The identity representation's tag for a tag of any coding (what a write compares)."""
    for coding in CODINGS:
        suffix = f'-{coding}"'
        if tag.endswith(suffix):
            return tag[: -len(suffix)] + '"'
    return tag
