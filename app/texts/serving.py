"""Serving a merged view: from the view cache when it holds it, else built in a worker thread.

Shared by the merged views' routes (app/texts/router_merged.py) and the region's base
view (`GET /pathways/{slug}`, app/pathways/router.py), with their query parameters.
"""

from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.core.auth import get_principal
from app.core.config import get_settings
from app.core.db import open_session
from app.core.encoding import choose_coding
from app.core.http import json_response
from app.models.base import CODE_PATTERN, Lang
from app.texts import merged
from app.texts.read_cache import (
    Entry,
    get_cache,
    read_owners,
    read_parents,
    representation,
    view_slots,
)

_bearer = HTTPBearer(auto_error=False, description="An API key (needed for `preview=true`).")

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
LangQuery = Annotated[
    Lang | None, Query(description="`nb` or `nn`; else Accept-Language, else the default.")
]
AsOfQuery = Annotated[
    str | None,
    Query(max_length=64, description="ISO 8601 time: the view as it was (or will be) then."),
]
IncludeQuery = Annotated[
    Literal["hidden"] | None, Query(description="`hidden`: hidden slots appear, without text.")
]
PreviewQuery = Annotated[
    bool, Query(description="Merge drafts in (needs `reader` in the locality's scope).")
]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]

# A view differs by language and by coding; a shared cache must key on both.
VARY = "Accept-Language, Accept-Encoding"
ViewKey = tuple[str | None, str, str, bool]


def view_headers(lang_code: str, coding: str | None) -> dict[str, str]:
    """The headers every answer of a view carries besides ETag and Cache-Control."""
    headers = {"Vary": VARY, "Content-Language": lang_code}
    if coding is not None:
        headers["Content-Encoding"] = coding
    return headers


def view_key(code: str | None, slug: str, lang: str, include_hidden: bool) -> ViewKey:
    """What a public view is held under (`code` None: the region's base view)."""
    return (code, slug, lang, include_hidden)


def _build(
    credentials: HTTPAuthorizationCredentials | None, code: str | None, **options: object
) -> merged.BuiltView:
    with open_session(write=False) as session:
        principal = get_principal(session, credentials) if options.get("preview") else None
        if code is None:
            return merged.base_view(session, principal=principal, **options)  # type: ignore[arg-type]
        return merged.build_view(session, code=code, principal=principal, **options)  # type: ignore[arg-type]


def hold_view(key: ViewKey) -> tuple[merged.BuiltView, Entry | None]:
    """Build the public view `key` and hold it under the token of its slots read before the
    build; the view, and the entry kept (None when freshness cannot be vouched for). In a
    worker thread: `serve` on a miss, and the fast path's `Hold`."""
    cache = get_cache()
    code, slug, lang, include_hidden = key
    parents, owners = _read_tree()
    token = cache.token(view_slots(parents, code, slug, owners.get(slug)))
    built = _build(
        None, code, slug=slug, lang=lang, as_of=None, include_hidden=include_hidden, preview=False
    )
    kept = cache.put(
        key, body=built.body, etag=built.etag, token=token, expires_at=built.expires_at
    )
    return built, kept


def _read_tree() -> tuple[dict[str, str | None], dict[str, str]]:
    with open_session(write=False) as session:
        return read_parents(session), read_owners(session)


async def serve(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    *,
    code: str | None,
    slug: str,
    lang: Lang | None,
    as_of: str | None,
    include: str | None,
    preview: bool,
) -> Response:
    lang_code = merged.resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    moment = merged.parse_as_of(as_of)
    include_hidden = include == "hidden"
    coding = choose_coding(request.headers.get("accept-encoding"))
    headers = view_headers(lang_code, coding)
    kept: Entry | None = None
    if not preview and moment is None:
        cache = get_cache()
        key = view_key(code, slug, lang_code, include_hidden)
        # The slots this view depends on come from the tree, held per process (no query).
        parents, owners = cache.parents(), cache.owners()
        if parents is not None and owners is not None:
            entry = cache.get(key, cache.token(view_slots(parents, code, slug, owners.get(slug))))
            if entry is not None:
                body, tag = entry.representation(coding)
                return json_response(request, body, etag=tag, headers=headers)
        built, kept = await run_in_threadpool(hold_view, key)
    else:
        built = await run_in_threadpool(
            _build, credentials, code, slug=slug, lang=lang_code, as_of=moment,
            include_hidden=include_hidden, preview=preview,
        )  # fmt: skip
    body, tag = (
        kept.representation(coding) if kept else representation(built.body, built.etag, coding)
    )
    return json_response(request, body, etag=tag, public=not preview, headers=headers)
