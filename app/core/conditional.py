"""Conditional GETs for every route: an ETag on each 200, 304 for a current `If-None-Match`,
and HEAD answered as the GET without its body.

Routes that build their ETag themselves (`app.core.http.json_response`, which knows a cheaper
tag or a cache) keep it; for any other GET the tag is the hash of the body. A new route gets
all of this without a line of its own.
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.http import etag_of, tag_matches

# Only these headers travel on a 304 (RFC 9110 §15.4.5): the body's own are dropped.
_KEPT_ON_304 = {"etag", "cache-control", "vary", "content-location", "date", "expires"}


class ConditionalGetMiddleware:
    """ETag, 304 and HEAD for every GET route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        outer = scope
        if head:
            scope = {**scope, "method": "GET"}
        if_none_match = Headers(scope=scope).get("if-none-match")
        # Only a 200 without its own ETag is buffered (to hash it); any other answer, the
        # cached merged views among them, passes through as it is sent.
        start: Message | None = None
        chunks: list[bytes] = []
        dropped = False  # a 304 was sent: the route's body goes nowhere

        async def send_conditional(message: Message) -> None:
            nonlocal start, dropped
            if message["type"] == "http.response.start":
                ok = message["status"] == 200
                tag = Headers(raw=message["headers"]).get("etag") if ok else None
                if ok and tag is None:
                    start = message
                elif tag is not None and if_none_match and tag_matches(if_none_match, tag):
                    dropped = True
                    await _send_304(message["headers"], send)
                else:
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            if dropped:
                return
            if start is None:  # passing through
                if not head:
                    await send(message)
                elif not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _finish(
                start, b"".join(chunks), head=head, if_none_match=if_none_match, send=send
            )

        try:
            await self.app(scope, receive, send_conditional)
        finally:
            if head and "route" in scope:  # the metrics name a HEAD's route as a GET's
                outer["route"] = scope["route"]


async def _send_304(raw: list[tuple[bytes, bytes]], send: Send) -> None:
    kept = [(k, v) for k, v in raw if k.decode().lower() in _KEPT_ON_304]
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})


async def _finish(
    start: Message, body: bytes, *, head: bool, if_none_match: str | None, send: Send
) -> None:
    """A 200 the route sent without an ETag: tag it by its body, then answer as above."""
    tag = etag_of(body)
    headers = MutableHeaders(raw=list(start["headers"]))
    headers["ETag"] = tag
    if if_none_match and tag_matches(if_none_match, tag):
        await _send_304(headers.raw, send)
        return
    await send({**start, "headers": headers.raw})
    # HEAD: the GET's headers (Content-Length included), no body.
    await send({"type": "http.response.body", "body": b"" if head else body})
