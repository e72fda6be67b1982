"""Pathway metadata over HTTP."""

from datetime import datetime

import pytest
from sqlmodel import Session, func, select

from app.core.errors import NotFound
from app.models import ChangeLogEntry, Pathway, PathwayServiceType
from app.pathways import service

PROBLEM = "application/problem+json"


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _changes(session: Session) -> list[ChangeLogEntry]:
    session.expire_all()
    stmt = select(ChangeLogEntry).where(ChangeLogEntry.entity == "pathway")
    return list(session.exec(stmt.order_by(ChangeLogEntry.seq)).all())


def _body(**extra):
    return {
        "slug": "spiseforstyrrelser",
        "title": "Spiseforstyrrelser",
        "title_nn": "Eteforstyrringar",
        "summary": "Forløp for barn og unge med spiseforstyrrelser.",
        "target_group": "Barn og unge 6–18 år",
        "status": "draft",
        "service_types": ["fastlege", "helsestasjon", "bup"],
        **extra,
    }


def test_get_pathway_is_the_base_view(client, world):
    r = client.get("/v1/pathways/angst")
    assert r.status_code == 200
    body = r.json()
    assert body["pathway"]["slug"] == "angst" and body["pathway"]["title"] == "Angst"
    assert body["locality"]["chain"] == ["helse-vest"]
    assert (
        client.get("/v1/pathways/angst", headers={"If-None-Match": r.headers["etag"]}).status_code
        == 304
    )
    missing = client.get("/v1/pathways/sovnvansker")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert client.get("/v1/pathways/Ikke_Gyldig").status_code == 422


def test_create_pathway_needs_admin_and_keeps_order(client, world, auth, session: Session):
    assert client.post("/v1/pathways", json=_body()).status_code == 401
    assert client.post("/v1/pathways", json=_body(), headers=auth("editor")).status_code == 403
    assert (
        client.post("/v1/pathways", json=_body(), headers=auth("editor", "4601")).status_code == 403
    )
    r = client.post("/v1/pathways", json=_body(), headers=auth("admin"))
    assert r.status_code == 201, r.text
    assert r.headers["location"] == "/v1/pathways/spiseforstyrrelser"
    body = r.json()
    assert [t["code"] for t in body["service_types"]] == ["fastlege", "helsestasjon", "bup"]
    assert body["title_nn"] == "Eteforstyrringar"
    # A draft pathway is not public; an editor previews its (still empty) base view.
    assert client.get("/v1/pathways/spiseforstyrrelser").status_code == 404
    got = client.get(
        "/v1/pathways/spiseforstyrrelser", params={"preview": "true"}, headers=auth("reader")
    )
    assert got.status_code == 200 and got.json()["pathway"]["slug"] == "spiseforstyrrelser"
    assert [(e.entity_id, e.pathway, e.locality, e.action) for e in _changes(session)] == [
        ("spiseforstyrrelser", "spiseforstyrrelser", None, "upsert")
    ]
    dup = client.post("/v1/pathways", json=_body(title="Annen"), headers=auth("admin"))
    assert dup.status_code == 409 and dup.headers["content-type"] == PROBLEM


