"""Editing referral links over HTTP: the texts' preconditions, scopes, revisions and log."""

from sqlmodel import select

from app.models import ChangeLogEntry
from tests.maps.helpers import counts, link, links_url, map_url, put


def test_create_read_update_with_preconditions_and_change_log(client, world, auth, session):
    h = auth("editor", "helse-vest")
    r = put(
        client,
        h,
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege", "for somatikk")],
        entry=True,
    )
    assert r.status_code == 201, r.text
    entry = r.json()
    assert entry["mode"] == "replace" and entry["entry_point"] is True
    assert entry["refers_to"] == [
        {"service_type": "fastlege", "label": "for somatikk", "back": False}
    ]
    assert r.headers["etag"] == f'"r{entry["revision"]}"'
    got = client.get(links_url("helse-vest"))
    assert got.status_code == 200 and got.headers["etag"] == r.headers["etag"]
    assert (
        client.get(
            links_url("helse-vest"), headers={"If-None-Match": got.headers["etag"]}
        ).status_code
        == 304
    )
    body = {"mode": "replace", "refers_to": [link("bup")], "entry_point": True}
    assert client.put(links_url("helse-vest"), json=body, headers=h).status_code == 428
    stale = client.put(links_url("helse-vest"), json=body, headers={**h, "If-Match": '"r999"'})
    assert stale.status_code == 412
    again = put(client, h, "helse-vest", "helsestasjon", refers=[link("bup")], entry=True)
    assert again.status_code == 412  # If-None-Match: * but an entry exists
    ok = client.put(
        links_url("helse-vest"), json=body, headers={**h, "If-Match": r.headers["etag"]}
    )
    assert ok.status_code == 200 and ok.json()["revision"] > entry["revision"]
    revisions = client.get(links_url("helse-vest") + "/revisions").json()["items"]
    assert [x["revision"] for x in revisions] == [ok.json()["revision"], entry["revision"]]
    logs = session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity == "text")).all()
    assert [x.entity_id for x in logs] == ["angst/helsestasjon/links/nb"] * 2
    assert {x.locality for x in logs} == {"helse-vest"} and {x.pathway for x in logs} == {"angst"}


def test_delete_makes_the_layer_inherit_again(client, world, auth):
    put(
        client,
        auth("editor", "helse-vest"),
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege")],
        entry=True,
    )
    h = auth("editor", "4601")
    r = put(client, h, "4601", "helsestasjon", refers=[link("bup")], entry=True)
    assert r.status_code == 201
    inherited = r.json()["inherited"]
    assert [x["service_type"] for x in inherited["refers_to"]] == ["fastlege"]
    assert inherited["refers_to"][0]["locality"] == "helse-vest"
    assert r.json()["based_on"] == inherited["revision"]
    assert client.delete(links_url("4601"), headers=h).status_code == 428
    assert (
        client.delete(links_url("4601"), headers={**h, "If-Match": r.headers["etag"]}).status_code
        == 204
    )
    gone = client.get(links_url("4601"))
    assert gone.status_code == 404
    assert gone.headers["content-type"].startswith("application/problem+json")
    assert [x["service_type"] for x in gone.json()["inherited"]["refers_to"]] == ["fastlege"]
    edges = client.get(map_url("4601")).json()["edges"]
    assert [(e["source"], e["target"]) for e in edges] == [("helsestasjon", "fastlege")]


def test_scopes(client, world, auth):
    body = {"mode": "replace", "refers_to": [link("fastlege")], "entry_point": True}
    pre = {"If-None-Match": "*"}
    assert client.put(links_url("helse-vest"), json=body, headers=pre).status_code == 401
    local = auth("editor", "4601")
    assert (
        client.put(links_url("helse-vest"), json=body, headers={**local, **pre}).status_code == 403
    )
    assert client.put(links_url("4624"), json=body, headers={**local, **pre}).status_code == 403
    reader = auth("reader", "4601")
    assert client.put(links_url("4601"), json=body, headers={**reader, **pre}).status_code == 403
    community = auth("editor", "bergen")
    assert client.put(links_url("4624"), json=body, headers={**community, **pre}).status_code == 201


