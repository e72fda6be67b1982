"""The whole loop: export, fill in, upload, review, accept with a conflict resolved, see it."""

import io

from openpyxl import load_workbook

from tests.proposals.helpers import put_text
from tests.rounds.helpers import make_round
from tests.rounds.test_workbook import XLSX, rows_by_key

VIEW = "/v1/localities/4601/pathways/angst"


def _section(view: dict, service: str, key: str) -> dict:
    svc = next(s for s in view["services"] if s["service_type"]["code"] == service)
    return next(s for s in svc["sections"] if s["key"] == key)


def test_review_loop(client, world, auth):
    region = auth("editor", "helse-vest")
    put_text(client, region, "helse-vest", "Helsestasjonen fanger opp angst tidlig.")
    rnd = make_round(client, auth("editor", "bergen"))
    rid = rnd["id"]
    nurse = auth("contributor", "4601")

    # 1. The municipality exports its workbook and a person fills it in.
    r = client.get(
        f"/v1/review-rounds/{rid}/workbook", params={"municipality": "4601"}, headers=nurse
    )
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    row = rows_by_key(wb["Angst"])[("helsestasjon", "role")]
    assert row[2].value == "Helsestasjonen fanger opp angst tidlig."
    row[4].value = "gul"
    row[6].value = "Helsestasjonen i Bergen bruker samtaleverktøyet «Snakke sammen»."
    row[7].value = "Vi har innført et nytt verktøy."
    row[8].value = "Opplæring av nye ansatte."
    out = io.BytesIO()
    wb.save(out)

    # 2. Upload it.
    up = client.post(
        f"/v1/review-rounds/{rid}/workbook",
        files={"file": ("revisjon.xlsx", out.getvalue(), XLSX)},
        headers=nurse,
    )
    assert up.status_code == 200, up.text
    assert up.json()["created"] == 1 and up.json()["rejected_rows"] == []

    # 3. Reviewers see it, in the round and in the matrix.
    editor = auth("editor", "bergen")
    listed = client.get(
        "/v1/change-proposals", params={"round": rid, "status": "submitted"}, headers=editor
    )
    [proposal] = listed.json()["items"]
    assert proposal["locality"] == "4601" and proposal["traffic_light"] == "yellow"
    matrix = client.get(f"/v1/review-rounds/{rid}/matrix", headers=editor).json()
    cell = matrix["rows"][0]["cells"][0]
    assert (cell["municipality"], cell["traffic_light"], cell["open_proposals"]) == (
        "4601",
        "yellow",
        1,
    )

    # 4. Meanwhile the region changes the base text: accepting now is a conflict.
    put_text(client, region, "helse-vest", "Helsestasjonen fanger opp angst tidlig og følger opp.")
    pid = proposal["id"]
    conflict = client.post(f"/v1/change-proposals/{pid}/accept", json={}, headers=editor)
    assert conflict.status_code == 409
    assert (
        conflict.json()["current"]["text"]
        == "Helsestasjonen fanger opp angst tidlig og følger opp."
    )
    assert conflict.json()["proposed"]["text"] == proposal["text"]
    assert client.get(VIEW).status_code == 200
    before = _section(client.get(VIEW).json(), "helsestasjon", "role")
    assert before["origin"] == "regional"

    # 5. The reviewer resolves it and accepts.
    resolved = proposal["text"] + " Helsestasjonen følger opp."
    ok = client.post(
        f"/v1/change-proposals/{pid}/accept",
        json={"text": resolved, "note": "Slått sammen."},
        headers=editor,
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "accepted"

    # 6. The merged view changes.
    after = _section(client.get(VIEW).json(), "helsestasjon", "role")
    assert after["text"] == resolved and after["origin"] == "local"
    assert after["layers"][-1]["revision"] == ok.json()["revision"]
    matrix = client.get(f"/v1/review-rounds/{rid}/matrix", headers=editor).json()
    cell = matrix["rows"][0]["cells"][0]
    assert (cell["open_proposals"], cell["accepted_proposals"]) == (0, 1)
