"""Every public read is held like the merged views: a repeat runs no query, a write
rebuilds what it changed, and only that (service maps, embeds, FHIR, maps)."""

import pytest

from app.texts.read_cache import wait_until_live
from tests.texts.test_views import put
from tests.texts.test_views_cache import statements_for

READS = [
    "/v1/localities/{code}/service-map",
    "/v1/localities/{code}/service-map?format=csv",
    "/v1/localities/{code}/service-map?format=hsds",
    "/v1/localities/{code}/service-map?format=fhir",
    "/v1/localities/{code}/pathways/angst/embed",
    "/v1/localities/{code}/pathways/angst/fhir",
    "/v1/localities/{code}/pathways/angst/map",
    "/v1/localities/{code}/pathways/angst/map?format=mermaid",
]


@pytest.mark.parametrize("read", READS)
def test_a_repeat_runs_no_query_and_answers_the_same(client, world, session, read):
    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    assert wait_until_live()
    url = read.format(code="4601")
    first, _ = statements_for(client, url)
    again, runs = statements_for(client, url)
    assert runs == 0
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    r = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert r.status_code == 304


@pytest.mark.parametrize("read", READS)
def test_a_municipal_write_rebuilds_there_and_nowhere_else(client, world, session, read):
    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    assert wait_until_live()
    here, there = read.format(code="4601"), read.format(code="1106")
    statements_for(client, here)
    before_there, _ = statements_for(client, there)
    put(session, world, world.m4601, section="referral", mode="append",
        text="Bergen: ring koordinatoren først.")  # fmt: skip
    after_here, runs_here = statements_for(client, here)
    assert runs_here > 0  # rebuilt; the reads that carry the referral text show the new one
    if "/embed" in read or read.endswith("/service-map") or read.endswith("/fhir"):
        assert "ring koordinatoren" in after_here.text
    after_there, runs_there = statements_for(client, there)
    assert runs_there == 0
    assert after_there.content == before_there.content


def test_a_new_unit_shows_in_its_service_map_at_once(client, world, session, auth):
    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    assert wait_until_live()
    url = "/v1/localities/4601/service-map"
    statements_for(client, url)
    unit = {"service_type": "fastlege", "name": "Legesenteret på Danmarksplass"}
    r = client.post("/v1/localities/4601/services", json=unit, headers=auth("editor", "4601"))
    assert r.status_code == 201, r.text
    after, runs = statements_for(client, url)
    assert runs > 0
    assert "Legesenteret på Danmarksplass" in after.text
    # Another community's map did not depend on it.
    statements_for(client, "/v1/localities/1106/service-map")
    assert statements_for(client, "/v1/localities/1106/service-map")[1] == 0


@pytest.mark.parametrize("coding", ["gzip", "br"])
@pytest.mark.parametrize(
    "read",
    ["/v1/localities/4601/service-map", "/v1/localities/4601/pathways/angst/embed",
     "/v1/localities/4601/pathways/angst/fhir", "/v1/localities/4601/service-map?format=csv"],
)  # fmt: skip
def test_exports_come_compressed_when_asked(client, world, session, read, coding):
    """A 2 MB service map over a municipal network: the held bytes in the client's coding,
    another representation with its own ETag, and 304 for that ETag."""
    import gzip

    import brotli

    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    assert wait_until_live()
    plain = client.get(read, headers={"Accept-Encoding": "identity"})
    raw = client.stream("GET", read, headers={"Accept-Encoding": coding})
    with raw as r:
        coded = b"".join(r.iter_raw())  # the bytes as sent, not decoded
        headers = r.headers
    assert headers["content-encoding"] == coding
    assert "Accept-Encoding" in headers["vary"]
    decoded = gzip.decompress(coded) if coding == "gzip" else brotli.decompress(coded)
    assert decoded == plain.content
    assert headers["etag"] != plain.headers["etag"] and headers["etag"].endswith(f'-{coding}"')
    again = client.get(read, headers={"Accept-Encoding": coding, "If-None-Match": headers["etag"]})
    assert again.status_code == 304


def test_an_excel_workbook_is_not_compressed_again(client, world, session):
    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    r = client.get(
        "/v1/localities/4601/service-map?format=xlsx", headers={"Accept-Encoding": "gzip"}
    )
    assert r.status_code == 200
    assert "content-encoding" not in r.headers
