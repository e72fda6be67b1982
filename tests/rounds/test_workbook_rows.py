"""Every rule a workbook row is checked by, and what the rows that pass become, each
through a real workbook exported, filled in as a person would, and uploaded."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from app.models import Assessment, ChangeProposal
from tests.proposals.helpers import counts, put_text
from tests.rounds.helpers import make_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def rid(client, world, auth):
    region = auth("editor", "helse-vest")
    put_text(client, region, "helse-vest", "Helsestasjonen:\n\n- ser **barnet**\n- ringer BUP")
    put_text(client, region, "helse-vest", "Regional kartlegging.", sec="assessment")
    put_text(client, auth("editor", "4601"), "4601", "Ring Årstad.", mode="append", sec="measures")
    return make_round(client, auth("editor", "bergen"))["id"]


def download(client, auth, rid, code="4601"):
    r = client.get(
        f"/v1/review-rounds/{rid}/workbook",
        params={"municipality": code},
        headers=auth("reader", code),
    )
    assert r.status_code == 200, r.text
    return load_workbook(io.BytesIO(r.content))


def rows_by_key(ws):
    return {(r[9].value, r[10].value): r for r in ws.iter_rows(min_row=2)}


LONG = "LANG-TEKST-HER"


def _long_cells(data: bytes) -> bytes:
    """Put a text longer than Excel's cell limit where `LONG` stands (openpyxl cuts what
    it writes to 32,767 characters; other programs write more)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/"):
                body = body.replace(LONG.encode(), b"x" * 100_001)
            dst.writestr(item, body)
    return out.getvalue()


def send(client, headers, rid, wb):
    out = io.BytesIO()
    wb.save(out)
    files = {"file": ("revisjon.xlsx", _long_cells(out.getvalue()), XLSX)}
    return client.post(f"/v1/review-rounds/{rid}/workbook", files=files, headers=headers)


# One row per rule of `_row_errors` (and the pathway check beside it): what the person
# did to the row, and the words the report must use for it.
RULES = {
    "added_row": "not one Forløp wrote",
    "unknown_service": "Unknown service type 'ukjent'",
    "unknown_section": "Unknown section 'kapittel'",
    "not_a_light": "Trafikklys must be grønn, gul or rød, not 'blå'",
    "not_a_change": "Type endring must be erstatt or tillegg, not 'bytt'",
    "edited_revision": "The hidden revision 'r12' was changed",
    "nothing_to_take": "neither a traffic light nor a proposed text",
    "too_long": "longer than 100,000 characters",
    "change_without_text": "Type endring is filled in but there is no proposed text",
}


def break_rows(ws) -> dict[str, int]:
    """Fill one row per rule, each wrong in exactly one way; returns rule → row number."""
    rows = rows_by_key(ws)
    at: dict[str, int] = {}

    def use(key, rule):
        row = rows[key]
        at[rule] = row[0].row
        return row

    ws.cell(row=ws.max_row + 2, column=7, value="En rad jeg la til selv.")
    at["added_row"] = ws.max_row
    r = use(("helsestasjon", "role"), "unknown_service")
    r[9].value, r[6].value = "ukjent", "Ny tekst."
    r = use(("helsestasjon", "assessment"), "unknown_section")
    r[10].value, r[6].value = "kapittel", "Ny tekst."
    use(("helsestasjon", "measures"), "not_a_light")[4].value = "blå"
    r = use(("helsestasjon", "evaluation"), "not_a_change")
    r[5].value, r[6].value = "bytt", "Ny tekst."
    r = use(("helsestasjon", "collaboration"), "edited_revision")
    r[11].value, r[6].value = "r12", "Ny tekst."
    use(("helsestasjon", "referral"), "nothing_to_take")[7].value = "Bare en begrunnelse."
    use(("fastlege", "role"), "too_long")[6].value = LONG
    r = use(("fastlege", "assessment"), "change_without_text")
    r[4].value, r[5].value = "gul", "tillegg"
    return at


def test_every_rule_rejects_its_row_with_its_reason_and_stores_nothing(client, session, auth, rid):
    wb = download(client, auth, rid)
    at = break_rows(wb["Angst"])
    before = counts(session)
    r = send(client, auth("contributor", "4601"), rid, wb)
    assert r.status_code == 200, r.text
    report = r.json()
    by_row = {row["row"]: row["errors"] for row in report["rejected_rows"]}
    for rule, words in RULES.items():
        errors = by_row.get(at[rule], [])
        assert len(errors) == 1 and words in errors[0], (rule, errors)
    assert report["created"] == report["rows_taken"] == 0
    assert report["rows_read"] == report["rows_rejected"] == len(RULES)
    assert [row["outcome"] for row in report["rows"]] == ["rejected"] * len(RULES)
    assert counts(session) == before
    assert session.exec(select(Assessment)).all() == []


