"""Authentication and authorisation answer before the body is looked at, on every write.

An anonymous caller (or a key without the role) learns nothing about what a valid body
would be: malformed JSON, a body of the wrong shape, a text with NUL or a bidi override,
or no body at all, all get the 401 (or 403) the route's guard gives (security probe).
"""

import re

import pytest

from tests.test_access_matrix import WRITE_ROUTES, WriteRoute

GUARDED = [r for r in WRITE_ROUTES if r.role is not None and not r.owner_only]
# Targets do not exist in this empty world: every `{…}` of a path becomes 1, which parses
# as any id or token, so only the guard can answer (and new routes need no entry here).
_PLACEHOLDER = re.compile(r"\{[^}]+\}")
_CONVERTER = re.compile(r"\{([^}:]+):[^}]+\}")  # `{item_id:int}` → `{item_id}`
BODIES = {
    "malformed JSON": (b'{"title": ', "application/json"),
    "wrong shape": (b'{"no_such_field": [1, 2, 3]}', "application/json"),
    "NUL in a text": (b'{"title": "a\\u0000b", "text": "a\\u0000b"}', "application/json"),
    "bidi override": ('{"title": "a\u202eb", "text": "a\u202eb"}'.encode(), "application/json"),
    "not JSON": (b"<x/>", "application/xml"),
    "empty": (b"", "application/json"),
}


def _send(client, route: WriteRoute, body: bytes, ctype: str, headers: dict[str, str]):
    path = _PLACEHOLDER.sub("1", route.path)
    return client.request(
        route.method, path, content=body, headers={**headers, "Content-Type": ctype}
    )


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.template}")
def test_anonymous_bad_write_is_401(client, world, route: WriteRoute):
    for kind, (body, ctype) in BODIES.items():
        r = _send(client, route, body, ctype, {})
        assert r.status_code == 401, (kind, r.text)
        assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.template}")
def test_a_reader_key_gets_403_before_body_errors(client, world, auth, route: WriteRoute):
    """No write is a reader's: the key is refused whatever the body is."""
    key = auth("reader", route.scope or "helse-vest")
    for kind, (body, ctype) in BODIES.items():
        r = _send(client, route, body, ctype, key)
        assert r.status_code == 403, (kind, r.text)


@pytest.mark.parametrize("route", GUARDED[:3], ids=lambda r: f"{r.method} {r.template}")
def test_an_unknown_key_gets_401_before_body_errors(client, world, route: WriteRoute):
    body, ctype = BODIES["bidi override"]
    r = _send(client, route, body, ctype, {"Authorization": "Bearer flp_nope"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_public_writes_still_validate_for_anyone(client, world):
    r = client.post(
        "/v1/feedback/nope", content=b'{"answers": ', headers={"Content-Type": "application/json"}
    )
    assert r.status_code not in (401, 403), r.text  # no key needed: the body is judged


def test_a_typed_placeholder_is_guarded_like_any_other(client, world):
    """`{item_id:int}` (the checklist) is matched by the guard too, before the body."""
    for method, path in (("PATCH", "/v1/events/1/checklist/5"),
                         ("DELETE", "/v1/events/1/checklist/5"),
                         ("PUT", "/v1/events/1/checklist/order")):  # fmt: skip
        r = client.request(method, path, content=b'{"done": ', headers={
            "Content-Type": "application/json"})  # fmt: skip
        assert r.status_code == 401, (method, path, r.text)


def test_the_guard_knows_every_write_that_documents_a_401():
    """The table the guard builds from the routers is what the OpenAPI document says."""
    from app.core.write_guard import guarded_writes
    from tests import contents

    documented = {
        (method.upper(), path, "403" in op["responses"])
        for path, item in contents.app().openapi()["paths"].items()
        for method, op in item.items()
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE") and "401" in op["responses"]
    }
    import app.main as main

    # The routers create_app mounts under /v1 (metrics_router is mounted outside it).
    routers = [v for k, v in vars(main).items() if k.endswith("_router") and k != "metrics_router"]
    # A route may type its placeholder (`{item_id:int}`, so that `…/checklist/order` is not
    # taken for an item); the document names it plainly.
    guarded = {
        (m, _CONVERTER.sub(r"{\1}", path), f) for m, path, f in guarded_writes(routers, "/v1")
    }
    assert guarded == documented
    assert len(documented) == len([r for r in WRITE_ROUTES if r.role is not None])


# Routes guarded by `requires(role, locality_param=…)`: the role and the scope in the path are
# answered before the body too (the world has 4601 and 4624 under one community).
ROLE_AND_SCOPE = [
    ("PUT", "/v1/localities/{code}/pathways/angst/texts/helsestasjon/role"),
    ("PUT", "/v1/localities/{code}/pathways/angst/links/helsestasjon"),
    ("POST", "/v1/localities/{code}/services"),
    ("POST", "/v1/localities/{code}/events"),
]


@pytest.mark.parametrize(("method", "template"), ROLE_AND_SCOPE)
def test_a_key_without_the_role_or_scope_gets_403_before_body_errors(
    client, world, auth, method, template
):
    contributor = auth("contributor", "4601")  # may propose, never write a layer
    editor_elsewhere = auth("editor", "4624")  # an editor, but for another municipality
    for key in (contributor, editor_elsewhere):
        for kind, (body, ctype) in BODIES.items():
            r = client.request(
                method,
                template.format(code="4601"),
                content=body,
                headers={**key, "Content-Type": ctype},
            )
            assert r.status_code == 403, (kind, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    # The editor in scope is let through to the body, which is then judged (422/400).
    r = client.request(
        method,
        template.format(code="4601"),
        content=BODIES["wrong shape"][0],
        headers={**auth("editor", "4601"), "Content-Type": "application/json"},
    )
    assert r.status_code in (400, 412, 422, 428), r.text


def test_a_guarded_write_looks_its_key_up_once(client, world, auth):
    """The write guard's check is the route's: the key, its scope and the locality's chain
    are read once per write, and a revoked key or a foreign scope is still refused."""
    from sqlalchemy import event

    from app.core.db import get_engine

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_):
        seen.append(statement)

    url = "/v1/localities/4601/pathways/angst/texts/helsestasjon/role"
    body = {"mode": "append", "text": "Ring før samtalen.", "lang": "nb", "status": "published"}
    editor = auth("editor", "4601")
    event.listen(get_engine(), "before_cursor_execute", count)
    try:
        r = client.put(url, json=body, headers={**editor, "If-None-Match": "*"})
    finally:
        event.remove(get_engine(), "before_cursor_execute", count)
    assert r.status_code == 201, r.text
    assert sum("FROM api_key" in s for s in seen) == 1, seen
    assert sum("WITH RECURSIVE chain" in s for s in seen) <= 2, seen  # the guard's, the slot's
    # The guard's answer still stands on its own.
    other = client.put(url, json=body, headers={**auth("editor", "4624"), "If-None-Match": "*"})
    assert other.status_code == 403