def test_drafts_are_for_readers_in_scope(client, world, auth):
    h = auth("editor", "helse-vest")
    r = put(
        client,
        h,
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege")],
        entry=True,
        status="draft",
    )
    assert r.status_code == 201
    assert client.get(links_url("helse-vest")).status_code == 404
    assert (
        client.get(links_url("helse-vest"), headers=auth("reader", "helse-vest")).status_code == 200
    )
    assert client.get(map_url("4601")).json()["edges"] == []
    preview = client.get(map_url("4601") + "?preview=true", headers=auth("reader", "4601")).json()
    assert [e["target"] for e in preview["edges"]] == ["fastlege"]
    assert client.get(map_url("4601") + "?preview=true").status_code == 401


def test_bad_input_is_refused_and_changes_nothing(client, world, auth, session):
    region, local = auth("editor", "helse-vest"), auth("editor", "4601")
    put(client, region, "helse-vest", "fastlege", refers=[link("bup")])
    before = counts(session)
    cases = [
        (
            region,
            "helse-vest",
            "helsestasjon",
            {"refers": [link("nope")]},
            422,
            ["body", "refers_to", 0, "service_type"],
        ),
        (
            region,
            "helse-vest",
            "helsestasjon",
            {"refers": [link("helsestasjon")]},
            422,
            ["body", "refers_to", 0, "service_type"],
        ),
        (
            local,
            "4601",
            "helsestasjon",
            {"refers": [link("bup"), link("bup")]},
            422,
            ["body", "refers_to", 1, "service_type"],
        ),
        (
            region,
            "helse-vest",
            "helsestasjon",
            {"mode": "append", "refers": [link("bup")]},
            422,
            ["body", "mode"],
        ),
        (local, "4601", "helsestasjon", {"mode": "hide", "refers": [link("bup")]}, 422, None),
        (local, "4601", "helsestasjon", {"mode": "sideways"}, 422, None),
    ]
    for headers, code, st, kw, status, loc in cases:
        r = put(
            client, headers, code, st, mode=kw.get("mode", "replace"), refers=kw.get("refers", ())
        )
        assert r.status_code == status, (kw, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        if loc is not None:
            assert r.json()["errors"][0]["loc"] == loc, r.json()
    # An entry point outside the pathway, at the region.
    session.exec(select(ChangeLogEntry)).all()
    from app.models import ServiceType

    session.add(ServiceType(code="ppt", name="PPT", level="municipal", description="PPT."))
    session.commit()
    r = put(client, region, "helse-vest", "ppt", refers=[], entry=True)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "entry_point"]
    r = put(client, region, "helse-vest", "helsestasjon", refers=[link("ppt")])
    assert r.status_code == 422 and "does not take part" in r.json()["detail"]
    for url in (links_url("9999"), links_url("4601", slug="nope"), links_url("4601", st="nope")):
        r = client.put(url, json={"mode": "hide"}, headers={**auth("admin"), "If-None-Match": "*"})
        assert r.status_code == 404, url
    assert counts(session) == before
    # Locally a service outside the pathway may take part in the map.
    assert put(client, local, "4601", "ppt", refers=[link("bup")], entry=True).status_code == 201


def test_the_merged_text_view_never_shows_links(client, world, auth):
    put(
        client,
        auth("editor", "helse-vest"),
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege")],
        entry=True,
    )
    view = client.get("/v1/localities/4601/pathways/angst?include=hidden").json()
    keys = {s["key"] for svc in view["services"] for s in svc["sections"]}
    assert "links" not in keys
    # `links` is not a section of the text editor: the path parameter's enum refuses it.
    refused = client.get("/v1/localities/4601/pathways/angst/texts/helsestasjon/links")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["path", "section"]
