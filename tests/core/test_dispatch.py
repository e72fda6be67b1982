"""Routing by the path's shape answers exactly as the framework's router, route by route."""

import re

from fastapi.testclient import TestClient

from app.core.dispatch import Dispatch, RouteTable, api_routes
from app.main import create_app

SAMPLES = {"code": "4601", "slug": "angst", "service_type": "helsestasjon", "section": "role"}


def _sample(template: str) -> str:
    """A concrete path for a template: known codes where the world has them, else `1`."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        return SAMPLES.get(name, "1")

    return re.sub(r"\{([^}]+)\}", value, template)


def _table() -> tuple[RouteTable, list]:
    app = create_app()
    dispatch = app.router.middleware_stack
    assert isinstance(dispatch, Dispatch)
    return dispatch.table, list(api_routes(app.router.routes[-2].original_router.routes))


def test_every_route_is_in_the_small_router_of_its_own_shape() -> None:
    table, routes = _table()
    assert len(routes) > 80  # the whole API, not a sample
    for route in routes:
        path = _sample("/v1" + route.path)
        if path.endswith("/"):  # the index, `/v1/`: the full router answers it
            assert table.router_for(path) is None
            continue
        small = table.router_for(path)
        assert small is not None, route.path
        assert route in list(api_routes(small.routes)), route.path


def test_a_small_router_holds_a_handful_of_routes_whatever_the_api_holds() -> None:
    table, _ = _table()
    sizes = [len(list(api_routes(r.routes))) for r in table.routers.values()]
    assert max(sizes) <= 6, sorted(sizes)[-5:]
    # An unknown literal where a route has a parameter still finds that route's router.
    assert table.shape_of("/v1/localities/9999/pathways/nope") == (6, "localities", "pathways")
    assert table.shape_of("/v1/nowhere/at/all") == (5, None, None)


def _answers(client: TestClient, method: str, path: str) -> tuple[int, str, bytes, str]:
    r = client.request(method, path)
    return r.status_code, r.headers.get("content-type", ""), r.content, r.headers.get("allow", "")


def test_every_path_gets_the_full_routers_answer(client, world) -> None:
    """Every route's path (and its 404, 405, trailing slash), with dispatch and without."""
    full_app = create_app()
    full_app.router.middleware_stack = full_app.router.app  # the framework's router alone
    _, routes = _table()
    paths = {_sample("/v1" + r.path) for r in routes}
    paths |= {p + "/" for p in list(paths)[:20]}
    paths |= {"/v1", "/v1/", "/v1/nowhere", "/v1/openapi.json"}
    compared = 0
    with TestClient(full_app, raise_server_exceptions=False) as full:
        for path in sorted(paths):
            # Reads as they are; writes without a key, which the guard refuses identically.
            for method in ("GET", "HEAD", "PUT", "DELETE"):
                assert _answers(client, method, path) == _answers(full, method, path), (
                    method,
                    path,
                )
                compared += 1
    assert compared > 300
