"""The locality tree over HTTP."""

from sqlmodel import Session, select

from app.models import ChangeLogEntry, Locality


def test_get_locality_has_chain(client, world):
    r = client.get("/v1/localities/4601")
    assert r.status_code == 200
    assert r.json() == {
        "code": "4601",
        "name": "Bergen",
        "kind": "municipality",
        "parent": "bergen",
        "chain": ["helse-vest", "bergen", "4601"],
    }
    assert r.headers["etag"]
    assert r.headers["cache-control"].startswith("public, max-age=")
    again = client.get("/v1/localities/4601", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_unknown_locality_is_problem_404(client, world):
    r = client.get("/v1/localities/9999")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 404


def test_list_filters_and_pages(client, world):
    r = client.get("/v1/localities", params={"kind": "municipality", "limit": 2})
    body = r.json()
    assert [i["code"] for i in body["items"]] == ["1106", "4601"]
    r2 = client.get(
        "/v1/localities", params={"kind": "municipality", "limit": 2, "cursor": body["next_cursor"]}
    )
    assert [i["code"] for i in r2.json()["items"]] == ["4624"]
    assert r2.json()["next_cursor"] is None
    r3 = client.get("/v1/localities", params={"parent": "bergen"})
    assert [i["code"] for i in r3.json()["items"]] == ["4601", "4624"]


def test_garbage_cursor_is_422(client, world):
    r = client.get("/v1/localities", params={"cursor": "not-a-cursor!!"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_create_needs_admin(client, world, auth):
    body = {"code": "4625", "name": "Austevoll", "kind": "municipality", "parent": "bergen"}
    assert client.post("/v1/localities", json=body).status_code == 401
    assert client.post("/v1/localities", json=body, headers=auth("editor")).status_code == 403
    r = client.post("/v1/localities", json=body, headers=auth("admin"))
    assert r.status_code == 201
    assert r.json()["chain"] == ["helse-vest", "bergen", "4625"]
    assert client.post("/v1/localities", json=body, headers=auth("admin")).status_code == 409


def test_create_rejects_bad_tree_and_changes_nothing(client, world, auth, session: Session):
    before = len(session.exec(select(Locality)).all())
    h = auth("admin")
    bad = [
        {"code": "4625", "name": "X", "kind": "municipality", "parent": "helse-vest"},
        {"code": "4625", "name": "X", "kind": "municipality"},
        {"code": "abc", "name": "X", "kind": "municipality", "parent": "bergen"},
        {"code": "Bad Code", "name": "X", "kind": "health_community", "parent": "helse-vest"},
        {"code": "x", "name": "X", "kind": "planet", "parent": "helse-vest"},
        {"code": "x", "name": "X", "kind": "health_community", "parent": "nowhere"},
    ]
    for body in bad:
        r = client.post("/v1/localities", json=body, headers=h)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == "application/problem+json"
    session.expire_all()
    assert len(session.exec(select(Locality)).all()) == before


def test_patch_needs_if_match(client, world, auth, session: Session):
    h = auth("admin")
    assert (
        client.patch("/v1/localities/4624", json={"name": "Bjørnafjord"}, headers=h).status_code
        == 428
    )
    stale = {**h, "If-Match": '"nope"'}
    assert (
        client.patch("/v1/localities/4624", json={"name": "Bjørnafjord"}, headers=stale).status_code
        == 412
    )
    etag = client.get("/v1/localities/4624").headers["etag"]
    r = client.patch(
        "/v1/localities/4624", json={"name": "Bjørnafjord"}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 200
    assert r.json()["name"] == "Bjørnafjord"
    assert r.headers["etag"] != etag
    assert session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity_id == "4624")).first()
