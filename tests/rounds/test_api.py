"""Review rounds over HTTP: create, read, list, assessments, closing, and the matrix."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import select

from app.core.xlsx import XLSX
from app.models import Assessment, ReviewRound
from app.rounds import matrix
from tests.proposals.helpers import counts, proposal_body, put_text
from tests.rounds.helpers import make_round, period

ASSESS = "/v1/review-rounds/{id}/assessments/{m}/angst/{st}"


def test_create_read_and_list(client, world, auth):
    editor = auth("editor", "bergen")
    rnd = make_round(client, editor)
    assert rnd["locality"] == "bergen" and rnd["pathways"] == ["angst"]
    assert rnd["municipalities"] == ["4601", "4624"] and rnd["status"] == "open"
    got = client.get(f"/v1/review-rounds/{rnd['id']}", headers=auth("reader", "4601"))
    assert got.status_code == 200 and got.json() == rnd
    assert (
        client.get(f"/v1/review-rounds/{rnd['id']}", headers=auth("reader", "1106")).status_code
        == 403
    )
    assert client.get(f"/v1/review-rounds/{rnd['id']}").status_code == 401
    assert client.get("/v1/review-rounds/999", headers=auth("admin")).status_code == 404
    second = make_round(client, editor, opened_days_ago=-5)
    assert second["status"] == "upcoming"
    page = client.get("/v1/localities/bergen/review-rounds", params={"limit": 1}, headers=editor)
    assert [r["id"] for r in page.json()["items"]] == [rnd["id"]]
    nxt = client.get(
        "/v1/localities/bergen/review-rounds",
        params={"limit": 1, "cursor": page.json()["next_cursor"]},
        headers=editor,
    )
    assert [r["id"] for r in nxt.json()["items"]] == [second["id"]]


@pytest.mark.parametrize(
    ("code", "body", "role_scope", "status"),
    [
        ("bergen", {"pathways": ["nei"]}, ("editor", "bergen"), 422),
        ("bergen", {"pathways": []}, ("editor", "bergen"), 422),
        ("bergen", {"pathways": ["angst", "angst"]}, ("editor", "bergen"), 422),
        ("bergen", {"closes_at": "2020-01-01T00:00:00+00:00"}, ("editor", "bergen"), 422),
        ("4601", {}, ("editor", "helse-vest"), 422),
        ("nowhere", {}, ("admin", None), 404),
        ("bergen", {}, ("editor", "4601"), 403),
        ("bergen", {}, ("contributor", "bergen"), 403),
        ("bergen", {}, ("editor", "fonna"), 403),
    ],
)
def test_create_refusals_change_nothing(
    client, session, world, auth, code, body, role_scope, status
):
    data = {"title": "Runde", "pathways": ["angst"], **period(), **body}
    r = client.post(f"/v1/localities/{code}/review-rounds", json=data, headers=auth(*role_scope))
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert session.exec(select(func.count()).select_from(ReviewRound)).one() == 0


def test_assessments(client, session, world, auth):
    rnd = make_round(client, auth("editor", "bergen"))
    url = ASSESS.format(id=rnd["id"], m="4601", st="helsestasjon")
    h = auth("contributor", "4601")
    r = client.put(url, json={"traffic_light": "yellow", "note": "Mangler rutine."}, headers=h)
    assert r.status_code == 201 and r.json()["traffic_light"] == "yellow"
    r = client.put(url, json={"traffic_light": "red"}, headers=h)
    assert r.status_code == 200 and r.json()["traffic_light"] == "red" and r.json()["note"] is None
    assert client.put(url, json={"traffic_light": "gul"}, headers=h).status_code == 422
    assert (
        client.put(
            url, json={"traffic_light": "green"}, headers=auth("contributor", "4624")
        ).status_code
        == 403
    )
    assert (
        client.put(url, json={"traffic_light": "green"}, headers=auth("reader", "4601")).status_code
        == 403
    )
    assert client.put(url, json={"traffic_light": "green"}).status_code == 401
    outside = ASSESS.format(id=rnd["id"], m="1106", st="helsestasjon")
    assert (
        client.put(outside, json={"traffic_light": "green"}, headers=auth("admin")).status_code
        == 422
    )
    unknown = ASSESS.format(id=rnd["id"], m="4601", st="tannlege")
    assert client.put(unknown, json={"traffic_light": "green"}, headers=h).status_code == 404
    held = session.exec(select(Assessment)).all()
    assert [(a.traffic_light, a.note) for a in held] == [("red", None)]


def test_a_closed_round_takes_nothing_new(client, session, world, auth):
    put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")
    rnd = make_round(client, auth("editor", "bergen"), opened_days_ago=10, closes_in_days=-1)
    assert rnd["status"] == "closed"
    before = counts(session)
    url = ASSESS.format(id=rnd["id"], m="4601", st="helsestasjon")
    r = client.put(url, json={"traffic_light": "green"}, headers=auth("contributor", "4601"))
    assert r.status_code == 409 and "closed" in r.json()["detail"]
    p = client.post(
        "/v1/change-proposals",
        json=proposal_body(round=rnd["id"]),
        headers=auth("contributor", "4601"),
    )
    assert p.status_code == 409
    assert counts(session) == before
    assert session.exec(select(func.count()).select_from(Assessment)).one() == 0


def test_round_proposals_stay_inside_the_round(client, world, auth):
    put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")
    rnd = make_round(client, auth("editor", "bergen"))
    r = client.post(
        "/v1/change-proposals",
        json=proposal_body(locality="1106", round=rnd["id"]),
        headers=auth("contributor", "1106"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "locality"]
    ok = client.post(
        "/v1/change-proposals",
        json=proposal_body(round=rnd["id"]),
        headers=auth("contributor", "4601"),
    )
    assert ok.status_code == 201 and ok.json()["round"] == rnd["id"]
    listed = client.get(
        "/v1/change-proposals", params={"round": rnd["id"]}, headers=auth("reader", "bergen")
    )
    assert [p["id"] for p in listed.json()["items"]] == [ok.json()["id"]]


def test_matrix_json_and_csv(client, world, auth):
    put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")
    rnd = make_round(client, auth("editor", "bergen"))
    rid = rnd["id"]
    h = auth("contributor", "4601")
    client.put(
        ASSESS.format(id=rid, m="4601", st="bup"),
        json={"traffic_light": "red", "note": '=HYPERLINK("x")'},
        headers=h,
    )
    client.put(
        ASSESS.format(id=rid, m="4624", st="bup"),
        json={"traffic_light": "green"},
        headers=auth("contributor", "4624"),
    )
    ids = [
        client.post(
            "/v1/change-proposals", json=proposal_body(round=rid, text=f"T{i}"), headers=h
        ).json()["id"]
        for i in range(3)
    ]
    client.post(f"/v1/change-proposals/{ids[0]}/accept", json={}, headers=auth("editor", "4601"))
    client.post(f"/v1/change-proposals/{ids[1]}/withdraw", headers=h)
    m = client.get(f"/v1/review-rounds/{rid}/matrix", headers=auth("reader", "bergen"))
    assert m.status_code == 200, m.text
    data = m.json()
    assert [p["code"] for p in data["municipalities"]] == ["4601", "4624"]
    assert [(r["pathway"], r["service_type"]) for r in data["rows"]] == [
        ("angst", "helsestasjon"),
        ("angst", "fastlege"),
        ("angst", "bup"),
    ]
    cell = {(r["service_type"], c["municipality"]): c for r in data["rows"] for c in r["cells"]}
    assert cell[("bup", "4601")]["traffic_light"] == "red"
    assert cell[("bup", "4624")]["traffic_light"] == "green"
    assert cell[("helsestasjon", "4601")]["open_proposals"] == 1
    assert cell[("helsestasjon", "4601")]["accepted_proposals"] == 1
    assert cell[("fastlege", "4624")] == {
        "municipality": "4624",
        "traffic_light": None,
        "note": None,
        "open_proposals": 0,
        "accepted_proposals": 0,
    }
    as_csv = client.get(
        f"/v1/review-rounds/{rid}/matrix",
        params={"format": "csv"},
        headers=auth("reader", "bergen"),
    )
    assert as_csv.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(lines) == 3 * 2
    bup = next(x for x in lines if x["service_type"] == "bup" and x["municipality"] == "4601")
    assert bup["traffic_light"] == "red" and bup["note"] == '\'=HYPERLINK("x")'
    by_accept = client.get(
        f"/v1/review-rounds/{rid}/matrix", headers={**auth("reader", "4624"), "Accept": "text/csv"}
    )
    assert by_accept.text == as_csv.text
    as_xlsx = client.get(
        f"/v1/review-rounds/{rid}/matrix",
        params={"format": "xlsx"},
        headers=auth("reader", "bergen"),
    )
    assert as_xlsx.status_code == 200 and as_xlsx.headers["content-type"] == XLSX
    assert 'filename="matrise-' in as_xlsx.headers["content-disposition"]
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(as_xlsx.content)).active.rows]
    assert sheet[0] == list(matrix.CSV_HEADER) and len(sheet) == 1 + 3 * 2
    red = next(r for r in sheet if r[1] == "bup" and r[2] == "4601")
    assert red[3] == "red" and red[6] == '\'=HYPERLINK("x")'
    helse = next(r for r in sheet if r[1] == "helsestasjon" and r[2] == "4601")
    assert helse[4:6] == [1, 1], "counts are numbers Excel can sum"
    by_accept = client.get(
        f"/v1/review-rounds/{rid}/matrix", headers={**auth("reader", "4624"), "Accept": XLSX}
    )
    assert by_accept.content == as_xlsx.content
    bad = client.get(f"/v1/review-rounds/{rid}/matrix", params={"format": "xls"},
                     headers=auth("reader", "bergen"))  # fmt: skip
    assert bad.status_code == 422
    assert (
        client.get(f"/v1/review-rounds/{rid}/matrix", headers=auth("reader", "1106")).status_code
        == 403
    )
