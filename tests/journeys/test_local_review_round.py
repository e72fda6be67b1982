"""Journey 2: a health community runs a local review round (lokal revisjon), on the demo data.

Hanne, editor for Helsefellesskapet Bergen, opens a round for the anxiety pathway. Bergen
and Askøy each download their workbook, fill in lights, reasons, new texts and what the
service must work on, and upload it. The matrix shows it all; the editors decide the
proposals, one of them after its target changed; a second download shows the answers.
"""

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from tests.journeys.conftest import DEMO, slot_url

pytestmark = pytest.mark.db_content(DEMO)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROPOSALS = "/v1/change-proposals"


def angst_sheet(wb):
    """The sheet of the anxiety pathway, found through the workbook's hidden map."""
    for row in wb["forlop"].iter_rows(values_only=True):
        if row[0] == "sheet" and row[2] == "angst":
            return wb[row[1]]
    raise AssertionError("no sheet for angst")


def rows_by_key(ws):
    return {(r[9].value, r[10].value): r for r in ws.iter_rows(min_row=2)}


def download(client, who, rid, code):
    r = client.get(
        f"/v1/review-rounds/{rid}/workbook", params={"municipality": code}, headers=who.headers
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX
    return load_workbook(io.BytesIO(r.content))


def saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, who, rid, data: bytes):
    files = {"file": ("revisjon.xlsx", data, XLSX)}
    r = client.post(f"/v1/review-rounds/{rid}/workbook", files=files, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_health_community_reviews_a_pathway(client, person):
    hanne = person("Hanne", "editor", "bergen")
    bergen_nurse = person("Sofie", "contributor", "4601")
    askoy_nurse = person("Per", "contributor", "4627")
    lars = person("Lars", "editor", "4601")
    astrid = person("Astrid", "editor", "4627")

    # 1. Hanne opens a round for the anxiety pathway.
    now = datetime.now(UTC)
    r = client.post(
        "/v1/localities/bergen/review-rounds",
        json={
            "title": "Lokal revisjon angst",
            "pathways": ["angst"],
            "opens_at": (now - timedelta(hours=1)).isoformat(),
            "closes_at": (now + timedelta(days=30)).isoformat(),
        },
        headers=hanne.headers,
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]

    # 2. Bergen fills in its workbook: the texts read as text, with what they are based on.
    wb = download(client, bergen_nurse, rid, "4601")
    ws = angst_sheet(wb)
    rows = rows_by_key(ws)
    referral = rows[("helsestasjon", "referral")]  # the demo's Bergen append
    assert "**" not in referral[2].value and "I Bergen:" in referral[2].value
    assert referral[3].value.endswith(f"r{referral[11].value})")
    role = rows[("helsestasjon", "role")]
    role[4].value, role[7].value = "gul", "Vi når ikke ungdom som ikke kommer på helsestasjonen."
    role[8].value = "Drop-in for ungdom."
    measures = rows[("skole", "measures")]
    measures[4].value, measures[5].value = "rød", "tillegg"
    measures[6].value = "I Bergen har skolene en fast kontaktperson for elever med angst."
    measures[7].value, measures[8].value = "Mangler i dag.", "Utpeke kontaktpersoner."
    bad = rows[("fastlege", "role")]
    bad[4].value = "lilla"
    data = saved(wb)
    report = upload(client, bergen_nurse, rid, data)
    assert (report["rows_read"], report["rows_taken"], report["rows_rejected"]) == (3, 2, 1)
    assert report["rejected_rows"] == [
        {
            "sheet": ws.title,
            "row": bad[0].row,
            "errors": ["Trafikklys must be grønn, gul or rød, not 'lilla'."],
        }
    ]
    bergen_proposal = next(r["proposal"] for r in report["rows"] if r["proposal"])
    # A second upload of the same workbook changes nothing.
    again = upload(client, bergen_nurse, rid, data)
    assert (again["rows_taken"], again["rows_already_taken"], again["proposals_created"]) == (
        0,
        2,
        0,
    )

    # Askøy proposes a new text for its own layer of the assessment at the health clinic.
    wb = download(client, askoy_nurse, rid, "4627")
    rows = rows_by_key(angst_sheet(wb))
    assessment = rows[("helsestasjon", "assessment")]
    assessment[4].value, assessment[5].value = "gul", "tillegg"
    assessment[6].value = "I Askøy kartlegger helsesykepleier sammen med skolen."
    assessment[7].value = "Samarbeidet med skolen står ikke i teksten."
    report = upload(client, askoy_nurse, rid, saved(wb))
    assert report["rows_taken"] == 1 and report["rejected_rows"] == []
    askoy_proposal = report["rows"][0]["proposal"]

    # 3. The matrix shows every light, note and proposal.
    matrix = client.get(f"/v1/review-rounds/{rid}/matrix", headers=hanne.headers).json()
    cells = {
        (row["service_type"], cell["municipality"]): cell
        for row in matrix["rows"]
        for cell in row["cells"]
    }
    health = cells[("helsestasjon", "4601")]
    assert health["traffic_light"] == "yellow"
    assert health["note"] == (
        "Rolle – begrunnelse: Vi når ikke ungdom som ikke kommer på helsestasjonen.\n"
        "Rolle – må jobbes med: Drop-in for ungdom."
    )
    school = cells[("skole", "4601")]
    assert school["traffic_light"] == "red" and school["open_proposals"] == 1
    assert school["note"] == "Tiltak – må jobbes med: Utpeke kontaktpersoner."
    assert cells[("helsestasjon", "4627")]["open_proposals"] == 1
    assert cells[("fastlege", "4601")]["traffic_light"] is None  # the rejected row

    # 4. Editors decide: Bergen's editor accepts Bergen's proposal…
    r = client.post(
        f"{PROPOSALS}/{bergen_proposal}/accept", json={"note": "Godkjent."}, headers=lars.headers
    )
    assert r.status_code == 200, r.text
    view = client.get("/v1/localities/4601/pathways/angst").json()
    school_view = next(s for s in view["services"] if s["service_type"]["code"] == "skole")
    shown = next(sec for sec in school_view["sections"] if sec["key"] == "measures")
    assert shown["text"].endswith(measures[6].value) and shown["origin"] == "mixed"
    # …while Askøy's target changed meanwhile: the accept comes back with both texts.
    url = slot_url("4627", "angst", "helsestasjon", "assessment")
    r = client.put(
        url,
        json={
            "mode": "append",
            "text": "Askøy: ring helsestasjonen først.",
            "lang": "nb",
            "status": "published",
        },
        headers=astrid.with_headers(If_None_Match="*"),
    )
    assert r.status_code == 201, r.text
    r = client.post(f"{PROPOSALS}/{askoy_proposal}/accept", json={}, headers=astrid.headers)
    assert r.status_code == 409
    assert r.json()["current"]["text"] == "Askøy: ring helsestasjonen først."
    assert r.json()["proposed"]["text"] == assessment[6].value
    merged = "Askøy: ring helsestasjonen først. " + assessment[6].value
    r = client.post(
        f"{PROPOSALS}/{askoy_proposal}/accept", json={"text": merged}, headers=astrid.headers
    )
    assert r.status_code == 200, r.text

    # 5. Downloading the workbook again shows what was already answered.
    wb = download(client, bergen_nurse, rid, "4601")
    rows = rows_by_key(angst_sheet(wb))
    role, measures_again = rows[("helsestasjon", "role")], rows[("skole", "measures")]
    assert [c.value for c in role[4:9]] == [
        "gul",
        None,
        None,
        "Vi når ikke ungdom som ikke kommer på helsestasjonen.",
        "Drop-in for ungdom.",
    ]
    assert [c.value for c in measures_again[4:9]] == [
        "rød",
        "tillegg",
        measures[6].value,
        "Mangler i dag.",
        "Utpeke kontaktpersoner.",
    ]
    # The accepted text now shows in the text column, and the row is based on it.
    assert measures[6].value in measures_again[2].value
    assert measures_again[3].value.endswith(f"r{measures_again[11].value})")
