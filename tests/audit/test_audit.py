"""The audit log: every write recorded with who, what, when and which request."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from app.models import AuditLog, Locality
from tests.factories import make_key

NEW = {"code": "4625", "name": "Austevoll", "kind": "municipality", "parent": "bergen"}


def _admin(session: Session, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_key(session, role='admin', name=name)}"}


def _rows(session: Session, **where) -> list[AuditLog]:
    stmt = select(AuditLog).order_by(AuditLog.id)  # type: ignore[arg-type]
    for k, v in where.items():
        stmt = stmt.where(getattr(AuditLog, k) == v)
    return list(session.exec(stmt).all())


def test_create_and_patch_are_audited_with_actor_and_request_id(client, world, session):
    h = _admin(session, "forvaltning-helse-vest")
    r = client.post("/v1/localities", json=NEW, headers={**h, "X-Request-ID": "req-create-1"})
    assert r.status_code == 201
    loc = session.exec(select(Locality).where(Locality.code == "4625")).one()
    etag = client.get("/v1/localities/4625").headers["etag"]
    p = client.patch(
        "/v1/localities/4625", json={"name": "Austevoll kommune"}, headers={**h, "If-Match": etag}
    )
    assert p.status_code == 200
    rows = _rows(session, entity="locality", entity_id=str(loc.id))
    assert [(x.action, x.actor) for x in rows] == [
        ("insert", "forvaltning-helse-vest"),
        ("update", "forvaltning-helse-vest"),
    ]
    assert rows[0].request_id == "req-create-1"
    assert rows[1].request_id == p.headers["x-request-id"]
    assert rows[0].route == "POST /v1/localities"
    assert rows[1].route == "PATCH /v1/localities/{code}"
    assert rows[0].at.tzinfo is not None and rows[0].at <= rows[1].at
    # The logs themselves are not audited; nothing names the locality, only its id.
    assert not _rows(session, entity="change_log")
    assert not _rows(session, entity="audit_log")


def test_refused_write_leaves_no_audit_row(client, world, session):
    h = _admin(session, "admin-a")
    before = len(_rows(session))
    bad = {**NEW, "parent": "nowhere"}
    assert client.post("/v1/localities", json=bad, headers=h).status_code == 422
    assert client.post("/v1/localities", json=NEW).status_code == 401
    assert len(_rows(session)) == before


def test_writes_outside_requests_are_by_system(session, world):
    from app.commit_hooks import install_session_hooks

    install_session_hooks()  # as create_app and the CLI do (a second call changes nothing)

    make_key(session, role="reader", name="cli-made")
    rows = _rows(session, entity="api_key")
    assert rows and rows[-1].actor == "system" and rows[-1].request_id is None


def test_list_is_admin_only(client, world, auth):
    assert client.get("/v1/audit").status_code == 401
    r = client.get("/v1/audit", headers=auth("editor"))
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
    r = client.get("/v1/audit", headers=auth("admin"))
    assert r.status_code == 200
    assert r.headers["cache-control"].startswith("private")


def test_list_filters_and_pages_newest_first(client, world, session):
    h = _admin(session, "admin-b")
    for code, name in (("4625", "Austevoll"), ("4626", "Øygarden"), ("4627", "Askøy")):
        body = {**NEW, "code": code, "name": name}
        assert client.post("/v1/localities", json=body, headers=h).status_code == 201
    q = {"entity": "locality", "actor": "admin-b", "action": "insert"}
    everything = client.get("/v1/audit", params=q, headers=h).json()
    assert len(everything["items"]) == 3 and everything["next_cursor"] is None
    ids = [i["id"] for i in everything["items"]]
    assert ids == sorted(ids, reverse=True)
    assert {i["route"] for i in everything["items"]} == {"POST /v1/localities"}

    seen, cursor = [], None
    while True:
        params = {**q, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/audit", params=params, headers=h).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids

    assert client.get("/v1/audit", params={"actor": "nobody"}, headers=h).json()["items"] == []
    updates = client.get("/v1/audit", params={"action": "update"}, headers=h).json()["items"]
    assert all(i["action"] == "update" for i in updates)
    one = everything["items"][0]
    by_id = client.get(
        "/v1/audit", params={"entity": "locality", "entity_id": one["entity_id"]}, headers=h
    ).json()["items"]
    assert [i["id"] for i in by_id] == [one["id"]]

    at = everything["items"][1]["at"]
    since = client.get("/v1/audit", params={**q, "since": at}, headers=h).json()["items"]
    until = client.get("/v1/audit", params={**q, "until": at}, headers=h).json()["items"]
    assert {i["id"] for i in since} | {i["id"] for i in until} == set(ids)
    assert not {i["id"] for i in since} & {i["id"] for i in until}


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor!!"},
        {"action": "truncate"},
        {"since": "yesterday"},
        {"since": "2026-01-02T00:00:00Z", "until": "2026-01-01T00:00:00Z"},
        {"limit": 0},
    ],
)
def test_bad_filters_are_422_naming_the_field(client, world, auth, params):
    r = client.get("/v1/audit", params=params, headers=auth("admin"))
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"][0] == "query"


def test_no_route_writes_the_audit_log(client, world, auth):
    h = auth("admin")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/v1/audit", headers=h).status_code == 405


def test_append_only_in_the_database(client, world, session, auth):
    auth("admin")
    assert _rows(session)
    with session.get_bind().connect() as conn:
        for sql in ("UPDATE audit_log SET actor = 'someone-else'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), conn.begin():
                conn.execute(text(sql))
    assert {r.actor for r in _rows(session)} == {"system"}
