"""ASGI middleware: request body limit and the contract's CORS rules."""

import re

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

SAFE_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Accept, Accept-Language"
EXPOSED_HEADERS = "ETag, Location, Retry-After, X-Request-ID"


class BodyTooLarge(HTTPException):
    """Raised while a body streams in; an HTTPException so FastAPI's body parser lets it pass."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit} bytes.")


class BodyLimitMiddleware:
    """Refuse bodies above the limit before they are read whole (413)."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Path patterns with their own limit (workbook uploads are larger than JSON bodies).
        self.overrides = [(re.compile(p), n) for p, n in (overrides or {}).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = next((n for rx, n in self.overrides if rx.match(path)), self.max_bytes)
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            status = 413 if length.isdigit() else 400
            detail = (
                f"The request body is larger than the limit of {limit} bytes."
                if status == 413
                else "Content-Length is not a number."
            )
            await problem_response(status, detail)(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)


def cors_headers(origin: str, trusted: bool) -> list[tuple[bytes, bytes]]:
    """What an answer to a (non-preflight) request from `origin` carries for CORS."""
    extra = CorsMiddleware._headers(origin, trusted)
    return [(k.lower().encode(), v.encode()) for k, v in extra.items()]


def is_trusted(origin: str, origins: set[str]) -> bool:
    """May this origin write (and read with credentials)?"""
    return origin in origins or "*" in origins


class CorsMiddleware:
    """Public GETs for any origin without credentials; everything for configured origins."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.origins = set(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        trusted = is_trusted(origin, self.origins)
        method = scope["method"]
        if method == "OPTIONS" and "access-control-request-method" in headers:
            wanted = headers["access-control-request-method"].upper()
            allowed = trusted or wanted in SAFE_METHODS
            cors = self._headers(origin, trusted) if allowed else {}
            if allowed:
                cors["Access-Control-Allow-Methods"] = (
                    "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" if trusted else "GET, HEAD"
                )
                cors["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
                cors["Access-Control-Max-Age"] = "600"
            status = 204 if allowed else 400
            await Response(status_code=status, headers=cors)(scope, receive, send)
            return
        if not trusted and method not in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        extra = cors_headers(origin, trusted)

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    def _headers(origin: str, trusted: bool) -> dict[str, str]:
        if trusted:
            return {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Expose-Headers": EXPOSED_HEADERS,
                "Vary": "Origin",
            }
        return {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Expose-Headers": EXPOSED_HEADERS,
        }
