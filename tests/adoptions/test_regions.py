"""Several regions in one installation, and a pathway adopted across them (issue 17).

Helse Vest (the factories' world) owns `angst`; Helse Nordvik and Helse Austdal are
fictitious regions beside it. Every test runs on SQLite and PostgreSQL.
"""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.models import Pathway, PathwayServiceType
from tests.regions import add_austdal, add_nordvik

SLOT = "helsestasjon/assessment"
BASE = "Helsesykepleier kartlegger angst med en strukturert samtale."
BETTER = "Helsesykepleier kartlegger angst med samtale og RCADS."


def slot(code: str, slug: str = "angst", where: str = SLOT) -> str:
    return f"/v1/localities/{code}/pathways/{slug}/texts/{where}"


def write(client, headers, code, body, *, slug="angst", where=SLOT):
    """Create or change a layer's entry, with the precondition the slot asks for."""
    current = client.get(slot(code, slug, where), headers=headers)
    assert current.status_code in (200, 404), current.text  # 404: the layer inherits
    pre = {"If-Match": current.headers["ETag"]} if current.status_code == 200 else {}
    pre = pre or {"If-None-Match": "*"}
    r = client.put(slot(code, slug, where), json=body, headers={**headers, **pre})
    assert r.status_code in (200, 201), r.text
    return r.json()


def assessment(client, code, slug="angst"):
    r = client.get(f"/v1/localities/{code}/pathways/{slug}?lang=nb")
    assert r.status_code == 200, r.text
    body = r.json()
    service = next(s for s in body["services"] if s["service_type"]["code"] == "helsestasjon")
    return body, next(s for s in service["sections"] if s["key"] == "assessment")


@pytest.fixture
def nordvik(session, world):
    return add_nordvik(session)


@pytest.fixture
def base(client, world, auth):
    """Helse Vest's base text for the slot."""
    return write(
        client, auth("editor", "helse-vest"), "helse-vest",
        {"mode": "replace", "text": BASE, "lang": "nb", "status": "published"},
    )  # fmt: skip


def adopt(client, headers, code="helse-nordvik", slug="angst"):
    return client.post(f"/v1/localities/{code}/adoptions", json={"pathway": slug}, headers=headers)


def sovn(session, nordvik, world):
    """A pathway Helse Nordvik owns."""
    p = Pathway(
        slug="sovn", title="Søvn", summary="", status="published", owner_id=nordvik.region.id
    )
    session.add(p)
    session.flush()
    session.add(
        PathwayServiceType(
            pathway_id=p.id, service_type_id=world.service_types["helsestasjon"].id, position=0
        )
    )
    session.commit()
    return p


def test_a_second_region_owns_its_pathway_and_its_base_view_is_its_own(
    client, session, world, nordvik, auth
):
    sovn(session, nordvik, world)
    editor = auth("editor", "helse-nordvik")
    write(
        client, editor, "helse-nordvik",
        {"mode": "replace", "text": "Søvnvaner kartlegges.", "lang": "nb", "status": "published"},
        slug="sovn",
    )  # fmt: skip
    body = client.get("/v1/pathways/sovn?lang=nb").json()
    assert body["pathway"]["owner"] == "helse-nordvik"
    section = next(s for s in body["services"][0]["sections"] if s["key"] == "assessment")
    assert section["text"] == "Søvnvaner kartlegges."
    assert section["origin"] == "regional"
    # Lists by owner; each region's municipalities see their own region's pathways only.
    owned = client.get("/v1/pathways?owner=helse-nordvik").json()["items"]
    assert [(p["slug"], p["owner"]) for p in owned] == [("sovn", "helse-nordvik")]
    assert [p["slug"] for p in client.get("/v1/pathways?owner=helse-vest").json()["items"]] == [
        "angst"
    ]
    assert [p["slug"] for p in client.get("/v1/localities/9901/pathways").json()["items"]] == [
        "sovn"
    ]
    assert [p["slug"] for p in client.get("/v1/localities/4601/pathways").json()["items"]] == [
        "angst"
    ]
    r = client.get("/v1/localities/4601/pathways/sovn")
    assert r.status_code == 404
    assert "not in use" in r.json()["detail"]
    # Helse Vest's editor cannot write Helse Nordvik's base text.
    r = client.put(
        slot("helse-nordvik", "sovn"),
        json={"mode": "replace", "text": "x", "lang": "nb", "status": "published"},
        headers={**auth("editor", "helse-vest"), "If-Match": '"r1"'},
    )
    assert r.status_code == 403


