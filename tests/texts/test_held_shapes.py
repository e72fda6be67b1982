"""The held tree, owners and adoptions answer as the queries do, before and after the tree
and the adoptions change."""

import pytest

from app.adoptions import queries as adoption_queries
from app.core.errors import NotFound
from app.localities import lookups
from app.texts import held_shapes
from app.texts.read_cache import wait_until_live
from tests.adoptions.test_regions import adopt


def _same_as_the_queries(session, codes: list[str]) -> None:
    for code in codes:
        chain = lookups.chain_or_404(session, code)
        assert held_shapes.locality_chain(session, code) == chain, code
        assert held_shapes.layers_in_use(session, chain) == adoption_queries.layers_by_pathway(
            session, chain
        ), code


def test_held_shapes_follow_new_regions_and_adoptions(client, session, world, auth):
    assert wait_until_live()
    codes = ["helse-vest", "4601", "4624", "1106"]
    _same_as_the_queries(session, codes)  # held from here on
    with pytest.raises(NotFound):
        held_shapes.locality_chain(session, "9901")
    admin = auth("admin")
    for code, kind, parent in [
        ("helse-nordvik", "region", None),
        ("fjordbyen", "health_community", "helse-nordvik"),
        ("9901", "municipality", "fjordbyen"),
    ]:
        body = {"code": code, "name": code.title(), "kind": kind, "parent": parent}
        assert client.post("/v1/localities", json=body, headers=admin).status_code == 201
    _same_as_the_queries(session, [*codes, "9901", "fjordbyen"])
    chain = lookups.chain_or_404(session, "9901")
    with pytest.raises(NotFound):
        held_shapes.pathway_layers(session, world.pathway.id, "angst", chain)
    assert adopt(client, auth("editor", "helse-nordvik")).status_code == 201
    _same_as_the_queries(session, [*codes, "9901", "fjordbyen"])
    layers = held_shapes.pathway_layers(session, world.pathway.id, "angst", chain)
    assert [loc.code for loc in layers] == ["helse-vest", "helse-nordvik", "fjordbyen", "9901"]


def _view_lookups_same_as_the_queries(session, slug: str, codes: list[str]) -> None:
    from app.catalog.lookups import pathway_service_types, units_for
    from app.pathways.lookups import pathway_or_404

    pathway = pathway_or_404(session, slug, preview=True)
    assert held_shapes.pathway_for_view(session, slug, preview=True) == pathway
    assert held_shapes.pathway_types(session, pathway.id) == pathway_service_types(
        session, pathway.id
    )
    for code in codes:
        chain = lookups.chain_or_404(session, code)
        assert held_shapes.units_at(session, chain) == units_for(session, chain), code


def test_held_view_lookups_follow_pathway_and_unit_writes(client, session, world, auth):
    assert wait_until_live()
    codes = ["4601", "4624", "1106"]
    _view_lookups_same_as_the_queries(session, "angst", codes)  # held from here on
    admin = auth("admin")
    etag = client.get("/v1/pathways/angst").headers["etag"]
    change = {"service_types": ["bup", "helsestasjon"], "title": "Angst og uro"}
    r = client.patch("/v1/pathways/angst", json=change, headers={**admin, "If-Match": etag})
    assert r.status_code == 200, r.text
    _view_lookups_same_as_the_queries(session, "angst", codes)
    assert held_shapes.pathway_for_view(session, "angst", preview=False).title == "Angst og uro"
    unit = {"service_type": "bup", "name": "BUP Danmarksplass"}
    r = client.post("/v1/localities/4601/services", json=unit, headers=auth("editor", "4601"))
    assert r.status_code == 201, r.text
    _view_lookups_same_as_the_queries(session, "angst", codes)
    view = client.get("/v1/localities/4601/pathways/angst").json()
    assert view["pathway"]["title"] == "Angst og uro"
    assert [s["service_type"]["code"] for s in view["services"]] == ["bup", "helsestasjon"]
    bup = next(s for s in view["services"] if s["service_type"]["code"] == "bup")
    assert "BUP Danmarksplass" in [u["name"] for u in bup["units"]]
    with pytest.raises(NotFound):
        held_shapes.pathway_for_view(session, "ingen-slik", preview=True)
