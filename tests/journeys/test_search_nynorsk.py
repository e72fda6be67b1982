"""Journey: a user in Solund searches for "henvisning" in nynorsk.

Solund's editor has written the municipality's own routine for referrals, in nynorsk.
A professional in Solund (4636) searches for "henvisning" with nynorsk texts and finds the
sections that say "tilvising" and "tilvist" — as Solund sees them: Solund's own override,
not Bergen's, and nothing of the municipal psychologist, whom Solund hides in the anxiety
pathway. A colleague in Bergen searching the same word sees Bergen's texts instead.
"""

import pytest
from fastapi.testclient import TestClient

from app.core.db import open_session
from app.demo.seed import seed_demo
from app.search import index
from tests import contents

pytestmark = pytest.mark.db_content("search-journey")

SLOT = "/v1/localities/4636/pathways/angst/texts/helsestasjon/referral"
SOLUND_TEXT = (
    "**I Solund:** Helsesjukepleiaren sender tilvising til BUP Førde på det elektroniske "
    "skjemaet og ringer familien same veke."
)


@contents.seeder("search-journey")
def _seed() -> dict[str, int]:
    index.install()
    with open_session(write=True) as s:
        return seed_demo(s)


@pytest.fixture(autouse=True)
def _index_kept() -> None:
    index.install()


def _search(client: TestClient, code: str, q: str, **params: str) -> list[dict]:
    r = client.get(f"/v1/localities/{code}/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _slot(hit: dict) -> tuple[str, str, str]:
    return (hit["pathway"]["slug"], hit["service_type"]["code"], hit["section"]["key"])


def test_a_user_in_solund_searches_for_henvisning_in_nynorsk(client: TestClient, auth) -> None:
    # Solund's editor writes the municipality's own routine, in nynorsk.
    r = client.put(
        SLOT,
        json={"mode": "append", "text": SOLUND_TEXT, "lang": "nn", "status": "published"},
        headers={**auth("editor", "4636"), "If-None-Match": "*"},
    )
    assert r.status_code == 201, r.text
    etag = r.headers["etag"]

    # A professional in Solund searches for the bokmål word, reading nynorsk.
    hits = [h for h in _search(client, "4636", "henvisning", lang="nn", limit="50")
            if h["kind"] == "section"]  # fmt: skip
    assert len(hits) >= 5
    slots = [_slot(h) for h in hits]

    # She finds the anxiety pathway's referral sections that say tilvising/tilvist, in nynorsk.
    for expected in [("angst", "fastlege", "referral"), ("angst", "helsestasjon", "referral")]:
        assert expected in slots
    fastlege = hits[slots.index(("angst", "fastlege", "referral"))]
    assert fastlege["lang"] == "nn"
    assert "<mark>tilviser</mark>" in fastlege["snippet"]
    assert fastlege["section"]["label"] == "Vidare tilvising"

    # The health station's section is as Solund sees it: the region's text and Solund's own.
    own = hits[slots.index(("angst", "helsestasjon", "referral"))]
    assert [layer["locality"] for layer in own["layers"]] == ["helse-vest", "4636"]
    assert own["origin"] == "mixed"
    assert "Solund" in _search(client, "4636", "tilvising Førde", lang="nn")[0]["snippet"]

    # Nothing from Bergen's or its health community's layers, nothing Solund hides.
    assert all(
        layer["locality"] in {"helse-vest", "sogn-og-fjordane", "4636"}
        for h in hits
        for layer in h["layers"]
    )
    assert ("angst", "kommunepsykolog", "referral") not in slots
    assert _search(client, "4636", "familiesenteret Bergenhus", lang="nn") == []

    # Every snippet is safe HTML: only <mark> is markup.
    for h in hits:
        assert h["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0

    # A colleague in Bergen searching the same word sees Bergen's own routine instead.
    bergen = [h for h in _search(client, "4601", "henvisning", lang="nb", limit="50")
              if h["kind"] == "section"]  # fmt: skip
    station = next(h for h in bergen if _slot(h) == ("angst", "helsestasjon", "referral"))
    assert [layer["locality"] for layer in station["layers"]] == ["helse-vest", "4601"]
    assert ("angst", "kommunepsykolog", "referral") in [_slot(h) for h in bergen]

    # When Solund's editor calls the routine off, Solund's search forgets it at once.
    r = client.delete(
        SLOT, params={"lang": "nn"}, headers={**auth("editor", "4636"), "If-Match": etag}
    )
    assert r.status_code == 204, r.text
    assert _search(client, "4636", "Solund tilvising Førde", lang="nn") == []
