"""Journey 1: a professional improves the shared text, bottom-up (journeys.md).

Sofie, public health nurse in Bergen (contributor for 4601), proposes a new regional text
for the assessment at the health clinic in the anxiety pathway. Bergen's editor cannot
decide it; the regional editor sees it beside Askøy's proposal for the same slot and
accepts it. Every municipality sees the new text; Askøy's override, written against the
old base text, is now stale, and its editor sees what changed before confirming it.
"""

import pytest

from tests.journeys.conftest import DEMO, feed_after, feed_head, merged_section, slot_url

pytestmark = pytest.mark.db_content(DEMO)

PROPOSALS = "/v1/change-proposals"
SLOT = ("angst", "helsestasjon", "assessment")
NEW_BASE = (
    "Helsesykepleier kartlegger angst med en **strukturert samtale** med barnet og "
    "foreldrene, og bruker RCADS ved behov. Barnet får alltid snakke alene."
)


def test_a_nurse_improves_the_regional_text(client, person):
    sofie = person("Sofie", "contributor", "4601")
    per = person("Per", "contributor", "4627")
    lars = person("Lars", "editor", "4601")
    hanne = person("Hanne", "editor", "bergen")
    randi = person("Randi", "editor", "helse-vest")
    astrid = person("Astrid", "editor", "4627")
    seq = feed_head(client)

    # Askøy adapted the slot earlier, against today's base text.
    askoy_url = slot_url("4627", *SLOT)
    r = client.put(
        askoy_url,
        json={
            "mode": "append",
            "text": "I Askøy gjør helsestasjonen dette i team.",
            "lang": "nb",
            "status": "published",
        },
        headers=astrid.with_headers(If_None_Match="*"),
    )
    assert r.status_code == 201, r.text
    askoy_based_on = r.json()["based_on"]  # the newest revision above it, in any language
    assert r.json()["stale"] is False

    # 1. Sofie reads the pathway as Bergen sees it: the assessment text is the region's.
    before = merged_section(client, "4601", *SLOT)
    assert before["origin"] == "regional" and before["layers"][0]["locality"] == "helse-vest"
    old_base, old_base_rev = before["text"], before["layers"][0]["revision"]

    # 2. She proposes a new regional text (target: the region's layer, not Bergen's).
    proposal = {
        "locality": "helse-vest",
        "pathway": "angst",
        "service_type": "helsestasjon",
        "section": "assessment",
        "mode": "replace",
        "text": NEW_BASE,
        "rationale": "Teksten nevner ikke samtalen med barnet alene.",
        "service_work": "Lære opp helsesykepleierne i RCADS.",
        "traffic_light": "yellow",
    }
    r = client.post(PROPOSALS, json=proposal, headers=sofie.headers)
    assert r.status_code == 201, r.text
    mine = r.json()
    assert mine["status"] == "submitted" and mine["locality"] == "helse-vest"
    assert mine["proposer_locality"] == "4601" and mine["based_on"] == old_base_rev
    # Never sideways: Askøy's layer is not on her chain, and nothing is stored.
    r = client.post(PROPOSALS, json={**proposal, "locality": "4627"}, headers=sofie.headers)
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    # Askøy's nurse proposes for the same slot.
    r = client.post(
        PROPOSALS, json={**proposal, "text": "Askøys forslag til kartlegging."}, headers=per.headers
    )
    assert r.status_code == 201
    askoy_proposal = r.json()["id"]

    # 3. Bergen's editor (and the health community's) cannot decide it: not their layer.
    for editor in (lars, hanne):
        r = client.post(f"{PROPOSALS}/{mine['id']}/accept", json={}, headers=editor.headers)
        assert r.status_code == 403, r.text
    # …though Bergen's editor can follow what his municipality sent up.
    seen = client.get(PROPOSALS, params={"status": "submitted"}, headers=lars.headers).json()
    assert mine["id"] in [p["id"] for p in seen["items"]]
    assert askoy_proposal not in [p["id"] for p in seen["items"]]
    # The regional editor sees the open proposals for that slot, with where they come from.
    open_for_slot = client.get(
        PROPOSALS,
        params={
            "status": "submitted",
            "pathway": "angst",
            "service_type": "helsestasjon",
            "section": "assessment",
        },
        headers=randi.headers,
    ).json()["items"]
    assert [(p["id"], p["proposer_locality"]) for p in open_for_slot] == [
        (mine["id"], "4601"),
        (askoy_proposal, "4627"),
    ]
    r = client.post(
        f"{PROPOSALS}/{mine['id']}/accept",
        json={"note": "Godkjent i fagrådet for helsestasjon."},
        headers=randi.headers,
    )
    assert r.status_code == 200, r.text
    new_base_rev = r.json()["revision"]

    # 4. Every municipality's merged view shows the new text at once.
    for code in ("4601", "4624", "1106", "4636"):
        assert merged_section(client, code, *SLOT)["text"] == NEW_BASE
    # Sofie sees her proposal accepted, with the decision note.
    followed = client.get(PROPOSALS, params={"mine": "true"}, headers=sofie.headers).json()
    assert [(p["id"], p["status"], p["decision_note"]) for p in followed["items"]] == [
        (mine["id"], "accepted", "Godkjent i fagrådet for helsestasjon.")
    ]
    # Askøy's proposal was written against the old base: accepting it now shows both texts.
    r = client.post(f"{PROPOSALS}/{askoy_proposal}/accept", json={}, headers=randi.headers)
    assert r.status_code == 409
    assert r.json()["current"]["text"] == NEW_BASE
    assert r.json()["proposed"]["text"] == "Askøys forslag til kartlegging."

    # 5. Askøy's override is now stale; its editor sees what changed in the base.
    got = client.get(askoy_url, headers=astrid.headers)
    entry = got.json()
    assert entry["stale"] is True
    change = entry["inherited_change"]
    assert (change["from_revision"], change["to_revision"]) == (askoy_based_on, new_base_rev)
    assert change["from_text"] == old_base and change["to_text"] == NEW_BASE
    assert "<ins>" in change["html"] and "RCADS" in change["html"]
    ops = change["ops"]
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == old_base
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == NEW_BASE
    divergence = client.get("/v1/localities/4627/divergence").json()
    askoy = next(layer for layer in divergence["layers"] if layer["locality"] == "4627")
    assert [s["inherited_change"]["html"] for s in askoy["stale"]] == [change["html"]]
    # The same comparison of the two base revisions, asked for directly.
    compared = client.get(
        f"{askoy_url}/revisions/compare", params={"from": old_base_rev, "to": new_base_rev}
    ).json()
    assert compared["changed"] is True and compared["html"] == change["html"]
    # She confirms the override still holds.
    r = client.post(
        f"{askoy_url}/confirm", headers=astrid.with_headers(If_Match=got.headers["etag"])
    )
    assert r.status_code == 200 and r.json()["stale"] is False
    assert r.json()["based_on"] == new_base_rev

    # 6. A script following the feed learned of each step that changed published content.
    changes = feed_after(client, seq)
    assert [(c["entity"], c["locality"]) for c in changes] == [
        ("text", "4627"),  # Askøy's override
        ("text", "helse-vest"),  # the accepted base text
        ("text", "4627"),  # the confirmation
    ]
    assert all(c["id"].startswith("angst/helsestasjon/assessment/nb") for c in changes)
