"""The JSON service map assembled from held per-pathway parts: the very bytes of the whole
build, after a write only the written pathway is merged again, and localities whose layers
hold the same text of a pathway share its part."""

import pytest
from sqlmodel import Session

from app.exports import content, map_parts, service_map
from app.models import Pathway, PathwayServiceType
from app.texts.read_cache import get_cache, wait_until_live
from tests.adoptions.test_regions import adopt
from tests.exports.test_service_map import arrange
from tests.journeys.conftest import DEMO  # the demo content, seeded once for all
from tests.regions import add_nordvik


def _whole(session: Session, code: str, lang: str) -> bytes:
    return service_map.to_json(content.service_map(session, code=code, lang=lang))


def _assembled(session: Session, code: str, lang: str) -> bytes:
    return map_parts.service_map_json(session, code=code, lang=lang)[0]


@pytest.mark.db_content(DEMO)
def test_the_demo_maps_are_byte_for_byte_the_whole_build(session):
    assert wait_until_live()
    # Bergen, Solund, Stord, Stavanger, a health community and the region itself.
    for lang in ("nb", "nn"):
        for code in ("4601", "4636", "4615", "1103", "bergen", "helse-vest"):
            whole = _whole(session, code, lang)
            assert _assembled(session, code, lang) == whole, (code, lang)  # every part built
            assert _assembled(session, code, lang) == whole, (code, lang)  # every part held


def test_overrides_hides_units_and_adoptions_assemble_alike(client, session, world, auth):
    arrange(session, world)
    nordvik = add_nordvik(session)
    assert adopt(client, auth("editor", nordvik.region.code)).status_code == 201
    assert wait_until_live()
    _second_pathway(client, session, world, auth)
    for code in ("4601", "4624", "1106", "9901", "fjordbyen"):
        for lang in ("nb", "nn"):
            assert _assembled(session, code, lang) == _whole(session, code, lang), (code, lang)


def _second_pathway(client, session, world, auth) -> None:
    """Depresjon beside Angst, with a regional role for the health station."""
    pathway = Pathway(owner_id=world.region.id, slug="depresjon", title="Depresjon",
                      summary="", status="published")  # fmt: skip
    session.add(pathway)
    session.flush()
    helsestasjon = world.service_types["helsestasjon"].id
    session.add(PathwayServiceType(pathway_id=pathway.id, position=0, service_type_id=helsestasjon))
    session.commit()
    slot = "/v1/localities/helse-vest/pathways/depresjon/texts/helsestasjon/role"
    body = {"mode": "replace", "text": "Helsestasjonen fanger opp tegn på nedstemthet.",
            "lang": "nb", "status": "published"}  # fmt: skip
    r = client.put(slot, json=body, headers={**auth("editor", "helse-vest"), "If-None-Match": "*"})
    assert r.status_code == 201, r.text


def test_a_write_merges_only_the_written_pathway_again(client, world, session, auth, monkeypatch):
    arrange(session, world)
    _second_pathway(client, session, world, auth)
    assert wait_until_live()
    merged: list[str] = []
    real = map_parts.pathway_entries

    def counting(pathway, *args, **kwargs):  # type: ignore[no-untyped-def]
        merged.append(pathway.slug)
        return real(pathway, *args, **kwargs)

    monkeypatch.setattr(map_parts, "pathway_entries", counting)
    get_cache().entries.clear()
    first = client.get("/v1/localities/4601/service-map").json()
    assert sorted(merged) == ["angst", "depresjon"]
    assert {p["slug"] for s in first["services"] for p in s["pathways"]} == {"angst", "depresjon"}
    merged.clear()
    editor = auth("editor", "4601")
    slot = "/v1/localities/4601/pathways/angst/texts/helsestasjon/referral"
    body = {"mode": "append", "text": "Ring Årstad først.", "lang": "nb", "status": "published"}
    r = client.put(slot, json=body, headers={**editor, "If-None-Match": "*"})
    assert r.status_code in (200, 201), r.text
    after = client.get("/v1/localities/4601/service-map").json()
    assert merged == ["angst"]
    helsestasjon = next(s for s in after["services"] if s["service_type"]["code"] == "helsestasjon")
    assert "Ring Årstad først." in helsestasjon["pathways"][0]["referral"]["text"]
    merged.clear()
    # Another community's municipality: depresjon holds only the region's text, so its part
    # is the one Bergen's map holds; angst holds Bergen's and Bjørnafjorden's text as well,
    # so the part of the region's text alone is merged once …
    client.get("/v1/localities/1106/service-map")
    assert merged == ["angst"]
    merged.clear()
    # … and every other locality that only inherits both takes both parts as held.
    fonna = client.get("/v1/localities/fonna/service-map")
    assert fonna.status_code == 200 and merged == []
    assert fonna.content == _whole(session, "fonna", "nb")
