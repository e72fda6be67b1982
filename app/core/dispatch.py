"""Routing in a constant number of steps, whatever the number of routes.

The framework's router tries its routes one by one (and an included router matches twice,
once to choose it and once to handle), so a route near the end of ~90 pays for all before
it. Here the routes under `/v1` are sorted once, when the app is built, into small routers
by the *shape* of the paths they can match: the number of segments, the first segment
after `/v1` and the third (`/v1/localities/{code}/pathways/…`: 6, `localities`,
`pathways`). A request finds its router with one dict lookup and that router tries only
the handful of routes of its shape, in their original order, so the first route that
matches is the one the full router would have chosen (a path parameter never spans a
`/`: every template of a shape has the same segments as the path).

Whatever a small router does not match (an unknown path: 404, or a trailing slash the
full router may redirect) goes to the full router, which answers exactly as before.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

# A shape: segment count, first segment after the prefix, third; a segment that is a path
# parameter, or a literal no route has there, is `None`.
Shape = tuple[int, str | None, str | None]
_KEYED = (2, 4)  # indices in "/v1/a/b/c/…".split("/"): ["", "v1", "a", "b", "c", …]


def api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """The routes of these routers in the order the full router tries them."""
    for route in routes:
        nested = getattr(route, "original_router", None)  # a router included in a router
        if nested is not None:
            yield from api_routes(nested.routes)
        elif isinstance(route, APIRoute):
            yield route
        else:  # pragma: no cover - the API's routers hold API routes only
            raise TypeError(f"cannot dispatch {route!r}")


def _literal(segment: str) -> str | None:
    return None if "{" in segment else segment


class RouteTable:
    """The small routers, by shape."""

    def __init__(self, routes: list[APIRoute], prefix: str, app: FastAPI) -> None:
        self.prefix = prefix
        templates = [(prefix + route.path).split("/") for route in routes]
        if any(":path}" in route.path for route in routes):  # pragma: no cover
            raise ValueError("a {param:path} spans segments: the table cannot sort it")
        # The literals each keyed position holds in some template, by segment count.
        self.literals: dict[tuple[int, int], set[str]] = {}
        for parts in templates:
            for i in _KEYED:
                if i < len(parts) and (lit := _literal(parts[i])) is not None:
                    self.literals.setdefault((len(parts), i), set()).add(lit)
        shapes: dict[Shape, list[APIRoute]] = {}
        for count in {len(parts) for parts in templates}:
            for shape in self._shapes(count):
                fits = [r for r, parts in zip(routes, templates, strict=True)
                        if _fits(parts, shape)]  # fmt: skip
                if fits:
                    shapes[shape] = fits
        self.routers = {shape: _router(fits, prefix, app) for shape, fits in shapes.items()}

    def _shapes(self, count: int) -> Iterator[Shape]:
        firsts = [*self.literals.get((count, 2), ()), None]
        thirds = [*self.literals.get((count, 4), ()), None]
        for first in firsts:
            for third in thirds:
                yield count, first, third

    def shape_of(self, path: str) -> Shape:
        """The shape of a request's path: constant work (a split and two set lookups)."""
        parts = path.split("/")
        count = len(parts)
        first = parts[2] if count > 2 else None
        third = parts[4] if count > 4 else None
        if first is not None and first not in self.literals.get((count, 2), ()):
            first = None
        if third is not None and third not in self.literals.get((count, 4), ()):
            third = None
        return count, first, third

    def router_for(self, path: str) -> APIRouter | None:
        """The small router for this path, None when only the full router can say."""
        if not path.startswith(self.prefix + "/") or path.endswith("/"):
            return None
        return self.routers.get(self.shape_of(path))


def _fits(parts: list[str], shape: Shape) -> bool:
    count, first, third = shape
    if len(parts) != count:
        return False
    for i, want in zip(_KEYED, (first, third), strict=True):
        if i < count:
            lit = _literal(parts[i])
            if lit is not None and lit != want:
                return False
    return True


def _router(routes: list[APIRoute], prefix: str, app: FastAPI) -> APIRouter:
    """A router of these routes under `prefix`; what it does not match goes to the app's."""
    inner = APIRouter()
    inner.routes.extend(routes)
    outer = APIRouter(
        redirect_slashes=False,
        default=app.router.app,
        dependency_overrides_provider=app,
    )
    outer.include_router(inner, prefix=prefix)
    return outer


class Dispatch:
    """In front of the app's router: the small router for the path's shape, or the full one."""

    def __init__(self, app: FastAPI, table: RouteTable) -> None:
        self.router = app.router
        self.full: ASGIApp = app.router.app
        self.table = table

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        small = self.table.router_for(scope["path"]) if scope["type"] == "http" else None
        if small is None:
            await self.full(scope, receive, send)
            return
        scope.setdefault("router", self.router)  # url_for and friends see the whole app
        await small.app(scope, receive, send)


def install_dispatch(app: FastAPI, routers: Iterable[APIRouter], prefix: str) -> RouteTable:
    """Route `prefix`'s requests by shape (call after every route is included)."""
    table = RouteTable([r for router in routers for r in api_routes(router.routes)], prefix, app)
    app.router.middleware_stack = Dispatch(app, table)
    return table
