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
        if head:
            scope = {**scope, "method": "GET"}
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_conditional(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _finish(
                start, b"".join(chunks), head=head, if_none_match=if_none_match, send=send
            )

        await self.app(scope, receive, send_conditional)


async def _finish(
    start: Message, body: bytes, *, head: bool, if_none_match: str | None, send: Send
) -> None:
    headers = MutableHeaders(raw=list(start["headers"]))
    status = start["status"]
    if status == 200:
        tag = headers.get("etag")
        if tag is None:
            tag = etag_of(body)
            headers["ETag"] = tag
        if if_none_match and tag_matches(if_none_match, tag):
            kept = [(k, v) for k, v in headers.raw if k.decode().lower() in _KEPT_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
    await send({**start, "headers": headers.raw})
    # HEAD: the GET's headers (Content-Length included), no body.
    await send({"type": "http.response.body", "body": b"" if head else body})
