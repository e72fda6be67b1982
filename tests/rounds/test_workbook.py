"""The review workbook: what it looks like, filling it in, uploading it, and refusals."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from app.models import Assessment, ChangeProposal
from tests.proposals.helpers import counts, put_text
from tests.rounds.helpers import make_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture
def setup(client, world, auth):
    region = auth("editor", "helse-vest")
    put_text(client, region, "helse-vest", "Regional rolle.")
    put_text(client, region, "helse-vest", EVIL, sec="assessment")
    put_text(client, auth("editor", "4601"), "4601", "Ring Årstad.", mode="append", sec="measures")
    return make_round(client, auth("editor", "bergen"))


def export(client, auth, rid, code="4601"):
    r = client.get(
        f"/v1/review-rounds/{rid}/workbook",
        params={"municipality": code},
        headers=auth("reader", code),
    )
    assert r.status_code == 200, r.text
    return r


def rows_by_key(ws):
    return {(r[9].value, r[10].value): r for r in ws.iter_rows(min_row=2)}


def upload(client, headers, rid, data, name="revisjon.xlsx", **params):
    files = {"file": (name, data, XLSX)}
    return client.post(
        f"/v1/review-rounds/{rid}/workbook", files=files, headers=headers, params=params
    )


def test_export_looks_right(client, auth, setup):
    r = export(client, auth, setup["id"])
    assert r.headers["content-type"] == XLSX
    assert f"revisjon-{setup['id']}-4601.xlsx" in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Angst", "forlop"]
    assert wb["forlop"].sheet_state == "veryHidden"
    ws = wb["Angst"]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "Tjeneste",
        "Del",
        "Tekst slik kommunen ser den nå",
        "Hvor teksten kommer fra",
        "Trafikklys (grønn/gul/rød)",
        "Type endring (erstatt/tillegg)",
        "Forslag til ny tekst",
        "Begrunnelse",
        "Hva må jobbes med i tjenesten",
    ]
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["C"].width >= 60 and ws.column_dimensions["J"].hidden
    assert ws.max_row == 1 + 3 * 6
    rows = rows_by_key(ws)
    role = rows[("helsestasjon", "role")]
    assert role[0].value == "Helsestasjon og skolehelsetjeneste" and role[1].value == "Rolle"
    assert role[2].value == "Regional rolle." and "helse-vest" in role[3].value
    assert role[2].alignment.wrap_text
    assert rows[("helsestasjon", "assessment")][2].value == EVIL
    assert rows[("helsestasjon", "assessment")][2].data_type == "s"
    assert rows[("bup", "referral")][3].value == "Ingen tekst ennå"
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"grønn,gul,rød"' in lists and '"erstatt,tillegg"' in lists
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in z.read(n) and b"<f " not in z.read(n) for n in sheets)


def test_local_append_shows_merged(client, auth, setup):
    ws = load_workbook(io.BytesIO(export(client, auth, setup["id"]).content))["Angst"]
    measures = rows_by_key(ws)[("helsestasjon", "measures")]
    assert measures[2].value == "Ring Årstad." and "4601 (tillegg" in measures[3].value


def fill(content: bytes) -> bytes:
    """A person fills in the workbook."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Angst"]
    rows = rows_by_key(ws)
    role = rows[("helsestasjon", "role")]
    role[4].value, role[6].value = "gul", "=2+2 er ikke en formel"
    role[7].value, role[8].value = "Teksten er for generell.", "Kartlegging av angst"
    rows[("helsestasjon", "assessment")][4].value = "Rød"
    rows[("fastlege", "role")][4].value = "blå"
    rows[("fastlege", "measures")][7].value = "Bare en begrunnelse"
    bup = rows[("bup", "role")]
    bup[5].value, bup[6].value = "tillegg", "BUP Bergen har akuttelefon."
    rows[("bup", "assessment")][6].value = "=1+1"  # typed as a formula
    rows[("bup", "evaluation")][4].value = "   "  # whitespace only: an empty row
    ws.cell(row=ws.max_row + 2, column=7, value="En rad jeg la til selv.")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_upload_round_trip_and_again(client, session, auth, setup):
    rid = setup["id"]
    filled = fill(export(client, auth, rid).content)
    h = auth("contributor", "4601")
    r = upload(client, h, rid, filled)
    assert r.status_code == 200, r.text
    report = r.json()
    rejected = {row["row"]: row["errors"] for row in report["rejected_rows"]}
    assert report["proposals_created"] == 3 and report["assessments_set"] == 1
    assert report["created"] == 4 and report["unchanged"] == 0
    assert len(rejected) == 3
    errors = [e for errs in rejected.values() for e in errs]
    assert any("'blå'" in e for e in errors)
    assert any("neither" in e for e in errors)
    assert any("not one Forløp wrote" in e for e in errors)
    assert all(row["sheet"] == "Angst" for row in report["rejected_rows"])
    proposals = session.exec(select(ChangeProposal).order_by(ChangeProposal.id)).all()
    assert {(p.text, p.mode, p.traffic_light) for p in proposals} == {
        ("=2+2 er ikke en formel", "replace", "yellow"),
        ("BUP Bergen har akuttelefon.", "append", None),
        ("=1+1", "replace", None),
    }
    assert all(p.round_id == rid and p.status == "submitted" for p in proposals)
    role = next(p for p in proposals if p.text.startswith("=2+2"))
    assert role.rationale == "Teksten er for generell." and role.based_on is not None
    assessment = session.exec(select(Assessment)).one()
    assert assessment.traffic_light == "red"
    assert assessment.note == "Rolle – må jobbes med: Kartlegging av angst"
    session.commit()
    before = counts(session)
    again = upload(client, h, rid, filled).json()
    assert again["created"] == 0 and again["unchanged"] == 4
    assert again["proposals_created"] == 0 and again["assessments_set"] == 0
    assert len(again["rejected_rows"]) == 3
    assert counts(session) == before


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _with_macro(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries["xl/vbaProject.bin"] = b"\x00" * 64
    return _zip(entries)


def _plain_xlsx() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Hei"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_wrong_files_are_refused_and_change_nothing(client, session, auth, setup):
    rid = setup["id"]
    good = fill(export(client, auth, rid).content)
    h = auth("contributor", "4601")
    before = counts(session)
    cases = [
        (b"pathway;service\nangst;bup\n", "rows.csv", 415),
        (_zip({"word/document.xml": b"<w/>"}), "doc.xlsx", 415),
        (_with_macro(good), "revisjon.xlsx", 415),
        (good, "revisjon.xlsm", 415),
        (_plain_xlsx(), "annet.xlsx", 422),
        (b"PK\x03\x04 broken", "broken.xlsx", 415),
    ]
    for data, name, status in cases:
        r = upload(client, h, rid, data, name=name)
        assert r.status_code == status, (name, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    assert upload(client, h, rid, good, municipality="4624").status_code == 409
    other = make_round(client, auth("editor", "bergen"))
    wrong_round = upload(client, h, other["id"], good)
    assert wrong_round.status_code == 409 and str(rid) in wrong_round.json()["detail"]
    assert upload(client, auth("contributor", "4624"), rid, good).status_code == 403
    assert upload(client, {}, rid, good).status_code == 401
    too_big = upload(client, h, rid, good + b"\x00" * (5 * 1024 * 1024))
    assert too_big.status_code == 413
    no_file = client.post(f"/v1/review-rounds/{rid}/workbook", headers=h)
    assert no_file.status_code == 422
    assert counts(session) == before


def test_export_refusals(client, auth, setup):
    rid = setup["id"]
    url = f"/v1/review-rounds/{rid}/workbook"
    assert (
        client.get(url, params={"municipality": "1106"}, headers=auth("admin")).status_code == 422
    )
    assert (
        client.get(url, params={"municipality": "4601"}, headers=auth("reader", "4624")).status_code
        == 403
    )
    assert client.get(url, params={"municipality": "4601"}).status_code == 401
    assert client.get(url, headers=auth("admin")).status_code == 422
    assert (
        client.get(
            "/v1/review-rounds/999/workbook", params={"municipality": "4601"}, headers=auth("admin")
        ).status_code
        == 404
    )


def test_closed_round_refuses_uploads(client, session, auth, setup):
    late = make_round(client, auth("editor", "bergen"), opened_days_ago=10, closes_in_days=-1)
    filled = fill(export(client, auth, late["id"]).content)
    before = counts(session)
    r = upload(client, auth("contributor", "4601"), late["id"], filled)
    assert r.status_code == 409 and "closed" in r.json()["detail"]
    assert counts(session) == before
