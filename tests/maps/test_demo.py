"""The demo maps: links for all seven pathways, Bergen's re-routing, Solund's bottleneck, cases."""

from app.demo.maps import REGIONAL, seed_maps_demo
from app.demo.seed import seed_demo
from tests.maps.helpers import map_url


def test_nothing_happens_without_the_demo_data(session):
    assert seed_maps_demo(session) == {"links": 0, "local_links": 0, "cases": 0}


def test_demo_maps(client, session):
    seed_demo(session)
    first = seed_maps_demo(session)
    assert first["links"] == sum(len(spec) for spec in REGIONAL.values())
    assert first["local_links"] == 3 and first["cases"] == 6
    assert seed_maps_demo(session) == {"links": 0, "local_links": 0, "cases": 0}
    for slug in REGIONAL:
        view = client.get(map_url("helse-vest", slug)).json()
        codes = {f["code"] for f in view["findings"]}
        assert view["entry_points"], slug
        assert not codes & {
            "no_entry_point",
            "unreachable_service",
            "cycle",
            "municipal_dead_end",
        }, (
            slug,
            view["findings"],
        )
    solund = client.get(map_url("4636")).json()
    hidden = [f for f in solund["findings"] if f["code"] == "link_to_hidden_service"]
    assert {(f["service_type"], f["target"]) for f in hidden} == {
        ("helsestasjon", "kommunepsykolog"),
        ("psykisk-helse-kommune", "kommunepsykolog"),
    }
    bergen = client.get(map_url("4601")).json()
    assert [(e["source"], e["target"]) for e in bergen["removed_edges"]] == [
        ("helsestasjon", "kommunepsykolog")
    ]
    assert any(e["origin"] == "local" for e in bergen["edges"])
    cycle = client.get(map_url("4624")).json()
    assert [f["code"] for f in cycle["findings"]].count("cycle") == 1
    cases = client.get("/v1/cases?limit=10").json()["items"]
    assert len(cases) == 6 and {c["status"] for c in cases} == {"published"}
    walk = client.get(f"/v1/localities/4636/cases/{cases[0]['id']}/walk").json()
    assert walk["steps"][0]["service_type"]["code"] == "skole"
    overview = client.get("/v1/localities/sogn-og-fjordane/findings").json()
    assert overview["totals"]["problem"] >= 2