def test_create_pathway_refuses_bad_input_and_changes_nothing(
    client, world, auth, session: Session
):
    pathways, links = _count(session, Pathway), _count(session, PathwayServiceType)
    h = auth("admin")
    cases = [
        (_body(service_types=["fastlege", "tannlege"]), ["body", "service_types", 1]),
        (_body(service_types=["bup", "fastlege", "bup"]), ["body", "service_types", 2]),
        (_body(service_types=["Fast Lege"]), ["body", "service_types", 0]),
        (_body(status="archived"), ["body", "status"]),
        (_body(slug="Spise Forstyrrelser"), ["body", "slug"]),
        (_body(title=""), ["body", "title"]),
        ({k: v for k, v in _body().items() if k != "summary"}, ["body", "summary"]),
        (_body(colour="blå"), ["body", "colour"]),
    ]
    for body, loc in cases:
        r = client.post("/v1/pathways", json=body, headers=h)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["errors"][0]["loc"] == loc, r.json()
    r = client.post("/v1/pathways", content=b"{", headers={**h, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert _count(session, Pathway) == pathways
    assert _count(session, PathwayServiceType) == links
    assert _changes(session) == []


def test_list_filters_by_status_and_pages(client, world, auth):
    h = auth("admin")
    for slug, status in [
        ("adhd", "published"),
        ("rus", "draft"),
        ("sorg", "retired"),
        ("tics", "published"),
    ]:
        assert (
            client.post("/v1/pathways", json=_body(slug=slug, status=status), headers=h).status_code
            == 201
        )
    r = client.get("/v1/pathways", params={"limit": 2})
    body = r.json()
    assert [p["slug"] for p in body["items"]] == ["adhd", "angst"]
    assert set(body["items"][0]) == {"slug", "title", "summary", "status", "updated_at", "owner"}
    assert body["items"][0]["owner"] == "helse-vest"
    slugs = [p["slug"] for p in body["items"]]
    cursor = body["next_cursor"]
    while cursor:
        page = client.get("/v1/pathways", params={"limit": 2, "cursor": cursor}).json()
        slugs += [p["slug"] for p in page["items"]]
        cursor = page["next_cursor"]
    assert slugs == ["adhd", "angst", "sorg", "tics"], "anonymous readers never see drafts"
    with_key = client.get("/v1/pathways", headers=auth("reader", "4601")).json()
    assert [p["slug"] for p in with_key["items"]] == ["adhd", "angst", "rus", "sorg", "tics"]
    published = client.get("/v1/pathways", params={"status": "published"}).json()
    assert [p["slug"] for p in published["items"]] == ["adhd", "angst", "tics"]
    assert published["next_cursor"] is None
    assert client.get("/v1/pathways", params={"status": "archived"}).status_code == 422
    assert (
        client.get("/v1/pathways", headers={"If-None-Match": r.headers["etag"]}).status_code == 200
    )
    assert (
        client.get(
            "/v1/pathways", params={"limit": 2}, headers={"If-None-Match": r.headers["etag"]}
        ).status_code
        == 304
    )


def test_patch_pathway(client, world, auth, session: Session):
    h = auth("admin")
    url = "/v1/pathways/angst"
    first = client.get(url)
    etag = first.headers["etag"]
    change = {"status": "retired", "service_types": ["bup", "helsestasjon"], "title_nn": "Angst"}
    assert client.patch(url, json=change).status_code == 401
    editor = {**auth("editor", "helse-vest"), "If-Match": etag}
    assert client.patch(url, json=change, headers=editor).status_code == 403
    assert client.patch(url, json=change, headers=h).status_code == 428
    assert client.patch(url, json=change, headers={**h, "If-Match": '"old"'}).status_code == 412
    for bad in ({"service_types": ["bup", "tannlege"]}, {"status": "gone"}, {}, {"title": None}):
        r = client.patch(url, json=bad, headers={**h, "If-Match": etag})
        assert r.status_code == 422, bad
    assert client.get(url).json() == first.json()  # refused writes changed nothing
    assert _changes(session) == []

    # The ETag of the nynorsk view is as good as the bokmål one: both are this resource.
    nn_etag = client.get(url, params={"lang": "nn"}).headers["etag"]
    r = client.patch(url, json=change, headers={**h, "If-Match": nn_etag})
    assert r.status_code == 200, r.text
    assert r.json()["pathway"]["slug"] == "angst"
    assert r.headers["etag"] != etag
    meta = service.to_public(session, service.get_by_slug(session, "angst"))
    assert meta.status == "retired" and meta.title_nn == "Angst"
    assert [t.code for t in meta.service_types] == ["bup", "helsestasjon"]
    assert meta.updated_at > datetime.fromisoformat(first.json()["pathway"]["updated_at"])
    view = client.get(url)
    assert [s["service_type"]["code"] for s in view.json()["services"]] in (
        [],
        ["bup", "helsestasjon"],
    )
    assert (
        client.patch(url, json={"title": "X"}, headers={**h, "If-Match": etag}).status_code == 412
    )
    r2 = client.patch(
        url,
        json={"service_types": ["helsestasjon", "fastlege", "bup"]},
        headers={**h, "If-Match": view.headers["etag"]},
    )
    assert r2.status_code == 200, r2.text
    meta = service.to_public(session, service.get_by_slug(session, "angst"))
    assert [t.code for t in meta.service_types] == ["helsestasjon", "fastlege", "bup"]
    assert [e.entity_id for e in _changes(session)] == ["angst", "angst"]
    assert (
        client.patch(
            "/v1/pathways/ukjent", json={"title": "X"}, headers={**h, "If-Match": etag}
        ).status_code
        == 404
    )


def test_service_functions_for_other_domains(world, session: Session):
    pathway = service.get_by_slug(session, "angst")
    assert [st.code for st in service.service_types_of(session, pathway)] == [
        "helsestasjon",
        "fastlege",
        "bup",
    ]
    assert service.to_public(session, pathway).slug == "angst"
    with pytest.raises(NotFound):
        service.get_by_slug(session, "ukjent")