def test_an_adopting_region_merges_the_owners_base_text(client, world, nordvik, auth, base):
    r = client.get("/v1/localities/9901/pathways/angst")
    assert r.status_code == 404
    assert "angst" not in [
        p["slug"] for p in client.get("/v1/localities/9901/pathways").json()["items"]
    ]

    r = adopt(client, auth("editor", "helse-nordvik"))
    assert r.status_code == 201, r.text
    assert r.json()["owner"]["code"] == "helse-vest"
    assert r.json()["locality"]["code"] == "helse-nordvik"

    body, section = assessment(client, "9901")
    assert body["pathway"]["owner"] == "helse-vest"
    assert body["locality"]["chain"] == ["helse-vest", "helse-nordvik", "fjordbyen", "9901"]
    assert section["text"] == BASE
    assert section["origin"] == "regional"
    assert section["layers"][0]["locality"] == "helse-vest"
    listed = client.get("/v1/pathways/angst/adoptions").json()["items"]
    assert [a["locality"]["code"] for a in listed] == ["helse-nordvik"]
    assert "angst" in [
        p["slug"] for p in client.get("/v1/localities/9902/pathways").json()["items"]
    ]
    # The base view stays the owner's.
    assert client.get("/v1/pathways/angst").json()["locality"]["code"] == "helse-vest"


def test_local_adaptation_in_the_adopting_region_goes_stale_when_the_owner_changes(
    client, world, nordvik, auth, base
):
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    local = write(
        client, auth("editor", "9901"), "9901",
        {"mode": "append", "text": "I Fjordby: ring 12 34 56 78.", "lang": "nb",
         "status": "published"},
    )  # fmt: skip
    assert local["based_on"] == base["revision"]
    _, section = assessment(client, "9901")
    assert section["origin"] == "mixed"
    assert section["text"] == BASE + "\n\nI Fjordby: ring 12 34 56 78."
    assert section["stale"] is False
    # Helse Nordvik's own layer may append too: only the owner's layer is replace-only.
    write(
        client, auth("editor", "helse-nordvik"), "helse-nordvik",
        {"mode": "append", "text": "Helse Nordvik: bruk RCADS.", "lang": "nb",
         "status": "published"},
    )  # fmt: skip
    r = client.put(
        slot("helse-vest"),
        json={"mode": "append", "text": "x", "lang": "nb", "status": "published"},
        headers={**auth("editor", "helse-vest"), "If-Match": f'"r{base["revision"]}"'},
    )
    assert r.status_code == 422

    write(
        client, auth("editor", "helse-vest"), "helse-vest",
        {"mode": "replace", "text": BETTER, "lang": "nb", "status": "published",
         "change_kind": "substantive"},
    )  # fmt: skip
    _, section = assessment(client, "9901")
    assert section["text"].startswith(BETTER)
    assert section["stale"] is True
    report = client.get("/v1/localities/helse-nordvik/divergence").json()
    layers = {layer["locality"]: layer for layer in report["layers"]}
    assert [s["revision"] for s in layers["9901"]["stale"]] == [local["revision"]]
    assert layers["9901"]["stale"][0]["inherited"]["text"].startswith(BETTER)
    # Helse Vest's municipalities never see Helse Nordvik's layers.
    _, bergen = assessment(client, "4601")
    assert bergen["text"] == BETTER


def test_scopes_hold_across_the_adoption(client, world, nordvik, auth, base):
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    body = {"mode": "append", "text": "Lokalt.", "lang": "nb", "status": "published"}
    # The owner's editor does not reach the adopter's layers, nor the adopter's the owner's.
    r = client.put(
        slot("9901"), json=body, headers={**auth("editor", "helse-vest"), "If-None-Match": "*"}
    )
    assert r.status_code == 403
    r = client.put(
        slot("helse-vest"),
        json={**body, "mode": "replace"},
        headers={**auth("editor", "helse-nordvik"), "If-Match": f'"r{base["revision"]}"'},
    )
    assert r.status_code == 403
    # A municipality of a region that has not adopted cannot write the pathway at all.
    r = client.put(
        slot("4601"), json=body, headers={**auth("editor", "9901"), "If-None-Match": "*"}
    )
    assert r.status_code == 403


