"""Who may write is answered before what they wrote is looked at.

An anonymous caller, a key that is unknown or revoked, or a reader key (no write is a
reader's) gets its 401 or 403 before the body is parsed or validated: otherwise a
malformed or hostile body would be told "422: field X" by a route it may not use, and the
refusals of the NUL/bidi guard, the JSON parser and pydantic would answer first.

Which routes need a key is read from the routes' own documented answers: a write that
documents a 401 needs one (the public sign-up, cancel and feedback links document none).
The table is made once, from the routers, when the app is built (making the whole OpenAPI
document would cost a worker seconds on its first write).
A route guarded by `app.core.auth.requires(role, locality_param=…)` has its role (and the
scope named by its path) checked here too, with the same answer the route would give.
What a service decides from the body (the target layer of a proposal, say) stays there.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.errors import AppError, Forbidden, Unauthorized, problem_response
from app.models.base import Role

if TYPE_CHECKING:
    from sqlmodel import Session

    from app.core.auth import Principal

# Where the guard leaves the key it checked, in the request's ASGI scope.
CHECKED_KEY = "forlop.checked_key"


@dataclass(frozen=True)
class CheckedKey:
    """A key the guard found good for this request: its token, whose it is, and the
    requirement of the route it met ((role, locality code); None: the route has none)."""

    token: str
    principal: "Principal"
    met: tuple[Role, str | None] | None


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


GuardedWrite = tuple[str, str, bool]  # (method, path template, documents a 403)
# What `requires(...)` demands of a route: the role, and the path parameter naming the scope.
Requirement = tuple[Role, str | None]


def _requirement(route: APIRoute) -> Requirement | None:
    """The role (and scope parameter) the route's `requires(...)` dependency demands."""
    pending = list(route.dependant.dependencies)
    while pending:
        dep = pending.pop()
        found = getattr(dep.call, "required", None)
        if found is not None:
            return found  # type: ignore[no-any-return]
        pending.extend(dep.dependencies)
    return None


def _pattern(template: str) -> re.Pattern[str]:
    """The path regex the router itself matches with, convertors included: a route's
    `{item_id:int}` matches digits only, so `PATCH …/checklist/order` is not that route
    (and gets the router's 405 with `Allow`, not a 401 for a write that does not exist)."""
    return compile_path(template)[0]


def _walk(routes: Iterable[Any], prefix: str) -> Iterator[GuardedWrite]:
    for route in routes:
        nested = getattr(route, "original_router", None)  # a router included in a router
        if nested is not None:
            yield from _walk(nested.routes, prefix)
        elif isinstance(route, APIRoute) and 401 in route.responses:
            for method in sorted((route.methods or set()) & WRITE_METHODS):
                yield method, prefix + route.path, 403 in route.responses


def guarded_writes(routers: Iterable[APIRouter], prefix: str) -> list[GuardedWrite]:
    """Every write of these routers (mounted under `prefix`) that documents a 401."""
    return [w for router in routers for w in _walk(router.routes, prefix)]


def requirements(routers: Iterable[APIRouter], prefix: str) -> dict[tuple[str, str], Requirement]:
    """The writes among these routers guarded by `requires(...)`, by (method, template)."""
    found: dict[tuple[str, str], Requirement] = {}

    def walk(routes: Iterable[Any]) -> None:
        for route in routes:
            nested = getattr(route, "original_router", None)
            if nested is not None:
                walk(nested.routes)
            elif isinstance(route, APIRoute) and (req := _requirement(route)) is not None:
                for method in (route.methods or set()) & WRITE_METHODS:
                    found[(method, prefix + route.path)] = req

    for router in routers:
        walk(router.routes)
    return found


# A locality's chain of codes, region first, or 404 (`app.core.auth.locality_chain`; the
# app passes the held tree's, `app.texts.held_shapes.chain_codes_or_404`).
ChainCodes = Callable[["Session", str], list[str]]


def _check_key(
    authorization: str | None,
    may_forbid: bool,
    requirement: Requirement | None = None,
    path_params: dict[str, str] | None = None,
    chain_codes: ChainCodes | None = None,
) -> CheckedKey:
    """401 without a valid key, 403 for a reader key where the route can refuse keys, and
    the route's own `requires(...)` answer (403, or 404 for an unknown locality)."""
    # Imported here: app.core.auth imports the database layer, this module is imported
    # by the app factory before the first request.
    from app.core.auth import authorize, get_principal, locality_chain
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
        if requirement is None:
            return CheckedKey(token.strip(), principal, None)
        role, param = requirement
        code = (path_params or {}).get(param) if param else None
        chain_of = chain_codes or locality_chain
        authorize(principal, role, chain_of(session, code) if code else None)
        return CheckedKey(token.strip(), principal, (role, code))


class WriteGuardMiddleware:
    """401/403 for a write the caller may not make at all, before its body is read."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        writes: Iterable[GuardedWrite],
        requirements: dict[tuple[str, str], Requirement] | None = None,
        chain_codes: ChainCodes | None = None,
    ) -> None:
        self.app = app
        self._chain_codes = chain_codes
        needs = requirements or {}
        self._routes = [
            (m, _pattern(path), forbid, needs.get((m, path))) for m, path, forbid in writes
        ]

    def _match(
        self, method: str, path: str
    ) -> tuple[bool, Requirement | None, dict[str, str]] | None:
        """None when the write needs no key; else whether it documents a 403, what its
        `requires(...)` demands and the path's parameters."""
        for m, pattern, may_forbid, requirement in self._routes:
            if m == method and (found := pattern.match(path)):
                return may_forbid, requirement, found.groupdict()
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        matched = self._match(scope["method"], scope["path"])
        if matched is not None:
            may_forbid, requirement, params = matched
            authorization = Headers(scope=scope).get("authorization")
            try:
                checked = await run_in_threadpool(
                    _check_key, authorization, may_forbid, requirement, params, self._chain_codes
                )
                # The route's own key check finds it here instead of asking the database
                # again (`app.core.auth.get_principal`, `requires`).
                scope[CHECKED_KEY] = checked
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
