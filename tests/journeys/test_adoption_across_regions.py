"""Journey: a pathway adopted across regions improves for everyone (issue 17).

Helse Vest's demo data, and Helse Nordvik (fictitious) beside it. Helse Nordvik's
editor adopts Helse Vest's anxiety pathway; Fjordby (9901) adapts the health clinic's
assessment locally; Ola, a nurse in Fjordby, proposes a better base text to Helse Vest;
Helse Nordvik's editor cannot decide it, Helse Vest's regional editor accepts it. Fjordby
sees the improvement at once, its local text is now stale and its editor sees what
changed; an integration script following Fjordby's feed learned of every step.
"""

import pytest

from tests.journeys.conftest import DEMO, feed_after, feed_head, merged_section, slot_url
from tests.regions import add_nordvik

pytestmark = pytest.mark.db_content(DEMO)

SLOT = ("angst", "helsestasjon", "assessment")
LOCAL = "I Fjordby: ring helsestasjonen på 12 34 56 78 for time samme uke."
NEW_BASE = (
    "Helsesykepleier kartlegger angst med en **strukturert samtale** med barnet og "
    "foreldrene, og bruker RCADS ved behov."
)


def test_an_adopted_pathway_improves_in_both_regions(client, session, person):
    add_nordvik(session)
    nina = person("Nina", "editor", "helse-nordvik")
    frida = person("Frida", "editor", "9901")
    ola = person("Ola", "contributor", "9901")
    randi = person("Randi", "editor", "helse-vest")
    seq = feed_head(client)

    # 1. Before adoption Fjordby has no anxiety pathway; Nina adopts Helse Vest's.
    assert client.get("/v1/localities/9901/pathways/angst").status_code == 404
    r = client.post(
        "/v1/localities/helse-nordvik/adoptions", json={"pathway": "angst"}, headers=nina.headers
    )
    assert r.status_code == 201, r.text
    base = merged_section(client, "9901", *SLOT)
    owners = merged_section(client, "helse-vest", *SLOT)
    assert base is not None and owners is not None
    assert base["layers"][0]["locality"] == "helse-vest" and base["origin"] == "regional"
    assert base["text"] == owners["text"]

    # 2. Frida adds Fjordby's local routine after the shared text.
    fjordby_url = slot_url("9901", *SLOT)
    r = client.put(
        fjordby_url,
        json={"mode": "append", "text": LOCAL, "lang": "nb", "status": "published"},
        headers=frida.with_headers(If_None_Match="*"),
    )
    assert r.status_code == 201, r.text
    local_rev = r.json()["revision"]
    seen = merged_section(client, "9901", *SLOT)
    assert seen is not None and seen["origin"] == "mixed" and seen["text"].endswith(LOCAL)

    # 3. Ola proposes a better base text to Helse Vest's layer, up the adopted chain.
    proposal = {
        "locality": "helse-vest", "pathway": "angst", "service_type": "helsestasjon",
        "section": "assessment", "mode": "replace", "text": NEW_BASE,
        "rationale": "RCADS er i bruk i Fjordby og virker.",
        "service_work": "Opplæring i RCADS.", "traffic_light": "yellow",
    }  # fmt: skip
    r = client.post("/v1/change-proposals", json=proposal, headers=ola.headers)
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    assert r.json()["proposer_locality"] == "9901"

    # 4. Nina cannot decide Helse Vest's text; Randi sees it with where it came from.
    r = client.post(f"/v1/change-proposals/{pid}/accept", json={}, headers=nina.headers)
    assert r.status_code == 403
    open_for_slot = client.get(
        "/v1/change-proposals",
        params={"status": "submitted", "pathway": "angst", "service_type": "helsestasjon",
                "section": "assessment"},
        headers=randi.headers,
    ).json()["items"]  # fmt: skip
    assert [(p["id"], p["proposer_locality"]) for p in open_for_slot] == [(pid, "9901")]
    r = client.post(
        f"/v1/change-proposals/{pid}/accept",
        json={"note": "Takk, Fjordby!"},
        headers=randi.headers,
    )
    assert r.status_code == 200, r.text
    new_base_rev = r.json()["revision"]

    # 5. Both regions see the improvement at once; Fjordby keeps its local routine.
    fjordby = merged_section(client, "9901", *SLOT)
    assert fjordby is not None
    assert fjordby["text"] == NEW_BASE + "\n\n" + LOCAL
    assert [layer["locality"] for layer in fjordby["layers"]] == ["helse-vest", "9901"]
    assert merged_section(client, "4601", *SLOT)["text"].startswith(NEW_BASE)  # type: ignore[index]
    followed = client.get("/v1/change-proposals", params={"mine": "true"}, headers=ola.headers)
    assert [(p["status"], p["decision_note"]) for p in followed.json()["items"]] == [
        ("accepted", "Takk, Fjordby!")
    ]

    # 6. Fjordby's local text was written against the old base: it is stale, and Frida
    # sees what changed in Helse Vest's text before she confirms it still holds.
    assert fjordby["stale"] is True
    got = client.get(fjordby_url, headers=frida.headers)
    entry = got.json()
    assert entry["stale"] is True
    assert entry["inherited_change"]["to_revision"] == new_base_rev
    assert entry["inherited_change"]["to_text"] == NEW_BASE
    report = client.get("/v1/localities/helse-nordvik/divergence").json()
    layer = next(x for x in report["layers"] if x["locality"] == "9901")
    assert [s["revision"] for s in layer["stale"]] == [local_rev]
    r = client.post(
        f"{fjordby_url}/confirm", headers=frida.with_headers(If_Match=got.headers["etag"])
    )
    assert r.status_code == 200 and r.json()["stale"] is False

    # 7. A script following Fjordby's feed learned of each step, Helse Vest's too.
    changes = feed_after(client, seq, locality="9901")
    assert [(c["entity"], c["locality"]) for c in changes] == [
        ("pathway", "helse-nordvik"),  # the adoption
        ("text", "9901"),  # Frida's local routine
        ("text", "helse-vest"),  # the accepted base text
        ("text", "9901"),  # the confirmation
    ]
