"""Text with NUL is a 422 naming the field on both databases, and nothing is written."""

from sqlalchemy import func, select

from app.core.nul import nul_location
from app.models import ServiceType


def test_nul_in_a_body_field_names_the_field_and_writes_nothing(client, world, auth, session):
    before = session.execute(select(func.count()).select_from(ServiceType)).scalar_one()
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": "Helse\u0000stasjon"},
        headers=auth("admin"),
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["body", "name"]
    assert session.execute(select(func.count()).select_from(ServiceType)).scalar_one() == before


def test_nul_in_the_path_or_query_is_refused(client, world):
    r = client.get("/v1/localities/46%0001/pathways")
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["path"]
    r = client.get("/v1/localities/4601/pathways/angst", params={"lang": "nb\u0000"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "lang"]


def test_bodies_without_nul_pass_untouched(client, world, auth):
    # An escaped backslash before "u0000" is text, not NUL; the body must reach the route.
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": "Sti C:\\u0000"},
        headers=auth("admin"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Sti C:\\u0000"


def test_nul_location_walks_lists_and_keys():
    assert nul_location({"a": [1, {"b": "x\x00"}]}, ["body"]) == ["body", "a", 1, "b"]
    assert nul_location({"k\x00": 1}, ["body"]) == ["body", "k\x00"]
    assert nul_location({"a": ["ok", 2, None]}, ["body"]) is None
