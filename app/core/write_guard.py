"""Who may write is answered before what they wrote is looked at.

An anonymous caller, a key that is unknown or revoked, or a reader key (no write is a
reader's) gets its 401 or 403 before the body is parsed or validated: otherwise a
malformed or hostile body would be told "422: field X" by a route it may not use, and the
refusals of the NUL/bidi guard, the JSON parser and pydantic would answer first.

Which routes need a key is read from the routes' own OpenAPI documentation: a write that
documents a 401 needs one (the public sign-up, cancel and feedback links document none).
Scope and the finer roles stay with each route's guard (`app.core.auth.requires` and the
services), which runs with the route.
"""

import re
from typing import Any

from fastapi import FastAPI
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import AppError, Forbidden, Unauthorized, problem_response
from app.models.base import Role

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PARAM = re.compile(r"\{[^}/]+\}")


def guarded_writes(openapi: dict[str, Any]) -> list[tuple[str, re.Pattern[str], bool]]:
    """(method, path pattern, documents 403) of every write that documents a 401."""
    out = []
    for template, item in openapi.get("paths", {}).items():
        pattern = re.compile(
            "^"
            + _PARAM.sub("[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
            + "$"
        )
        for method, op in item.items():
            responses = op.get("responses", {}) if isinstance(op, dict) else {}
            if method.upper() in WRITE_METHODS and "401" in responses:
                out.append((method.upper(), pattern, "403" in responses))
    return out


def _check_key(authorization: str | None, may_forbid: bool) -> None:
    """401 without a valid key, 403 for a reader key where the route can refuse keys."""
    # Imported here: app.core.auth imports the database layer, this module is imported
    # by the app factory before the first request.
    from app.core.auth import get_principal
    from app.core.db import open_session

    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token.strip())
    with open_session(write=False) as session:
        principal = get_principal(session, credentials)
    assert principal is not None
    if may_forbid and principal.role is Role.reader:
        raise Forbidden(f"The key '{principal.name}' may read but not write.")


class WriteGuardMiddleware:
    """401/403 for a write the caller may not make at all, before its body is read."""

    def __init__(self, app: ASGIApp, *, fastapi_app: FastAPI) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self._routes: list[tuple[str, re.Pattern[str], bool]] | None = None

    def _match(self, method: str, path: str) -> bool | None:
        """None when the write needs no key; else whether it documents a 403."""
        if self._routes is None:
            self._routes = guarded_writes(self.fastapi_app.openapi())
        for m, pattern, may_forbid in self._routes:
            if m == method and pattern.match(path):
                return may_forbid
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        may_forbid = self._match(scope["method"], scope["path"])
        if may_forbid is not None:
            authorization = Headers(scope=scope).get("authorization")
            try:
                await run_in_threadpool(_check_key, authorization, may_forbid)
            except AppError as exc:
                headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
                if exc.status == 429:
                    headers = {"Retry-After": str(exc.extra.pop("retry_after", 1))}
                response = problem_response(
                    exc.status,
                    exc.detail,
                    title=exc.title,
                    type_=exc.type,
                    extra=exc.extra,
                    headers=headers,
                )
                await response(scope, receive, send)
                return
            except Exception:  # e.g. the database is away: the route itself answers (503)
                pass
        await self.app(scope, receive, send)
