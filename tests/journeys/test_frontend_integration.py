"""Journey 5, steps 2 and 3 as they work today: an intranet embeds Bergen's pathway and its
referral map picture; an integration script keeps a copy of the service map in sync with
ETags and the changes feed. (Typed clients and webhooks are other tests' journeys.)"""

import re
import shutil

import pytest

from tests.journeys.conftest import DEMO, feed_after, feed_head, slot_url

pytestmark = pytest.mark.db_content(DEMO)


def test_an_intranet_embeds_the_pathway_and_its_map(client, person):
    # 2. The embed: script-free HTML with Bergen's own routine in it, cacheable by ETag.
    askoy_embed = client.get("/v1/localities/4627/pathways/angst/embed")
    r = client.get("/v1/localities/4601/pathways/angst/embed")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<script" not in page.lower() and not re.search(r"\son\w+\s*=", page)
    assert "Familiesenteret i Bergenhus" in page  # Bergen's append to the referral text
    assert "Videre henvisning" in page
    again = client.get(
        "/v1/localities/4601/pathways/angst/embed", headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304
    # Bergen's editor adds to the health station's referral: Bergen's intranet sees it at
    # its next revalidation; Askøy's embed has not changed.
    kari = person("Kari", "editor", "4601")
    added = "Ring familiekoordinatoren i bydelen før tilvisning."
    slot = slot_url("4601", "angst", "helsestasjon", "referral")
    current = client.get(slot, params={"lang": "nb"}, headers=kari.headers)  # what she edits
    assert current.status_code == 200, current.text
    w = client.put(
        slot,
        json={"mode": "append", "text": added, "lang": "nb", "status": "published"},
        headers=kari.with_headers(If_Match=current.headers["etag"]),
    )
    assert w.status_code == 200, w.text
    fresh = client.get(
        "/v1/localities/4601/pathways/angst/embed", headers={"If-None-Match": r.headers["etag"]}
    )
    assert fresh.status_code == 200 and added in fresh.text
    unchanged = client.get(
        "/v1/localities/4627/pathways/angst/embed",
        headers={"If-None-Match": askoy_embed.headers["etag"]},
    )
    assert unchanged.status_code == 304
    # Nynorsk for a nynorsk intranet: the labels follow.
    assert (
        "Vidare tilvising"
        in client.get("/v1/localities/4601/pathways/angst/embed", params={"lang": "nn"}).text
    )
    # The referral map as a picture.
    r = client.get("/v1/localities/4601/pathways/angst/map", params={"format": "svg"})
    if shutil.which("dot") is None:  # Graphviz is optional on a server: a clear 503
        assert r.status_code == 503
        assert r.headers["content-type"].startswith("application/problem+json")
        return
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("image/svg+xml")
    svg = r.text
    assert "<svg" in svg and "<script" not in svg.lower()
    assert "Helsestasjon" in svg
    assert (
        client.get(
            "/v1/localities/4601/pathways/angst/map",
            params={"format": "svg"},
            headers={"If-None-Match": r.headers["etag"]},
        ).status_code
        == 304
    )


def test_a_script_keeps_the_service_map_in_sync(client, person):
    kari = person("Kari", "editor", "4601")
    astrid = person("Astrid", "editor", "4627")
    url = "/v1/localities/4601/service-map"
    # The script's first copy, and where it starts following the feed.
    first = client.get(url)
    assert first.status_code == 200
    tag = first.headers["etag"]
    seq = feed_head(client)
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

    # A change elsewhere (Askøy) is not Bergen's: the feed for 4601 is quiet, the copy holds.
    r = client.put(
        slot_url("4627", "angst", "skole", "role"),
        json={
            "mode": "append",
            "text": "Askøy-skolene har miljøterapeut.",
            "lang": "nb",
            "status": "published",
        },
        headers=astrid.with_headers(If_None_Match="*"),
    )
    assert r.status_code == 201, r.text
    assert feed_after(client, seq, locality="4601") == []
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

    # Bergen's editor changes the school's role: the feed says so, the copy is refetched.
    new_text = "Bergen-skolene har en fast kontakt i skolehelsetjenesten."
    r = client.put(
        slot_url("4601", "angst", "skole", "role"),
        json={"mode": "append", "text": new_text, "lang": "nb", "status": "published"},
        headers=kari.with_headers(If_None_Match="*"),
    )
    assert r.status_code == 201, r.text
    changes = feed_after(client, seq, locality="4601")
    assert [(c["entity"], c["action"], c["locality"], c["pathway"]) for c in changes] == [
        ("text", "upsert", "4601", "angst")
    ]
    fresh = client.get(url, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and fresh.headers["etag"] != tag
    assert new_text in fresh.text and new_text not in first.text
    # The script stores the newest seq and its new tag: asking again, nothing is new.
    assert feed_after(client, changes[-1]["seq"], locality="4601") == []
    assert client.get(url, headers={"If-None-Match": fresh.headers["etag"]}).status_code == 304
