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
