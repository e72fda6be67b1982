"""A unit's catchment: who may name which municipality, which services may have one, and
that every municipality a unit serves hears of its changes in the feed (security probe)."""

from sqlmodel import Session, func, select

from app.models import ServiceUnit, ServiceUnitCatchment

PROBLEM = "application/problem+json"


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _bup(**extra):
    return {"service_type": "bup", "name": "BUP Stord", "phone": "53 49 10 00", **extra}


def _feed_ids(client, locality: str) -> list[tuple[str, str]]:
    items = client.get("/v1/changes", params={"locality": locality}).json()["items"]
    return [(c["entity"], c["id"]) for c in items if c["entity"] == "service_unit"]


def test_an_editor_may_not_name_a_municipality_outside_its_scope(client, world, auth, session):
    units, caught = _count(session, ServiceUnit), _count(session, ServiceUnitCatchment)
    cases = [
        # (key scope, owner, catchment): the probe's escape, and its community-wide form
        ("4601", "4601", ["4624"]),
        ("4601", "4601", ["1106", "4624"]),
        ("bergen", "bergen", ["1106"]),
        ("bergen", "4601", ["1106"]),
    ]
    for scope, owner, catchment in cases:
        r = client.post(
            f"/v1/localities/{owner}/services",
            json=_bup(catchment=catchment),
            headers=auth("editor", scope),
        )
        assert r.status_code == 403, (scope, owner, catchment, r.text)
        assert r.headers["content-type"] == PROBLEM
        assert catchment[0] in r.json()["detail"]
    assert _count(session, ServiceUnit) == units
    assert _count(session, ServiceUnitCatchment) == caught
    assert "Stord" not in str(client.get("/v1/localities/1106/services").json())
    assert "Stord" not in client.get("/v1/localities/1106/service-map?format=csv").text


def test_in_scope_catchments_and_admins_are_allowed(client, world, auth):
    # A community editor names a municipality of its own community for a unit of 4601.
    r = client.post(
        "/v1/localities/4601/services",
        json=_bup(catchment=["4624"]),
        headers=auth("editor", "bergen"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["catchment"] == ["4624"]
    r = client.post(
        "/v1/localities/4601/services", json=_bup(catchment=["1106"]), headers=auth("admin")
    )
    assert r.status_code == 201, r.text


def test_a_municipal_service_has_no_catchment(client, world, auth, session):
    units = _count(session, ServiceUnit)
    body = {"service_type": "helsestasjon", "name": "Helsestasjon", "catchment": ["4624"]}
    r = client.post("/v1/localities/bergen/services", json=body, headers=auth("admin"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["loc"] == ["body", "catchment"]
    assert "municipal" in r.json()["detail"]
    assert _count(session, ServiceUnit) == units
    # Nor may a unit with a catchment become municipal.
    unit = client.post(
        "/v1/localities/4601/services", json=_bup(catchment=["1106"]), headers=auth("admin")
    )
    url = f"/v1/localities/4601/services/{unit.json()['id']}"
    etag = client.get(url).headers["etag"]
    r = client.patch(
        url, json={"service_type": "fastlege"}, headers={**auth("admin"), "If-Match": etag}
    )
    assert r.status_code == 422, r.text
    assert client.get(url).json()["service_type"] == "bup"


def test_an_editor_keeps_or_drops_what_an_admin_named_but_adds_only_in_scope(client, world, auth):
    unit = client.post(
        "/v1/localities/4601/services", json=_bup(catchment=["1106"]), headers=auth("admin")
    ).json()
    url = f"/v1/localities/4601/services/{unit['id']}"
    h = auth("editor", "4601")
    etag = client.get(url).headers["etag"]
    r = client.patch(url, json={"name": "BUP Os"}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["catchment"] == ["1106"]
    etag = r.headers["etag"]
    r = client.patch(url, json={"catchment": ["1106", "4624"]}, headers={**h, "If-Match": etag})
    assert r.status_code == 403 and "4624" in r.json()["detail"]
    assert client.get(url).json()["catchment"] == ["1106"]
    r = client.patch(url, json={"catchment": []}, headers={**h, "If-Match": etag})
    assert r.status_code == 200 and r.json()["catchment"] == []


def test_every_served_municipality_hears_of_the_unit(client, world, auth):
    admin = auth("admin")
    unit = client.post(
        "/v1/localities/fonna/services", json=_bup(catchment=["4624"]), headers=admin
    ).json()
    uid = str(unit["id"])
    # The probe's finding: the change was logged under the owner only.
    assert ("service_unit", uid) in _feed_ids(client, "4624")
    assert ("service_unit", uid) in _feed_ids(client, "1106")  # fonna's own municipality
    assert ("service_unit", uid) not in _feed_ids(client, "4601")
    url = f"/v1/localities/fonna/services/{uid}"
    etag = client.get(url).headers["etag"]
    r = client.patch(url, json={"catchment": ["4601"]}, headers={**admin, "If-Match": etag})
    assert r.status_code == 200
    # 4624 no longer sees the unit: it hears of that; 4601 hears it now sees it.
    assert _feed_ids(client, "4624").count(("service_unit", uid)) == 2
    assert _feed_ids(client, "4601").count(("service_unit", uid)) == 1
    r = client.delete(url, headers={**admin, "If-Match": r.headers["etag"]})
    assert r.status_code == 204
    assert _feed_ids(client, "4601").count(("service_unit", uid)) == 2
    assert _feed_ids(client, "4624").count(("service_unit", uid)) == 2
