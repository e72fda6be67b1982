"""Service types and service units over HTTP."""

from sqlmodel import Session, func, select

from app.models import ChangeLogEntry, ServiceType, ServiceUnit, ServiceUnitCatchment

PROBLEM = "application/problem+json"


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _changes(session: Session, entity: str) -> list[ChangeLogEntry]:
    session.expire_all()
    stmt = select(ChangeLogEntry).where(ChangeLogEntry.entity == entity)
    return list(session.exec(stmt.order_by(ChangeLogEntry.seq)).all())


# --- service types -----------------------------------------------------------------------


def test_list_service_types_ordered_paged_and_cached(client, world):
    r = client.get("/v1/service-types", params={"limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert [i["code"] for i in body["items"]] == ["bup", "fastlege"]
    assert body["items"][0] == {
        "code": "bup",
        "name": "Psykisk helsevern for barn og unge (BUP)",
        "name_nn": None,
        "level": "specialist",
        "description": "Psykisk helsevern for barn og unge (BUP).",
    }
    r2 = client.get("/v1/service-types", params={"limit": 2, "cursor": body["next_cursor"]})
    assert [i["code"] for i in r2.json()["items"]] == ["helsestasjon"]
    assert r2.json()["next_cursor"] is None
    again = client.get(
        "/v1/service-types", params={"limit": 2}, headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304


def test_get_service_type_etag_and_404(client, world):
    r = client.get("/v1/service-types/fastlege")
    assert r.status_code == 200
    assert r.json()["level"] == "municipal"
    assert (
        client.get(
            "/v1/service-types/fastlege", headers={"If-None-Match": r.headers["etag"]}
        ).status_code
        == 304
    )
    missing = client.get("/v1/service-types/tannlege")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    assert client.get("/v1/service-types/Bad Code").status_code == 422


def test_create_service_type_needs_admin_and_logs(client, world, auth, session: Session):
    body = {
        "code": "ppt",
        "name": "Pedagogisk-psykologisk tjeneste",
        "name_nn": "Pedagogisk-psykologisk teneste",
        "level": "municipal",
    }
    assert client.post("/v1/service-types", json=body).status_code == 401
    assert client.post("/v1/service-types", json=body, headers=auth("editor")).status_code == 403
    r = client.post("/v1/service-types", json=body, headers=auth("admin"))
    assert r.status_code == 201
    assert r.headers["location"] == "/v1/service-types/ppt"
    assert r.json() == {**body, "description": ""}
    assert client.get("/v1/service-types/ppt").json()["name_nn"] == body["name_nn"]
    entries = _changes(session, "service_type")
    assert [(e.entity_id, e.action, e.locality) for e in entries] == [("ppt", "upsert", None)]
    dup = client.post("/v1/service-types", json=body, headers=auth("admin"))
    assert dup.status_code == 409
    assert dup.headers["content-type"] == PROBLEM


def test_create_service_type_refuses_bad_input_and_changes_nothing(
    client, world, auth, session: Session
):
    before = _count(session, ServiceType)
    h = auth("admin")
    bad = [
        {"code": "Tannlege", "name": "Tannlege", "level": "municipal"},
        {"code": "tannlege", "name": "Tannlege", "level": "private"},
        {"code": "tannlege", "name": "  ", "level": "municipal"},
        {"code": "tannlege", "level": "municipal"},
        {"code": "tannlege", "name": "Tannlege", "level": "municipal", "colour": "blå"},
    ]
    for body in bad:
        r = client.post("/v1/service-types", json=body, headers=h)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == PROBLEM
    assert (
        client.post("/v1/service-types", json={"code": "x"}, headers=auth("editor")).status_code
        == 403
    )
    r = client.post(
        "/v1/service-types",
        content=b"{",
        headers={**h, "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    assert _count(session, ServiceType) == before
    assert _changes(session, "service_type") == []


def test_patch_service_type_preconditions(client, world, auth, session: Session):
    h = auth("admin")
    url = "/v1/service-types/fastlege"
    change = {"name_nn": "Fastlege", "description": "Allmennlege med fast liste."}
    assert client.patch(url, json=change).status_code == 401
    etag = client.get(url).headers["etag"]
    assert (
        client.patch(url, json=change, headers={**auth("editor"), "If-Match": etag}).status_code
        == 403
    )
    assert client.patch(url, json=change, headers=h).status_code == 428
    assert client.patch(url, json=change, headers={**h, "If-Match": '"old"'}).status_code == 412
    assert (
        client.patch(url, json={"level": "galaxy"}, headers={**h, "If-Match": etag}).status_code
        == 422
    )
    assert client.patch(url, json={}, headers={**h, "If-Match": etag}).status_code == 422
    assert (
        client.patch(url, json={"name": None}, headers={**h, "If-Match": etag}).status_code == 422
    )
    assert _changes(session, "service_type") == []
    r = client.patch(url, json=change, headers={**h, "If-Match": etag})
    assert r.status_code == 200
    assert r.json()["description"] == "Allmennlege med fast liste."
    assert r.json()["name"] == "Fastlege"
    assert r.headers["etag"] != etag
    assert client.get(url).headers["etag"] == r.headers["etag"]
    # The old tag is now stale.
    assert client.patch(url, json=change, headers={**h, "If-Match": etag}).status_code == 412
    assert (
        client.patch(
            "/v1/service-types/nope", json=change, headers={**h, "If-Match": etag}
        ).status_code
        == 404
    )
    assert [e.entity_id for e in _changes(session, "service_type")] == ["fastlege"]


# --- service units -----------------------------------------------------------------------


def _unit_body(**extra):
    return {
        "service_type": "helsestasjon",
        "name": "Helsestasjonen på Osøyro",
        "phone": "56 57 50 00",
        "email": "helsestasjon@bjornafjorden.kommune.no",
        "url": "https://bjornafjorden.kommune.no/helsestasjon",
        "visiting_address": "Kuventræ 1, 5200 Os",
        **extra,
    }


def test_units_visible_from_own_ancestors_and_catchment(client, world, auth):
    # A Fonna BUP that also serves Bjørnafjorden (Bergen community): only a key covering
    # Bjørnafjorden may say so (tests/catalog/test_catchment.py).
    r = client.post(
        "/v1/localities/fonna/services",
        json={"service_type": "bup", "name": "BUP Stord", "catchment": ["4624"]},
        headers=auth("editor", "helse-vest"),
    )
    assert r.status_code == 201, r.text
    stord = r.json()
    assert stord["locality"] == "fonna"
    assert stord["catchment"] == ["4624"]
    assert stord["inherited"] is False

    seen = client.get("/v1/localities/4601/services").json()["items"]
    assert {(u["name"], u["locality"], u["inherited"]) for u in seen} == {
        ("Helsestasjonen i Årstad", "4601", False),
        ("BUP Bergen", "bergen", True),
    }
    seen_4624 = client.get("/v1/localities/4624/services").json()["items"]
    assert {(u["name"], u["inherited"]) for u in seen_4624} == {
        ("BUP Bergen", True),
        ("BUP Stord", True),
    }
    seen_1106 = client.get("/v1/localities/1106/services").json()["items"]
    assert [u["name"] for u in seen_1106] == ["BUP Stord"]
    # A community sees its own units, not its municipalities'.
    seen_bergen = client.get("/v1/localities/bergen/services").json()["items"]
    assert [(u["name"], u["inherited"]) for u in seen_bergen] == [("BUP Bergen", False)]

    only_bup = client.get("/v1/localities/4601/services", params={"service_type": "bup"})
    assert [u["name"] for u in only_bup.json()["items"]] == ["BUP Bergen"]
    assert (
        client.get("/v1/localities/4601/services", params={"service_type": "nope"}).status_code
        == 404
    )
    assert client.get("/v1/localities/9999/services").status_code == 404


def test_units_page_by_id_with_etag(client, world, auth):
    h = auth("editor", "4601")
    for n in range(4):
        r = client.post(
            "/v1/localities/4601/services", json=_unit_body(name=f"Enhet {n}"), headers=h
        )
        assert r.status_code == 201
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = client.get("/v1/localities/4601/services", params=params)
        assert r.status_code == 200
        body = r.json()
        seen += [u["id"] for u in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3  # 6 units: 4 new, Årstad, BUP Bergen
    assert seen == sorted(seen) and len(set(seen)) == 6
    first = client.get("/v1/localities/4601/services")
    assert (
        client.get(
            "/v1/localities/4601/services", headers={"If-None-Match": first.headers["etag"]}
        ).status_code
        == 304
    )
    assert client.get("/v1/localities/4601/services", params={"limit": 501}).status_code == 422
    assert client.get("/v1/localities/4601/services", params={"cursor": "x!"}).status_code == 422


def test_create_unit_scope(client, world, auth, session: Session):
    before = _count(session, ServiceUnit)
    url = "/v1/localities/4601/services"
    assert client.post(url, json=_unit_body()).status_code == 401
    assert client.post(url, json=_unit_body(), headers=auth("editor", "4624")).status_code == 403
    assert (
        client.post(url, json=_unit_body(), headers=auth("contributor", "4601")).status_code == 403
    )
    assert _count(session, ServiceUnit) == before
    r = client.post(url, json=_unit_body(), headers=auth("editor", "bergen"))
    assert r.status_code == 201
    unit = r.json()
    assert r.headers["location"] == f"/v1/localities/4601/services/{unit['id']}"
    assert unit["locality"] == "4601" and unit["service_type"] == "helsestasjon"
    entries = _changes(session, "service_unit")
    assert [(e.entity_id, e.action, e.locality) for e in entries] == [
        (str(unit["id"]), "upsert", "4601")
    ]
    got = client.get(f"/v1/localities/4601/services/{unit['id']}")
    assert got.status_code == 200 and got.json() == unit
    # The unit belongs to 4601; asking under another locality is a 404.
    assert client.get(f"/v1/localities/4624/services/{unit['id']}").status_code == 404
    assert client.get("/v1/localities/4601/services/99999").status_code == 404


def test_create_unit_refuses_bad_input_and_changes_nothing(client, world, auth, session: Session):
    units, catchments = _count(session, ServiceUnit), _count(session, ServiceUnitCatchment)
    h = auth("editor", "bergen")
    cases = [
        (_unit_body(email="not-an-address"), "email"),
        (_unit_body(email="a b@c.no"), "email"),
        (_unit_body(url="ftp://bergen.kommune.no"), "url"),
        (_unit_body(url="javascript:alert(1)"), "url"),
        (_unit_body(url="bergen.kommune.no"), "url"),
        (_unit_body(service_type="tannlege"), "service_type"),
        (_unit_body(service_type="Helse Stasjon"), "service_type"),
        (_unit_body(name=""), "name"),
        (_unit_body(catchment=["9999"]), "catchment"),
        (_unit_body(catchment=["bergen"]), "catchment"),
        (_unit_body(catchment=["4601"]), "catchment"),
        (_unit_body(catchment=["4624", "4624"]), "catchment"),
    ]
    for body, field in cases:
        r = client.post("/v1/localities/bergen/services", json=body, headers=h)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == PROBLEM
        assert field in r.json()["errors"][0]["loc"], (body, r.json())
    r = client.post(
        "/v1/localities/bergen/services",
        content=b"{",
        headers={**h, "Content-Type": "application/json"},
    )
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert _count(session, ServiceUnit) == units
    assert _count(session, ServiceUnitCatchment) == catchments
    assert _changes(session, "service_unit") == []


def test_patch_and_delete_unit(client, world, auth, session: Session):
    h = auth("editor", "4601")
    # Only a key that covers 1106 may name it; the owner's editor may drop it later.
    unit = client.post(
        "/v1/localities/4601/services",
        json=_unit_body(service_type="bup", catchment=["1106"]),
        headers=auth("admin"),
    ).json()
    url = f"/v1/localities/4601/services/{unit['id']}"
    etag = client.get(url).headers["etag"]
    change = {"phone": "55 00 00 01", "email": None, "catchment": []}
    assert client.patch(url, json=change, headers=auth("editor", "4624")).status_code == 403
    assert client.patch(url, json=change, headers=h).status_code == 428
    assert client.patch(url, json=change, headers={**h, "If-Match": '"old"'}).status_code == 412
    bad = client.patch(url, json={"url": "ftp://x.no"}, headers={**h, "If-Match": etag})
    assert bad.status_code == 422 and "url" in bad.json()["errors"][0]["loc"]
    bad = client.patch(url, json={"catchment": ["0000"]}, headers={**h, "If-Match": etag})
    assert bad.status_code == 422
    assert client.get(url).json()["catchment"] == ["1106"]  # refused writes changed nothing

    r = client.patch(url, json=change, headers={**h, "If-Match": etag})
    assert r.status_code == 200
    assert r.json()["phone"] == "55 00 00 01"
    assert r.json()["email"] is None
    assert r.json()["catchment"] == []
    assert r.json()["url"] == unit["url"]
    names_1106 = [u["name"] for u in client.get("/v1/localities/1106/services").json()["items"]]
    assert unit["name"] not in names_1106
    new_etag = r.headers["etag"]
    assert new_etag != etag

    assert client.delete(url, headers=h).status_code == 428
    assert client.delete(url, headers={**h, "If-Match": etag}).status_code == 412
    assert (
        client.delete(url, headers={**auth("editor", "fonna"), "If-Match": new_etag}).status_code
        == 403
    )
    assert client.delete(url, headers={**h, "If-Match": new_etag}).status_code == 204
    assert client.get(url).status_code == 404
    # Each change is logged for the owner and every municipality served before or after.
    assert [(e.action, e.locality) for e in _changes(session, "service_unit")] == [
        ("upsert", "4601"),
        ("upsert", "1106"),
        ("upsert", "4601"),
        ("upsert", "1106"),
        ("delete", "4601"),
    ]


def test_editor_of_municipality_cannot_touch_community_unit(client, world, auth, session: Session):
    bup = next(
        u
        for u in client.get("/v1/localities/4601/services").json()["items"]
        if u["name"] == "BUP Bergen"
    )
    # Seen from 4601 it is inherited; it can only be edited under its owner.
    etag = client.get(f"/v1/localities/bergen/services/{bup['id']}").headers["etag"]
    h = {**auth("editor", "4601"), "If-Match": etag}
    assert (
        client.patch(
            f"/v1/localities/4601/services/{bup['id']}", json={"name": "X"}, headers=h
        ).status_code
        == 404
    )
    assert (
        client.patch(
            f"/v1/localities/bergen/services/{bup['id']}", json={"name": "X"}, headers=h
        ).status_code
        == 403
    )