def test_proposals_from_the_adopting_municipality_go_up_to_the_owner(
    client, world, nordvik, auth, base
):
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    proposal = {
        "locality": "helse-vest", "pathway": "angst", "service_type": "helsestasjon",
        "section": "assessment", "mode": "replace", "text": BETTER,
        "rationale": "RCADS er i bruk hos oss.", "service_work": "Opplæring i RCADS.",
        "traffic_light": "yellow",
    }  # fmt: skip
    r = client.post("/v1/change-proposals", json=proposal, headers=auth("contributor", "9901"))
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    assert r.json()["proposer_locality"] == "9901"
    # Helse Nordvik's editor cannot decide Helse Vest's base text; Helse Vest's can.
    accept = {"note": "Takk!"}
    r = client.post(
        f"/v1/change-proposals/{pid}/accept", json=accept, headers=auth("editor", "helse-nordvik")
    )
    assert r.status_code == 403
    r = client.post(
        f"/v1/change-proposals/{pid}/accept", json=accept, headers=auth("editor", "helse-vest")
    )
    assert r.status_code == 200, r.text
    assert assessment(client, "9901")[1]["text"] == BETTER
    # Sideways stays closed: a municipality in a region that has not adopted cannot propose.
    sideways = client.post(
        "/v1/change-proposals",
        json={**proposal, "locality": "4601"},
        headers=auth("contributor", "9901"),
    )
    assert sideways.status_code == 403


