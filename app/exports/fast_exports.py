"""Held service maps, embeds and PlanDefinitions on the fast path (`app.core.fastpath`).

A reader answers only what the full route would answer from the read cache: no key, a
query it understands, the entry held under the same key (`router.service_map_key`, …) and
the same freshness token. Its answer is made once per entry, coding and 304 by the
route's own `respond_…` functions and kept on the entry. An entry not held is built by the
route's own `hold_…` function, which the fast path runs (a `Hold`); anything else returns
None and the request goes the full way.
"""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from app.core.db import open_session
from app.core.fastpath import Answer, FastRead, Hold
from app.exports.router import (
    Format,
    embed_key,
    format_for,
    hold_embed,
    hold_plan,
    hold_service_map,
    plan_key,
    respond_embed,
    respond_plan,
    respond_service_map,
    service_map_key,
)
from app.texts.fast_views import is_code, language, negotiated, parse_query, slots_of_view
from app.texts.read_cache import Entry, get_cache, service_map_slots

Headers = dict[bytes, bytes]
_FORMATS: frozenset[str] = frozenset({"json", "csv", "hsds", "fhir"})  # xlsx: the full way
_BOOLS = {"true": True, "false": False}
_MAX_PAGE = 2**31 - 1


def _count(value: str, top: int) -> int | None:
    """A page number or size as the route reads it (1 … top, plain digits), else None."""
    if not value.isdigit() or value[0] == "0" or len(value) > 10:
        return None
    number = int(value)
    return number if number <= top else None


def _held(
    key: tuple[Any, ...],
    slots: Callable[[Any, Any], tuple[int, ...]],
    hold: Callable[[Session], Entry],
) -> Entry | Hold:
    """The entry held under `key`; else a `Hold` that builds it with the route's `hold`
    (which reads the tree and the owners when they are not held)."""
    cache = get_cache()
    parents, owners = cache.parents(), cache.owners()
    entry = None
    if parents is not None and owners is not None:  # else they may have changed
        entry = cache.get(key, cache.token(slots(parents, owners)))
    return entry if entry is not None else Hold(lambda: _in_session(hold))


def _in_session(hold: Callable[[Session], Entry]) -> None:
    with open_session(write=False) as session:
        hold(session)


def _answer(
    entry: Entry, headers: Headers, kind: Any, respond: Callable[[Request], Response]
) -> Answer:
    """The route's answer for `entry` and these request headers, made once and kept."""
    coding, not_modified = negotiated(entry, headers)
    key = (kind, coding, not_modified)
    answer: Answer | None = entry.answers.get(key)
    if answer is None:
        _, tag = entry.representation(coding)
        request_headers = [(b"accept-encoding", coding.encode())] if coding else []
        if not_modified:
            request_headers.append((b"if-none-match", tag.encode()))
        response = respond(Request({"type": "http", "method": "GET", "headers": request_headers}))
        answer = (response.status_code, list(response.raw_headers), bytes(response.body))
        entry.answers[key] = answer
    return answer


def read_service_map(params: list[str], query: bytes, headers: Headers) -> Answer | Hold | None:
    (code,) = params
    if b"authorization" in headers or not is_code(code):
        return None
    options = parse_query(query, ("format", "lang", "page", "per_page"))
    if options is None:
        return None
    requested = options.get("format")
    if requested is not None and requested not in _FORMATS:
        return None
    accept = headers.get(b"accept", b"").decode("latin-1")
    fmt: Format = format_for(requested, accept)  # type: ignore[arg-type]
    if fmt == "xlsx":
        return None
    page = _count(options.get("page", "1"), _MAX_PAGE)
    per_page = _count(options.get("per_page", "50"), 500)
    lang_code = language(options, headers)
    if page is None or per_page is None or lang_code is None:
        return None
    entry = _held(
        service_map_key(code, lang_code, fmt, page, per_page),
        lambda parents, owners: service_map_slots(parents, owners, code),
        lambda session: hold_service_map(session, code, lang_code, fmt, page, per_page),
    )
    if not isinstance(entry, Entry):
        return entry
    return _answer(
        entry, headers, "service-map", lambda r: respond_service_map(r, entry, fmt, code, lang_code)
    )


def _pathway_read(
    params: list[str], query: bytes, headers: Headers, names: tuple[str, ...]
) -> tuple[str, str, str, dict[str, str]] | None:
    code, slug = params
    if b"authorization" in headers or not is_code(code) or not is_code(slug):
        return None
    options = parse_query(query, names)
    if options is None:
        return None
    lang_code = language(options, headers)
    if lang_code is None:
        return None
    return code, slug, lang_code, options


def _pathway_slots(code: str, slug: str) -> Callable[[Any, Any], tuple[int, ...]]:
    return lambda parents, owners: slots_of_view(parents, owners, code, slug)


def read_embed(params: list[str], query: bytes, headers: Headers) -> Answer | Hold | None:
    found = _pathway_read(params, query, headers, ("lang", "collapsed"))
    if found is None:
        return None
    code, slug, lang_code, options = found
    collapsed = _BOOLS.get(options.get("collapsed", "false"))
    if collapsed is None:
        return None
    entry = _held(
        embed_key(code, slug, lang_code, collapsed),
        _pathway_slots(code, slug),
        lambda session: hold_embed(session, code, slug, lang_code, collapsed),
    )
    if not isinstance(entry, Entry):
        return entry
    return _answer(entry, headers, "embed", lambda r: respond_embed(r, entry, lang_code))


def read_plan(params: list[str], query: bytes, headers: Headers) -> Answer | Hold | None:
    found = _pathway_read(params, query, headers, ("lang",))
    if found is None:
        return None
    code, slug, lang_code, _ = found
    entry = _held(
        plan_key(code, slug, lang_code),
        _pathway_slots(code, slug),
        lambda session: hold_plan(session, code, slug, lang_code),
    )
    if not isinstance(entry, Entry):
        return entry
    return _answer(entry, headers, "fhir-plan", lambda r: respond_plan(r, entry, lang_code))


FAST_EXPORTS = (
    FastRead("/v1/localities/{code}/service-map", read_service_map),
    FastRead("/v1/localities/{code}/pathways/{slug}/embed", read_embed),
    FastRead("/v1/localities/{code}/pathways/{slug}/fhir", read_plan),
)
