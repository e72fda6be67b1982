"""Text with a NUL character is refused (422 naming the field) before it reaches a database.

PostgreSQL cannot store U+0000 in text and would answer a write with an error, and the
two databases must behave alike; no field of the contract has a use for it. Paths and
query strings are checked as they arrive; a JSON body is read whole (it is small: the
body limit applies first) and walked only when it spells `\\u0000` somewhere.
"""

from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

_ESCAPED_NUL = b"\\u0000"


def nul_location(value: Any, loc: list[str | int]) -> list[str | int] | None:
    """Where in a decoded JSON value a string (or key) holds NUL, or None."""
    if isinstance(value, str):
        return loc if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = [*loc, key] if "\x00" in key else nul_location(item, [*loc, key])
            if found is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = nul_location(item, [*loc, i])
            if found is not None:
                return found
    return None


def _refuse(loc: list[str | int]) -> Any:
    detail = "Text may not contain the NUL character (U+0000)."
    return problem_response(
        422, detail, title="Validation failed", extra={"errors": [{"loc": loc, "msg": detail}]}
    )


class NulTextMiddleware:
    """422 for NUL in the path, the query or a JSON body; everything else passes untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"]:
            await _refuse(["path"])(scope, receive, send)
            return
        if b"%00" in scope["query_string"].lower():
            query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            name = next((k for k, v in query if "\x00" in k or "\x00" in v), "")
            await _refuse(["query", name])(scope, receive, send)
            return
        content_type = Headers(scope=scope).get("content-type", "")
        if not content_type.startswith("application/json"):
            await self.app(scope, receive, send)
            return
        body, messages = b"", []
        while True:
            try:
                message = await receive()
            except HTTPException as exc:  # over the body limit, raised while it streams in
                await problem_response(exc.status_code, exc.detail)(scope, receive, send)
                return
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if _ESCAPED_NUL in body:
            try:
                loc = nul_location(orjson.loads(body), ["body"])
            except orjson.JSONDecodeError:
                loc = None  # not JSON: the route's own parser says so
            if loc is not None:
                await _refuse(loc)(scope, receive, send)
                return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
