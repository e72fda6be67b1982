"""The map over HTTP: merged links with provenance, every finding, the overview, queries."""

import pytest
from sqlalchemy import event

from app.core.db import get_engine
from tests.maps.helpers import all_texts, findings, link, links_url, map_url, put, texts


@pytest.fixture
def region(client, world, auth, session):
    """Texts everywhere, and a clean regional map: helsestasjon → fastlege → bup → back."""
    all_texts(session, world)
    h = auth("editor", "helse-vest")
    put(
        client,
        h,
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege", "ved mistanke")],
        entry=True,
    )
    put(client, h, "helse-vest", "fastlege", refers=[link("bup", "ved moderat til alvorlig angst")])
    put(client, h, "helse-vest", "bup", refers=[link("fastlege", "tilbakeføring", back=True)])
    return h


def edges(view):
    return [(e["source"], e["target"], e["origin"]) for e in view["edges"]]


def test_the_regional_map_is_clean_in_bergen(client, region):
    r = client.get(map_url("4601"))
    assert r.status_code == 200 and "etag" in r.headers
    view = r.json()
    assert [n["service_type"] for n in view["nodes"]] == ["helsestasjon", "fastlege", "bup"]
    assert [n["level"] for n in view["nodes"]] == ["municipal", "municipal", "specialist"]
    assert view["nodes"][0]["units"][0]["name"] == "Helsestasjonen i Årstad"
    assert view["entry_points"] == ["helsestasjon"]
    assert edges(view) == [
        ("helsestasjon", "fastlege", "regional"),
        ("fastlege", "bup", "regional"),
        ("bup", "fastlege", "regional"),
    ]
    assert view["edges"][1]["label"] == "ved moderat til alvorlig angst"
    assert view["edges"][2]["back"] is True
    assert view["findings"] == [] and view["counts"] == {"problem": 0, "warning": 0, "info": 0}
    assert (
        client.get(map_url("4601"), headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    )


def test_append_replace_and_hide_in_local_layers(client, region, auth):
    local = auth("editor", "4601")
    r = put(
        client, local, "4601", "helsestasjon", mode="append", refers=[link("bup", "ved akutt fare")]
    )
    assert r.status_code == 201
    view = client.get(map_url("4601")).json()
    assert ("helsestasjon", "bup", "local") in edges(view)
    added = next(e for e in view["edges"] if e["target"] == "bup" and e["source"] == "helsestasjon")
    assert added["layer"]["locality"] == "4601" and added["layer"]["mode"] == "append"
    assert edges(client.get(map_url("4624")).json())[0] == ("helsestasjon", "fastlege", "regional")
    # Re-routing: replace the inherited list with one without the GP.
    put(
        client,
        local,
        "4601",
        "helsestasjon",
        refers=[link("bup", "direkte")],
        entry=True,
        etag=r.headers["etag"],
    )
    view = client.get(map_url("4601")).json()
    assert next((e["source"], e["target"]) for e in view["edges"]) == ("helsestasjon", "bup")
    assert view["removed_edges"] == [
        {
            "source": "helsestasjon",
            "target": "fastlege",
            "label": "ved mistanke",
            "removed_by": "4601",
        }
    ]
    # Hide: the service has no links here, and no entry point is left.
    put(client, auth("editor", "4624"), "4624", "helsestasjon", mode="hide")
    view = client.get(map_url("4624")).json()
    assert not any(e["source"] == "helsestasjon" for e in view["edges"])
    assert view["entry_points"] == [] and findings(view, "no_entry_point") == [
        ("no_entry_point", None, None)
    ]


def test_link_to_a_hidden_service(client, region, session, world):
    texts(session, world, "4624", "bup", mode="hide")
    view = client.get(map_url("4624")).json()
    assert next(n for n in view["nodes"] if n["service_type"] == "bup")["hidden"] is True
    problem = view["findings"][0]
    assert (problem["code"], problem["severity"]) == ("link_to_hidden_service", "problem")
    assert (problem["service_type"], problem["target"]) == ("fastlege", "bup")
    assert problem["message"]["nb"] and problem["message"]["en"] and problem["why"]["en"]
    assert findings(view, "municipal_dead_end") == [("municipal_dead_end", "fastlege", None)]


def test_link_to_a_specialist_service_without_a_unit(client, region):
    view = client.get(map_url("1106")).json()  # BUP Bergen does not serve Haugesund
    assert findings(view, "link_to_service_without_unit") == [
        ("link_to_service_without_unit", "fastlege", "bup")
    ]
    assert findings(client.get(map_url("4601")).json(), "link_to_service_without_unit") == []


def test_unreachable_dead_end_missing_text_stale_and_cycle(client, region, auth, session, world):
    h = region
    etag = client.get(links_url("helse-vest", "fastlege")).headers["etag"]
    r = client.put(
        links_url("helse-vest", "fastlege"),
        json={"mode": "replace", "refers_to": [link("helsestasjon", "tilbake")]},
        headers={**h, "If-Match": etag},
    )
    assert r.status_code == 200
    view = client.get(map_url("4601")).json()
    assert findings(view, "unreachable_service") == [("unreachable_service", "bup", None)]
    assert findings(view, "cycle") == [("cycle", "helsestasjon", "fastlege")]
    # Local append written, then the region changes the links: the local entry is stale.
    local = auth("editor", "4601")
    put(client, local, "4601", "fastlege", mode="append", refers=[link("bup", "lokalt")])
    etag = client.get(links_url("helse-vest", "fastlege")).headers["etag"]
    client.put(
        links_url("helse-vest", "fastlege"),
        json={"mode": "replace", "refers_to": [link("bup", "ny regional tekst")]},
        headers={**h, "If-Match": etag},
    )
    view = client.get(map_url("4601")).json()
    stale = [f for f in view["findings"] if f["code"] == "stale_override"]
    assert [(f["service_type"], f["sections"]) for f in stale] == [("fastlege", ["links"])]
    assert client.get(links_url("4601", "fastlege")).json()["stale"] is True
    assert findings(view, "cycle") == [] and findings(view, "unreachable_service") == []
    # A service with no text: a new local service reached by a link.
    from app.models import ServiceType

    session.add(ServiceType(code="ppt", name="PPT", level="municipal", description="PPT."))
    session.commit()
    put(client, local, "4601", "helsestasjon", mode="append", refers=[link("ppt")])
    view = client.get(map_url("4601")).json()
    ppt = next(n for n in view["nodes"] if n["service_type"] == "ppt")
    assert ppt["local_only"] is True and ppt["in_pathway"] is False
    missing = [f for f in view["findings"] if f["code"] == "missing_text"]
    assert [(f["service_type"], f["severity"], len(f["sections"])) for f in missing] == [
        ("ppt", "warning", 6)
    ]
    assert findings(view, "municipal_dead_end") == [("municipal_dead_end", "ppt", None)]


def test_the_text_view_does_not_grow_a_service_because_of_links_alone(
    client, region, auth, session
):
    from app.models import ServiceType

    session.add(ServiceType(code="ppt", name="PPT", level="municipal", description="PPT."))
    session.commit()
    assert (
        put(client, auth("editor", "4601"), "4601", "ppt", refers=[link("bup")]).status_code == 201
    )
    assert "ppt" in [n["service_type"] for n in client.get(map_url("4601")).json()["nodes"]]
    services = client.get("/v1/localities/4601/pathways/angst").json()["services"]
    assert "ppt" not in [s["service_type"]["code"] for s in services]


def test_unknown_locality_or_pathway_and_drafts(client, region, auth):
    assert client.get(map_url("9999")).status_code == 404
    assert client.get(map_url("4601", slug="nope")).status_code == 404
    assert client.get(map_url("4601") + "?format=png").status_code == 422
    assert client.get("/v1/localities/9999/findings").status_code == 404


def test_overview_of_a_health_community(client, region, session, world):
    texts(session, world, "4624", "bup", mode="hide")
    r = client.get("/v1/localities/bergen/findings")
    assert r.status_code == 200
    data = r.json()
    assert data["municipalities"] == 2 and data["pathways"] == ["angst"]
    by_m = {item["municipality"]["code"]: item for item in data["items"]}
    assert set(by_m) == {"4601", "4624"}
    assert by_m["4601"]["findings"] == []
    assert by_m["4624"]["counts"]["problem"] == 1
    assert by_m["4624"]["findings"][0]["code"] == "link_to_hidden_service"
    assert data["totals"]["problem"] == 1
    # The region sees all three municipalities; Haugesund has no BUP unit.
    region_view = client.get("/v1/localities/helse-vest/findings").json()
    codes = {i["municipality"]["code"]: i for i in region_view["items"]}
    assert set(codes) == {"1106", "4601", "4624"}
    assert codes["1106"]["findings"][0]["code"] == "link_to_service_without_unit"
    # The overview agrees with the single maps.
    for code, item in codes.items():
        assert item["findings"] == client.get(map_url(code)).json()["findings"]


def _count_queries(fn):
    seen = []

    def before(*args, **kwargs):
        seen.append(1)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(seen)


def test_reads_take_a_bounded_number_of_queries(client, region, auth, session, world):
    from app.texts.read_cache import wait_until_live

    assert wait_until_live()
    client.get(map_url("1106"))  # the process now holds the locality tree (read once)
    small = _count_queries(lambda: client.get(map_url("4601")))
    small_overview = _count_queries(lambda: client.get("/v1/localities/helse-vest/findings"))
    for st in ("helsestasjon", "fastlege", "bup"):
        put(
            client,
            auth("editor", "4601"),
            "4601",
            st,
            mode="append",
            refers=[link("helsestasjon" if st != "helsestasjon" else "bup")],
        )
        texts(session, world, "4624", st, mode="append")
    assert _count_queries(lambda: client.get(map_url("4601"))) == small
    assert (
        _count_queries(lambda: client.get("/v1/localities/helse-vest/findings")) == small_overview
    )


def test_overview_filters_by_severity_and_pages(client, region, session, world):
    texts(session, world, "4624", "bup", mode="hide")
    url = "/v1/localities/helse-vest/findings"
    whole = client.get(url).json()
    assert whole["next_cursor"] is None
    keys = [(i["municipality"]["code"], i["pathway"]["slug"]) for i in whole["items"]]
    assert keys == sorted(keys) and len(keys) == 3
    # Paging one at a time walks every item once, in order, with the same totals.
    seen, cursor = [], None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get(url, params=params).json()
        assert page["totals"] == whole["totals"] and len(page["items"]) <= 1
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole["items"]
    problems = client.get(url, params={"severity": "problem"}).json()
    assert [i["municipality"]["code"] for i in problems["items"]] == ["4624"]
    assert {f["severity"] for f in problems["items"][0]["findings"]} == {"problem"}
    assert problems["totals"] == whole["totals"], "totals count everything"
    both = client.get(url, params=[("severity", "problem"), ("severity", "warning")]).json()
    for item in both["items"]:
        assert item["findings"] and {f["severity"] for f in item["findings"]} <= {
            "problem",
            "warning",
        }
    expected = sum(1 for i in whole["items"] if any(f["severity"] != "info" for f in i["findings"]))
    assert len(both["items"]) == expected
    for bad in ({"severity": "fatal"}, {"cursor": "not-a-cursor"}, {"limit": 0},
                {"cursor": "eyJrIjoxfQ"}):  # fmt: skip
        r = client.get(url, params=bad)
        assert r.status_code == 422, bad
        assert r.headers["content-type"] == "application/problem+json"