def test_a_row_for_a_pathway_not_in_the_round_is_rejected(client, session, auth, rid):
    wb = download(client, auth, rid)
    meta = wb["forlop"]
    for row in meta.iter_rows():
        if row[0].value == "sheet":
            row[2].value = "spisevansker"
    rows_by_key(wb["Angst"])[("helsestasjon", "role")][4].value = "grønn"
    r = send(client, auth("contributor", "4601"), rid, wb)
    assert r.status_code == 200, r.text
    [rejected] = r.json()["rejected_rows"]
    assert "'spisevansker' is not open for review" in rejected["errors"][0]
    assert session.exec(select(Assessment)).all() == []


def test_nothing_typed_is_lost_and_a_second_download_shows_it(client, session, auth, rid):
    wb = download(client, auth, rid)
    ws = wb["Angst"]
    rows = rows_by_key(ws)
    # The text reads as text: no Markdown asterisks, bullets as bullets.
    role = rows[("helsestasjon", "role")]
    assert role[2].value == "Helsestasjonen:\n\n• ser barnet\n• ringer BUP"
    # The hidden "based on" revision is the one shown beside it.
    shown = rows[("helsestasjon", "measures")]
    assert shown[3].value.endswith(f"r{shown[11].value})")
    assert f"r{role[11].value})" in role[3].value
    # A light and a reason, no new text: the reason becomes the assessment's note.
    role[4].value, role[7].value = "gul", "Teksten sier ikke hvem som ringer."
    role[8].value = "Rutine for telefon."
    # A new text: a proposal with the reason and what the service must work on.
    measures = rows[("helsestasjon", "measures")]
    measures[4].value, measures[5].value = "rød", "tillegg"
    measures[6].value, measures[7].value = "Årstad har ny åpningstid.", "Endret i høst."
    measures[8].value = "Oppdatere nettsiden."
    contributor = auth("contributor", "4601")
    report = send(client, contributor, rid, wb).json()
    assert report["rejected_rows"] == [] and report["rows_rejected"] == 0
    assert (report["rows_read"], report["rows_taken"], report["proposals_created"]) == (2, 2, 1)
    outcome = {row["row"]: row for row in report["rows"]}
    assert outcome[role[0].row]["outcome"] == "created"
    assert outcome[role[0].row]["proposal"] is None
    assert outcome[role[0].row]["assessment"] == "set"
    made = outcome[measures[0].row]
    assert made["proposal_outcome"] == "created" and made["traffic_light"] == "red"
    proposal = session.get(ChangeProposal, made["proposal"])
    assert (proposal.mode, proposal.rationale, proposal.service_work) == (
        "append",
        "Endret i høst.",
        "Oppdatere nettsiden.",
    )
    assessment = session.exec(select(Assessment)).one()
    assert assessment.traffic_light == "red"
    assert assessment.note == (
        "Rolle – begrunnelse: Teksten sier ikke hvem som ringer.\n"
        "Rolle – må jobbes med: Rutine for telefon.\n"
        "Tiltak – må jobbes med: Oppdatere nettsiden."
    )
    # Downloading again shows what was answered, row by row…
    again = download(client, auth, rid)
    rows = rows_by_key(again["Angst"])
    role, measures = rows[("helsestasjon", "role")], rows[("helsestasjon", "measures")]
    assert [c.value for c in role[4:9]] == [
        "rød",
        None,
        None,
        "Teksten sier ikke hvem som ringer.",
        "Rutine for telefon.",
    ]
    assert [c.value for c in measures[4:9]] == [
        "rød",
        "tillegg",
        "Årstad har ny åpningstid.",
        "Endret i høst.",
        "Oppdatere nettsiden.",
    ]
    # …and uploading it again changes nothing.
    before = counts(session)
    second = send(client, contributor, rid, again).json()
    assert (second["rows_taken"], second["rows_already_taken"], second["rejected_rows"]) == (
        0,
        2,
        [],
    )
    assert counts(session) == before
    assert session.exec(select(Assessment)).one().note == assessment.note
