"""Every write route × every role × in and out of scope gets the answer domain.md promises.

A new write route must be added to WRITE_ROUTES, or `test_every_write_route_is_listed`
fails: no route can forget its guard unnoticed.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from app.main import create_app

ROLES = ["reader", "contributor", "editor", "admin"]


@dataclass(frozen=True)
class WriteRoute:
    method: str
    template: str
    path: str  # the template filled in with the world's values
    role: str | None  # the least role; None: public
    scope: str | None = None  # the locality whose subtree the key must cover; None: region-wide
    body: Any = field(default_factory=dict)


WRITE_ROUTES: list[WriteRoute] = [
    WriteRoute(
        "POST",
        "/v1/localities",
        "/v1/localities",
        "admin",
        body={"code": "4625", "name": "Austevoll", "kind": "municipality", "parent": "bergen"},
    ),
    WriteRoute(
        "PATCH", "/v1/localities/{code}", "/v1/localities/4601", "admin", body={"name": "Bergen"}
    ),
]

# Localities outside each scope used in the out-of-scope checks.
ELSEWHERE = {
    "helse-vest": None,
    "bergen": "fonna",
    "fonna": "bergen",
    "4601": "4624",
    "4624": "4601",
    "1106": "4601",
}


def _write_routes() -> set[tuple[str, str]]:
    # The OpenAPI document lists every route, however deeply routers are included.
    paths = create_app().openapi()["paths"]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE")
    }


def test_every_write_route_is_listed(db_url):
    listed = {(r.method, r.template) for r in WRITE_ROUTES}
    missing = _write_routes() - listed
    assert not missing, f"write routes without an access check in this table: {sorted(missing)}"


def _call(client, route: WriteRoute, headers: dict[str, str]):
    headers = {**headers, "If-Match": "*"}
    return client.request(route.method, route.path, json=route.body, headers=headers)


@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda r: f"{r.method} {r.template}")
def test_access(client, world, auth, route: WriteRoute):
    if route.role is None:
        assert _call(client, route, {}).status_code not in (401, 403)
        return
    assert _call(client, route, {}).status_code == 401
    need = ROLES.index(route.role)
    target = route.scope or "helse-vest"
    for role in ROLES:
        in_scope = _call(client, route, auth(role, None if role == "admin" else target)).status_code
        if ROLES.index(role) < need:
            assert in_scope == 403, (role, in_scope)
        else:
            assert in_scope not in (401, 403), (role, in_scope)
        other = ELSEWHERE.get(target)
        if other is not None and role != "admin":
            assert _call(client, route, auth(role, other)).status_code == 403, role
