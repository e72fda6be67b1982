"""Cached public reads answered before the framework is involved, with the very same answer.

A warm merged view is bytes in a dict, yet the full path to it runs a dozen ASGI layers, the
router, FastAPI's dependency solving and a Response object per request: several times the
cost of sending the bytes. Here, in front of everything, a GET or HEAD whose path has the
shape of a registered fast read asks that read's `Reader` for a finished answer; the reader
answers only when the full route would serve the same cached bytes (no key, a query it
understands, the cache fresh), else None and the request goes the full way, unchanged.

A public read that is not held (after a write, most are not: every locality's view of the
written pathway is rebuilt) need not go the full way either. The reader then returns a
`Hold`: the route's own builder, which this runs in one worker thread to hold the entry,
and then asks the reader again. The full route would run the same builder, after a dozen
layers, FastAPI's dependency solving and, for a sync route, three thread hand-offs. When
the builder fails (an unknown pathway: 404) or the entry is still not fresh, the request
goes the full way and the route answers as it always does.

What the middlewares would add is added by the same functions they use: CORS
(`app.core.middleware.cors_headers`), the security headers
(`app.core.security_headers.with_security_headers`), the request id and the metrics and
access log (`app.core.observability`). The readers build their answers with the routes' own
`json_response`, so status, ETag/304, Cache-Control, Vary and the body cannot drift apart;
`tests/core/test_fastpath.py` compares both paths header by header.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from anyio import to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.middleware import cors_headers, is_trusted
from app.core.observability import (
    REQUEST_ID_HEADER,
    Observer,
    RequestIdMiddleware,
    request_id,
)
from app.core.security_headers import with_security_headers

log = logging.getLogger("forlop.fastpath")

RawHeaders = list[tuple[bytes, bytes]]
# status, headers, the GET's body (a HEAD sends the headers only)
Answer = tuple[int, RawHeaders, bytes]


@dataclass(frozen=True)
class Hold:
    """What a reader returns for a read the full route would build and hold: `job` builds
    and holds it (in a worker thread: it reads the database), as the route would."""

    job: Callable[[], object]


# (path parameters in template order, raw query string, the request headers it may read)
Reader = Callable[[list[str], bytes, dict[bytes, bytes]], Answer | Hold | None]
# The request headers a reader may look at (the first of each, as Starlette's Headers.get).
READ_HEADERS = frozenset(
    {b"authorization", b"if-none-match", b"accept", b"accept-language", b"accept-encoding"}
    | {b"origin"}
    | {b"content-length", b"transfer-encoding"}  # a body: the full way
)


@dataclass(frozen=True)
class FastRead:
    """A route template (as the metrics name it) and the reader of its cached answers."""

    template: str
    read: Reader


class _Shape:
    """A template's fixed segments and where its parameters are."""

    def __init__(self, fast: FastRead) -> None:
        parts = fast.template.split("/")
        self.fast = fast
        self.count = len(parts)
        self.literals = [(i, p) for i, p in enumerate(parts) if "{" not in p]
        self.params = [i for i, p in enumerate(parts) if "{" in p]

    def match(self, parts: list[str]) -> list[str] | None:
        for i, literal in self.literals:
            if parts[i] != literal:
                return None
        return [parts[i] for i in self.params]


class FastReads:
    """In front of the app: cached public reads answered here, everything else passed on."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        reads: Iterable[FastRead],
        cors_origins: Iterable[str],
        recorder: RequestIdMiddleware,
    ) -> None:
        self.app = app
        self.origins = set(cors_origins)
        self.recorder = recorder
        self.shapes: dict[int, list[_Shape]] = {}
        self._security: dict[int, tuple[RawHeaders, RawHeaders]] = {}
        for fast in reads:
            shape = _Shape(fast)
            self.shapes.setdefault(shape.count, []).append(shape)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            parts = scope["path"].split("/")
            for shape in self.shapes.get(len(parts), ()):
                params = shape.match(parts)
                if params is not None:
                    if await self._answer(scope, send, shape.fast, params):
                        return
                    break
        await self.app(scope, receive, send)

    def _secured(self, raw: RawHeaders, path: str) -> RawHeaders:
        """`raw` with the security headers, worked out once per answer a reader keeps (its
        headers decide them; CORS headers never do, and no fast path is CSP-exempt)."""
        found = self._security.get(id(raw))
        if found is not None and found[0] is raw:
            return found[1]
        secured = with_security_headers(raw, path)
        if len(self._security) > 10_000:
            self._security.clear()
        self._security[id(raw)] = (raw, secured)  # holding `raw` keeps its id unique
        return secured

    async def _answer(self, scope: Scope, send: Send, fast: FastRead, params: list[str]) -> bool:
        start = time.perf_counter()
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in READ_HEADERS and name not in headers:
                headers[name] = value
        if headers.pop(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers:
            return False  # a GET with a body: the body limit and the text guard have a say
        query = scope["query_string"]
        try:
            answer = fast.read(params, query, headers)
            if isinstance(answer, Hold):
                await to_thread.run_sync(answer.job)
                answer = fast.read(params, query, headers)
        except Exception:  # the full route answers (and reports) whatever went wrong
            log.debug("fast read failed; the full route answers", exc_info=True)
            return False
        if not isinstance(answer, tuple):  # None, or still not held: the full way
            return False
        status, raw, body = answer
        secured = self._secured(raw, scope["path"])
        origin = headers.get(b"origin")
        if origin is not None:
            # As the middlewares stack them: the answer's, CORS's, then the security headers.
            text = origin.decode("latin-1")
            cors = cors_headers(text, is_trusted(text, self.origins))
            secured = [*secured[: len(raw)], *cors, *secured[len(raw) :]]
        else:
            secured = list(secured)
        secured.append((REQUEST_ID_HEADER, request_id(scope).encode("latin-1")))
        raw = secured
        await send({"type": "http.response.start", "status": status, "headers": raw})
        head = scope["method"] == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head else body})
        self.recorder.record(scope["method"], fast.template, status, start)
        return True


def install_fast_reads(
    app: FastAPI,
    reads: Iterable[FastRead],
    *,
    cors_origins: Iterable[str],
    observe: Observer | None,
    access_log_sample: float,
) -> None:
    """Put the fast reads in front of the app's whole middleware stack (built on first use)."""
    build = app.build_middleware_stack
    # The request id middleware's own bookkeeping, so both paths count and log alike.
    recorder = RequestIdMiddleware(app, observe=observe, access_log_sample=access_log_sample)
    origins, kept = list(cors_origins), list(reads)

    def build_with_fast_reads() -> ASGIApp:
        return FastReads(build(), reads=kept, cors_origins=origins, recorder=recorder)

    app.build_middleware_stack = build_with_fast_reads  # type: ignore[method-assign]