def test_bad_adoptions_are_refused_and_change_nothing(client, session, world, nordvik, auth):
    admin = auth("admin")
    cases = [
        ("helse-vest", "angst", 422, "owns"),  # its own pathway
        ("bergen", "angst", 422, "under the pathway's owner"),
        ("helse-nordvik", "nope", 422, "no pathway"),
    ]
    for code, slug, status, words in cases:
        r = adopt(client, admin, code, slug)
        assert r.status_code == status, (code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert words in r.json()["detail"]
    assert adopt(client, auth("editor", "helse-vest"), "helse-nordvik").status_code == 403
    assert client.get("/v1/pathways/angst/adoptions").json()["items"] == []

    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    twice = adopt(client, auth("editor", "helse-nordvik"))
    assert twice.status_code == 409
    covered = adopt(client, auth("editor", "fjordbyen"), "fjordbyen")
    assert covered.status_code == 422
    assert "helse-nordvik" in covered.json()["detail"]
    assert len(client.get("/v1/pathways/angst/adoptions").json()["items"]) == 1

    # A region that owns or adopts a pathway cannot be deleted: the API has no such
    # operation, and the database refuses it under the API too.
    r = client.delete("/v1/localities/helse-nordvik", headers=admin)
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    for code in ("helse-vest", "helse-nordvik"):
        with pytest.raises(IntegrityError):
            session.execute(text("DELETE FROM locality WHERE code = :c"), {"c": code})
        session.rollback()
    assert client.get("/v1/localities/helse-nordvik").status_code == 200

    # Giving it up: the municipality no longer sees it; a second time is a 404.
    editor = auth("editor", "helse-nordvik")
    assert (
        client.delete("/v1/localities/helse-nordvik/adoptions/angst", headers=editor).status_code
        == 204
    )
    assert client.get("/v1/localities/9901/pathways/angst").status_code == 404
    assert (
        client.delete("/v1/localities/helse-nordvik/adoptions/angst", headers=editor).status_code
        == 404
    )


def test_pathway_owner_at_creation(client, world, nordvik, auth):
    admin = auth("admin")
    new = {"slug": "spising", "title": "Spisevansker", "summary": "", "target_group": "",
           "status": "published", "service_types": ["helsestasjon"]}  # fmt: skip
    r = client.post("/v1/pathways", json=new, headers=admin)
    assert r.status_code == 422  # two regions: the owner must be named
    assert r.json()["errors"][0]["loc"] == ["body", "owner"]
    r = client.post("/v1/pathways", json={**new, "owner": "9999"}, headers=admin)
    assert r.status_code == 422
    assert "not a locality" in r.json()["detail"]
    r = client.post("/v1/pathways", json={**new, "owner": "fjordbyen"}, headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["owner"] == "fjordbyen"
    # A community's pathway: its municipalities merge from the community's layer down.
    assert client.get("/v1/localities/9901/pathways/spising").json()["locality"]["chain"] == [
        "fjordbyen",
        "9901",
    ]
    assert client.get("/v1/localities/helse-nordvik/pathways/spising").status_code == 404


def test_three_regions_exports_search_and_feed_follow_the_adoption(
    client, session, world, nordvik, auth, base
):
    add_austdal(session)
    assert client.get("/v1/localities/9801/pathways/angst").status_code == 404
    hsds_before = client.get("/v1/localities/9801/service-map").json()
    assert all("angst" not in [p["slug"] for p in s["pathways"]] for s in hsds_before["services"])
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    assert adopt(client, auth("editor", "helse-austdal"), "helse-austdal").status_code == 201
    assert [
        a["locality"]["code"] for a in client.get("/v1/pathways/angst/adoptions").json()["items"]
    ] == [
        "helse-austdal",
        "helse-nordvik",
    ]
    seq = client.get("/v1/changes?locality=9801").json()["next_after"]
    write(
        client, auth("editor", "helse-vest"), "helse-vest",
        {"mode": "replace", "text": BETTER, "lang": "nb", "status": "published"},
    )  # fmt: skip
    for code in ("9801", "9901", "4601"):
        assert assessment(client, code)[1]["text"] == BETTER
    # The feed filtered to an adopting municipality carries the owner's base-text change,
    # and its impact names the adopters' views.
    feed = client.get(f"/v1/changes?locality=9801&after={seq}&include=impact").json()["items"]
    texts = [c for c in feed if c["entity"] == "text"]
    assert [(c["locality"], c["id"]) for c in texts] == [
        ("helse-vest", "angst/helsestasjon/assessment/nb")
    ]
    views = {v["locality"] for v in texts[0]["impact"]["views"]}
    assert {"9801", "9901", "4601"} <= views
    # The service map, FHIR, the embed and search at Dalby carry Helse Vest's text.
    service_map = client.get("/v1/localities/9801/service-map?lang=nb").json()
    hs = next(s for s in service_map["services"] if s["service_type"]["code"] == "helsestasjon")
    assert [p["slug"] for p in hs["pathways"]] == ["angst"]
    fhir = client.get("/v1/localities/9801/pathways/angst/fhir?lang=nb")
    assert fhir.status_code == 200
    assert fhir.json()["publisher"] == "Helse Vest"
    assert "RCADS" in fhir.text
    embed = client.get("/v1/localities/9801/pathways/angst/embed?lang=nb")
    assert embed.status_code == 200 and "RCADS" in embed.text
    hits = client.get("/v1/localities/9801/search?q=RCADS").json()["items"]
    assert [
        (h["pathway"]["slug"], h["layers"][0]["locality"]) for h in hits if h["kind"] == "section"
    ] == [("angst", "helse-vest")]
    graph = client.get("/v1/localities/9801/pathways/angst/map")
    assert graph.status_code == 200, graph.text


def test_review_cycles_belong_to_the_owner_and_are_due_where_the_pathway_is_used(
    client, world, nordvik, auth
):
    cycle = "/v1/pathways/angst/review-cycle"
    r = client.put(
        cycle, json={"months": 1}, headers={**auth("editor", "helse-nordvik"), "If-Match": "*"}
    )
    assert r.status_code == 403
    r = client.put(
        cycle, json={"months": 1}, headers={**auth("editor", "helse-vest"), "If-Match": "*"}
    )
    assert r.status_code == 200, r.text

    def due(code):
        r = client.get(
            f"/v1/localities/{code}/reviews-due?within_days=366", headers=auth("reader", code)
        )
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        return {i["pathway"] for i in items}

    assert due("helse-vest") == {"angst"}
    assert due("helse-nordvik") == set()
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    assert due("helse-nordvik") == {"angst"}
