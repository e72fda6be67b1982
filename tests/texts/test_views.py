"""Merged views over HTTP: shape, languages, as_of, hidden, preview, lists, 404/422."""

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.changes.log import record_change
from app.core.http import to_json_bytes
from app.models import TextRevision
from app.texts.view_schemas import MergedView, PathwayInUsePage

SECTIONS = ["role", "assessment", "measures", "evaluation", "collaboration", "referral"]


@pytest.fixture
def vclient(client: TestClient) -> TestClient:
    return client


def put(session: Session, world, loc, st="helsestasjon", *, log=True, **kw) -> TextRevision:
    data = dict(section="role", lang="nb", mode="replace", text="Base", author="test")
    data.update(kw)
    rev = TextRevision(
        locality_id=loc.id,
        pathway_id=world.pathway.id,
        service_type_id=world.service_types[st].id,
        **data,
    )
    session.add(rev)
    session.flush()
    if log and rev.status == "published":
        record_change(
            session, entity="text", action="upsert", locality=loc.code, pathway="angst",
            entity_id=f"angst/{st}/{rev.section}/{rev.lang}",
        )  # fmt: skip
    session.commit()
    return rev


def view(client, code="4601", **params):
    r = client.get(f"/v1/localities/{code}/pathways/angst", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def section(body, st, key):
    service = next(s for s in body["services"] if s["service_type"]["code"] == st)
    return next((s for s in service["sections"] if s["key"] == key), None)


def test_merged_view_shape_provenance_and_units(vclient, world, session):
    base = put(session, world, world.region, text="**Kartlegg** angst.")
    local = put(session, world, world.m4601, mode="append", text="Ring 55 00 00 00.",
                based_on=base.id)  # fmt: skip
    r = vclient.get("/v1/localities/4601/pathways/angst")
    assert r.status_code == 200
    assert r.headers["cache-control"].startswith("public, max-age=")
    body = r.json()
    MergedView.model_validate(body)
    assert body["pathway"]["slug"] == "angst" and body["pathway"]["title"] == "Angst"
    assert body["locality"] == {"code": "4601", "name": "Bergen", "kind": "municipality",
                                "chain": ["helse-vest", "bergen", "4601"]}  # fmt: skip
    assert body["lang"] == "nb"
    assert [s["service_type"]["code"] for s in body["services"]] == [
        "helsestasjon", "fastlege", "bup",
    ]  # fmt: skip
    helse = body["services"][0]
    assert [s["key"] for s in helse["sections"]] == SECTIONS
    assert helse["sections"][0]["label"] == "Rolle"
    role = section(body, "helsestasjon", "role")
    assert role["text"] == "**Kartlegg** angst.\n\nRing 55 00 00 00."
    assert "<strong>Kartlegg</strong>" in role["html"]
    assert role["origin"] == "mixed" and role["lang"] == "nb" and role["stale"] is False
    assert role["layers"] == [
        {"locality": "helse-vest", "mode": "replace", "revision": base.id, "lang": "nb"},
        {"locality": "4601", "mode": "append", "revision": local.id, "lang": "nb"},
    ]
    empty = section(body, "helsestasjon", "measures")
    assert empty["text"] is None and empty["layers"] == [] and empty["origin"] is None
    assert [u["name"] for u in helse["units"]] == ["Helsestasjonen i Årstad"]
    assert [u["name"] for u in body["services"][2]["units"]] == ["BUP Bergen"]
    # The neighbour sees the base text only, and not Bergen's unit.
    other = view(vclient, "4624")
    assert section(other, "helsestasjon", "role")["text"] == "**Kartlegg** angst."
    assert other["services"][0]["units"] == []


def test_a_view_is_written_as_one_json_document(vclient, world, session):
    """The view is spliced from parts held apart (each service's sections, written once per
    held merge): the bytes are exactly those of writing the whole document at once."""
    put(session, world, world.region, text="**Kartlegg** angst – «trygt».")
    put(session, world, world.m4601, "bup", mode="append", text="Ring BUP Bergen.")
    put(session, world, world.region, "fastlege", section="referral", text="Henvis.")
    for code in ("4601", "4624", "4601"):  # the second 4601 is held: the same bytes
        for params in ({}, {"lang": "nn"}, {"include": "hidden"}, {"as_of": "2030-01-01"}):
            r = vclient.get(f"/v1/localities/{code}/pathways/angst", params=params)
            assert r.status_code == 200
            assert r.content == to_json_bytes(orjson.loads(r.content)), (code, params)
            MergedView.model_validate_json(r.content)


def test_etag_and_304(vclient, world, session):
    put(session, world, world.region)
    r = vclient.get("/v1/localities/4601/pathways/angst")
    tag = r.headers["etag"]
    again = vclient.get("/v1/localities/4601/pathways/angst", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["etag"] == tag
    # A change in another pathway's chain or another municipality leaves the tag alone.
    put(session, world, world.m1106, text="Haugesund")
    assert vclient.get("/v1/localities/4601/pathways/angst").headers["etag"] == tag
    put(session, world, world.bergen, mode="append", text="Bergen")
    assert vclient.get("/v1/localities/4601/pathways/angst").headers["etag"] != tag


def test_language_query_accept_language_and_fallback(vclient, world, session):
    world.pathway.title_nn = "Angst (nn)"
    session.add(world.pathway)
    session.commit()
    put(session, world, world.region, text="Bokmål")
    put(session, world, world.region, lang="nn", text="Nynorsk")
    put(session, world, world.region, section="measures", text="Berre bokmål")
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Bokmål"
    nn = view(vclient, lang="nn")
    assert nn["lang"] == "nn" and nn["pathway"]["title"] == "Angst (nn)"
    assert section(nn, "helsestasjon", "role")["text"] == "Nynorsk"
    assert section(nn, "helsestasjon", "referral")["label"] == "Vidare tilvising"
    fallback = section(nn, "helsestasjon", "measures")
    assert fallback["text"] == "Berre bokmål" and fallback["lang"] == "nb"
    r = vclient.get("/v1/localities/4601/pathways/angst",
                    headers={"Accept-Language": "en;q=1, nn;q=0.8, nb;q=0.5"})  # fmt: skip
    assert r.json()["lang"] == "nn" and r.headers["content-language"] == "nn"
    assert "Accept-Language" in r.headers["vary"]
    r = vclient.get("/v1/localities/4601/pathways/angst", headers={"Accept-Language": "no"})
    assert r.json()["lang"] == "nb"
    bad = vclient.get("/v1/localities/4601/pathways/angst", params={"lang": "sv"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "lang"]


def test_as_of_sees_the_past_and_bad_as_of_is_422(vclient, world, session):
    old = put(session, world, world.region, text="Før")
    old.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    session.add(old)
    session.commit()
    put(session, world, world.region, text="Nå")
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Nå"
    past = view(vclient, as_of="2026-02-01T00:00:00+01:00")
    assert section(past, "helsestasjon", "role")["text"] == "Før"
    assert past["as_of"].startswith("2026-01-31T23:00:00")
    assert section(view(vclient, as_of="2025-01-01"), "helsestasjon", "role")["text"] is None
    for bad in ("yesterday", "2026-13-01", ""):
        r = vclient.get("/v1/localities/4601/pathways/angst", params={"as_of": bad})
        assert r.status_code == 422, bad
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"][0]["loc"] == ["query", "as_of"]


def test_hidden_slots_and_services(vclient, world, session):
    put(session, world, world.region, text="Base")
    put(session, world, world.region, section="assessment", text="Kartlegging")
    put(session, world, world.m4601, mode="hide", text=None, section="assessment")
    for sec in SECTIONS:
        put(session, world, world.bergen, "bup", mode="hide", text=None, section=sec)
    body = view(vclient)
    assert [s["service_type"]["code"] for s in body["services"]] == ["helsestasjon", "fastlege"]
    assert section(body, "helsestasjon", "assessment") is None
    full = view(vclient, include="hidden")
    hidden = section(full, "helsestasjon", "assessment")
    assert hidden["hidden"] is True and hidden["text"] is None and hidden["html"] is None
    assert [s["service_type"]["code"] for s in full["services"]] == [
        "helsestasjon", "fastlege", "bup",
    ]  # fmt: skip
    assert full["services"][2]["hidden"] is True
    # Another community does not inherit Bergen's hide.
    assert [s["service_type"]["code"] for s in view(vclient, "1106")["services"]][-1] == "bup"
    bad = vclient.get("/v1/localities/4601/pathways/angst", params={"include": "everything"})
    assert bad.status_code == 422


def test_local_only_service_type_comes_last(vclient, world, session):
    from app.models import ServiceType

    ppt = ServiceType(code="ppt", name="PPT", name_nn="PP-tenesta", level="municipal")
    session.add(ppt)
    session.commit()
    world.service_types["ppt"] = ppt
    put(session, world, world.m4601, "ppt", text="Lokal PPT")
    body = view(vclient, lang="nn")
    assert [s["service_type"]["code"] for s in body["services"]][-1] == "ppt"
    assert body["services"][-1]["service_type"]["name"] == "PP-tenesta"
    assert body["services"][-1]["local_only"] is True
    assert "ppt" not in [s["service_type"]["code"] for s in view(vclient, "4624")["services"]]


def test_stale_override_is_flagged(vclient, world, session):
    base = put(session, world, world.region, text="v1")
    put(session, world, world.m4601, text="Lokal", based_on=base.id)
    assert section(view(vclient), "helsestasjon", "role")["stale"] is False
    put(session, world, world.region, text="v1 (retta)", change_kind="editorial")
    assert section(view(vclient), "helsestasjon", "role")["stale"] is False
    put(session, world, world.region, text="v2")
    assert section(view(vclient), "helsestasjon", "role")["stale"] is True


def test_preview_needs_reader_in_scope_and_is_private(vclient, world, session, auth):
    put(session, world, world.region, text="Publisert")
    put(session, world, world.m4601, text="Utkast", status="draft")
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Publisert"
    url = "/v1/localities/4601/pathways/angst"
    r = vclient.get(url, params={"preview": "true"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = vclient.get(url, params={"preview": "true"}, headers=auth("reader", "fonna"))
    assert r.status_code == 403
    r = vclient.get(url, params={"preview": "true"}, headers=auth("reader", "bergen"))
    assert r.status_code == 200
    assert r.headers["cache-control"].startswith("private")
    assert section(r.json(), "helsestasjon", "role")["text"] == "Utkast"
    assert r.json()["preview"] is True
    # The public view was not polluted by the preview.
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Publisert"


def test_unknown_locality_or_pathway_is_404(vclient, world):
    for url in ("/v1/localities/9999/pathways/angst", "/v1/localities/4601/pathways/nope",
                "/v1/localities/9999/pathways", "/v1/pathways/nope"):  # fmt: skip
        r = vclient.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"] == "application/problem+json"
    assert vclient.get("/v1/localities/4601/pathways/Bad Slug").status_code == 422


def test_draft_pathway_only_in_preview(vclient, world, session, auth):
    world.pathway.status = "draft"
    session.add(world.pathway)
    session.commit()
    assert vclient.get("/v1/localities/4601/pathways/angst").status_code == 404
    r = vclient.get("/v1/localities/4601/pathways/angst", params={"preview": "true"},
                    headers=auth("reader", "4601"))  # fmt: skip
    assert r.status_code == 200 and r.json()["pathway"]["status"] == "draft"


def test_base_view_is_the_regions(vclient, world, session):
    put(session, world, world.region, text="Base")
    put(session, world, world.m4601, text="Lokal")
    r = vclient.get("/v1/pathways/angst")
    assert r.status_code == 200
    body = r.json()
    assert body["locality"]["chain"] == ["helse-vest"]
    assert section(body, "helsestasjon", "role")["text"] == "Base"
    assert section(body, "helsestasjon", "role")["origin"] == "regional"


def test_pathways_in_use_list(vclient, world, session, auth):
    from app.models import Pathway, PathwayServiceType

    def add(slug, status):
        p = Pathway(
            slug=slug, title=slug.title(), summary="", status=status, owner_id=world.region.id
        )
        session.add(p)
        session.flush()
        bup = world.service_types["bup"].id
        session.add(PathwayServiceType(pathway_id=p.id, service_type_id=bup, position=0))
        session.commit()
        return p

    add("adhd", "published")
    add("rus", "draft")
    add("gammel", "retired")
    spise = add("spiseforstyrrelser", "published")
    rev = TextRevision(locality_id=world.region.id, pathway_id=spise.id, author="t", lang="nb",
                       service_type_id=world.service_types["bup"].id, section="role",
                       mode="replace", text="x")  # fmt: skip
    hide = TextRevision(locality_id=world.m4601.id, pathway_id=spise.id, author="t", lang="nb",
                        service_type_id=world.service_types["bup"].id, section="role",
                        mode="hide")  # fmt: skip
    session.add_all([rev, hide])
    session.commit()
    r = vclient.get("/v1/localities/4601/pathways")
    assert r.status_code == 200
    PathwayInUsePage.model_validate(r.json())
    assert [i["slug"] for i in r.json()["items"]] == ["adhd", "angst"]
    assert set(r.json()["items"][0]) == {"slug", "title", "summary", "status", "updated_at"}
    assert [i["slug"] for i in view_list(vclient, "4624")] == [
        "adhd",
        "angst",
        "spiseforstyrrelser",
    ]
    page = vclient.get("/v1/localities/4624/pathways", params={"limit": 2}).json()
    assert [i["slug"] for i in page["items"]] == ["adhd", "angst"]
    rest = vclient.get("/v1/localities/4624/pathways",
                       params={"limit": 2, "cursor": page["next_cursor"]}).json()  # fmt: skip
    assert [i["slug"] for i in rest["items"]] == ["spiseforstyrrelser"]
    assert rest["next_cursor"] is None
    preview = vclient.get("/v1/localities/4601/pathways", params={"preview": "true"},
                          headers=auth("reader", "4601"))  # fmt: skip
    assert [i["slug"] for i in preview.json()["items"]] == ["adhd", "angst", "rus"]
    assert (
        vclient.get("/v1/localities/4601/pathways", params={"preview": "true"}).status_code == 401
    )


def view_list(client, code):
    r = client.get(f"/v1/localities/{code}/pathways")
    assert r.status_code == 200
    return r.json()["items"]


def test_scheduled_revision_is_not_served_before_and_is_after(vclient, world, session):
    put(session, world, world.region, text="Nå")
    soon = datetime.now(UTC) + timedelta(seconds=1.5)
    put(session, world, world.region, text="Snart", valid_from=soon)
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Nå"
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Nå"  # from the cache
    import time

    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.1)
    assert section(view(vclient), "helsestasjon", "role")["text"] == "Snart"
