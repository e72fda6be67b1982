"""Text with a NUL, a control or a bidirectional-override character is refused (422 naming
the field) before it reaches a database or anyone's screen.

PostgreSQL cannot store U+0000 in text and would answer a write with an error, and the
two databases must behave alike. Controls other than tab and line breaks (C0, U+0001 to
U+001F; a carriage return only as part of CRLF) and the bidirectional embeddings,
overrides and isolates (U+202A to U+202E, U+2066 to U+2069) have no use in a name or a
text and can make one look like another (`‮fdp.exe`): no field of the contract takes them.

Paths and query strings are checked as they arrive; a JSON body is read whole (it is
small: the body limit applies first) and walked only when its bytes hint at one of them.
"""

import re
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
# In JSON bytes: an escaped control (\u00XX, \b, \f, \r — over-broad, a hint only) or a
# bidi character, escaped or raw UTF-8 (E2 80 AA-AE, E2 81 A6-A9).
_HINT = re.compile(
    rb"\\u00[01][0-9a-fA-F]|\\u20(?:2[a-eA-E]|6[6-9])|\\[bfr]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def forbidden_char(text: str) -> str | None:
    """The first refused character in `text`, or None."""
    found = FORBIDDEN.search(text)
    return found.group(0)[0] if found else None


def forbidden_location(value: Any, loc: list[str | int]) -> tuple[list[str | int], str] | None:
    """Where in a decoded JSON value a string (or key) holds a refused character, and which."""
    if isinstance(value, str):
        char = forbidden_char(value)
        return (loc, char) if char is not None else None
    if isinstance(value, dict):
        for key, item in value.items():
            char = forbidden_char(key)
            if char is not None:
                return [*loc, key], char
            found = forbidden_location(item, [*loc, key])
            if found is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = forbidden_location(item, [*loc, i])
            if found is not None:
                return found
    return None


def nul_location(value: Any, loc: list[str | int]) -> list[str | int] | None:
    """Where in a decoded JSON value a string (or key) holds NUL, or None."""
    found = forbidden_location(value, loc)
    return found[0] if found is not None and found[1] == "\x00" else None


def _message(char: str) -> str:
    if char == "\x00":
        return "Text may not contain the NUL character (U+0000)."
    kind = "a bidirectional control" if ord(char) >= 0x2000 else "a control character"
    return f"Text may not contain {kind} (U+{ord(char):04X})."


def _refuse(loc: list[str | int], char: str) -> Any:
    detail = _message(char)
    return problem_response(
        422, detail, title="Validation failed", extra={"errors": [{"loc": loc, "msg": detail}]}
    )


class NulTextMiddleware:
    """422 for a refused character in the path, the query or a JSON body; everything else
    passes untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        char = forbidden_char(scope["path"])
        if char is not None:
            await _refuse(["path"], char)(scope, receive, send)
            return
        if scope["query_string"]:
            raw = scope["query_string"].decode("utf-8", errors="replace")
            query = parse_qsl(raw, keep_blank_values=True)
            for k, v in query:
                char = forbidden_char(k) or forbidden_char(v)
                if char is not None:
                    await _refuse(["query", k], char)(scope, receive, send)
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
        if _HINT.search(body):
            try:
                found = forbidden_location(orjson.loads(body), ["body"])
            except orjson.JSONDecodeError:
                found = None  # not JSON: the route's own parser says so
            if found is not None:
                await _refuse(*found)(scope, receive, send)
                return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)
