"""Merged and base views on the fast path: the cached answer, exactly as the route sends it.

The route (`serving.serve`) and the readers here share what makes the answer: the
headers (`view_headers`), the representation of the cached bytes in the coding the client
asked for (`Entry.representation`) and `json_response` itself, which the readers call once
per cached entry and coding to make the answer they then send again and again. A view not
held is built by the route's own builder (`serving.hold_view`), run by the fast path.
"""

from functools import lru_cache
from typing import Any

from starlette.requests import Request

from app.core.config import get_settings
from app.core.encoding import choose_coding
from app.core.fastpath import Answer, FastRead, Hold
from app.core.http import json_response, tag_matches
from app.core.i18n import negotiate
from app.models.base import CODE_PATTERN
from app.texts.read_cache import Entry, get_cache, view_slots
from app.texts.serving import hold_view, view_headers, view_key

_CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_LANGS = ("nb", "nn")


def is_code(value: str) -> bool:
    """CODE_PATTERN (`^[a-z0-9][a-z0-9-]{0,62}$`) without a regex call."""
    return 0 < len(value) <= 63 and value[0] != "-" and _CODE_CHARS.issuperset(value)


assert CODE_PATTERN == r"^[a-z0-9][a-z0-9-]{0,62}$", "keep is_code in step with CODE_PATTERN"


def parse_query(query: bytes, names: tuple[str, ...]) -> dict[str, str] | None:
    """The parameters `names`, each at most once, plainly spelt (no percent-encoding);
    None for anything else, which the full route reads (and validates) itself."""
    found: dict[str, str] = {}
    if not query:
        return found
    for part in query.decode("latin-1").split("&"):
        name, sep, value = part.partition("=")
        if not sep or name in found or name not in names or "%" in value or "+" in value:
            return None
        found[name] = value
    return found


def _simple_query(query: bytes) -> dict[str, str] | None:
    """`lang` (nb, nn) and `include=hidden`; None for anything else."""
    found = parse_query(query, ("lang", "include"))
    if found is None or found.get("include", "hidden") != "hidden":
        return None
    return found


# The route's own negotiation, remembered: clients send a handful of distinct headers.
_negotiate = lru_cache(maxsize=512)(negotiate)


def language(options: dict[str, str], headers: dict[bytes, bytes]) -> str | None:
    """The language the route would answer in (`lang`, else Accept-Language, else the
    default); None for a `lang` the route refuses."""
    lang = options.get("lang")
    if lang is not None and lang not in _LANGS:
        return None
    accept_language = headers.get(b"accept-language")
    return _negotiate(
        lang,
        accept_language.decode("latin-1") if accept_language is not None else None,
        get_settings().default_lang,
    )


# The slots of a view, worked out once per tree and owners held (new ones are new dicts).
_slots_of: dict[tuple[str | None, str], tuple[int, ...]] = {}
_slots_tree: list[Any] = [None, None]


def slots_of_view(
    parents: dict[str, str | None], owners: dict[str, str], code: str | None, slug: str
) -> tuple[int, ...]:
    if _slots_tree[0] is not parents or _slots_tree[1] is not owners or len(_slots_of) > 50_000:
        _slots_of.clear()
        _slots_tree[0], _slots_tree[1] = parents, owners
    found = _slots_of.get((code, slug))
    if found is None:
        found = _slots_of[(code, slug)] = view_slots(parents, code, slug, owners.get(slug))
    return found


def cached_answer(entry: Entry, lang_code: str, coding: str | None, not_modified: bool) -> Answer:
    """The route's answer for this entry, made once by `json_response` and kept on it."""
    key = (lang_code, coding, not_modified)
    answer: Answer | None = entry.answers.get(key)
    if answer is None:
        body, tag = entry.representation(coding)
        request_headers = [(b"if-none-match", tag.encode())] if not_modified else []
        request = Request({"type": "http", "method": "GET", "headers": request_headers})
        response = json_response(request, body, etag=tag, headers=view_headers(lang_code, coding))
        answer = (response.status_code, list(response.raw_headers), bytes(response.body))
        entry.answers[key] = answer
    return answer


def _read(
    code: str | None, slug: str, query: bytes, headers: dict[bytes, bytes]
) -> Answer | Hold | None:
    if b"authorization" in headers or not is_code(slug) or (code is not None and not is_code(code)):
        return None
    options = _simple_query(query)
    lang_code = language(options, headers) if options is not None else None
    if options is None or lang_code is None:
        return None
    cache = get_cache()
    key = view_key(code, slug, lang_code, "include" in options)
    # The tree and the pathways' owners as held: None when they may have changed.
    parents, owners = cache.parents(), cache.owners()
    entry = None
    if parents is not None and owners is not None:
        entry = cache.get(key, cache.token(slots_of_view(parents, owners, code, slug)))
    if entry is None:  # built and held by the route's builder, which reads the tree
        return Hold(lambda: hold_view(key))
    return cached_answer(entry, lang_code, *negotiated(entry, headers))


def negotiated(entry: Entry, headers: dict[bytes, bytes]) -> tuple[str | None, bool]:
    """The coding the client gets of `entry`, and whether its If-None-Match already names
    that representation (then the answer is a 304)."""
    accept_encoding = headers.get(b"accept-encoding")
    coding = choose_coding(accept_encoding.decode("latin-1") if accept_encoding else None)
    if_none_match = headers.get(b"if-none-match")
    not_modified = False
    if if_none_match:
        _, tag = entry.representation(coding)
        not_modified = tag_matches(if_none_match.decode("latin-1"), tag)
    return coding, not_modified


def read_merged(params: list[str], query: bytes, headers: dict[bytes, bytes]) -> Any:
    code, slug = params
    return _read(code, slug, query, headers)


def read_base(params: list[str], query: bytes, headers: dict[bytes, bytes]) -> Any:
    return _read(None, params[0], query, headers)


FAST_READS = (
    FastRead("/v1/localities/{code}/pathways/{slug}", read_merged),
    FastRead("/v1/pathways/{slug}", read_base),
)
