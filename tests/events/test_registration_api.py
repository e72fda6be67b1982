"""Registration over HTTP: capacity, wait list, cancellation, privacy, erasure."""

import io

from openpyxl import load_workbook
from sqlmodel import select

from app.core.xlsx import XLSX
from app.models import Participant
from tests.events.conftest import person


def _register(client, event_id, i, **extra):
    return client.post(f"/v1/events/{event_id}/registrations", json=person(i, **extra))


def test_capacity_wait_list_and_cancel_moves_up(client, editor, make_event):
    event = make_event("open")  # capacity 3
    receipts = [_register(client, event["id"], i).json() for i in range(5)]
    assert [r["status"] for r in receipts] == ["registered"] * 3 + ["waitlisted"] * 2
    assert receipts[3]["waitlist_position"] == 1 and "ventelisten" in receipts[3]["message"]
    assert receipts[4]["waitlist_position"] == 2
    state = client.get(f"/v1/events/{event['id']}").json()
    assert (state["registered"], state["waitlisted"], state["places_left"]) == (3, 2, 0)

    assert client.delete(f"/v1/registrations/{receipts[1]['cancel_token']}").status_code == 204
    assert (
        client.get(f"/v1/registrations/{receipts[3]['cancel_token']}").json()["status"]
        == "registered"
    )
    fifth = client.get(f"/v1/registrations/{receipts[4]['cancel_token']}").json()
    assert (fifth["status"], fifth["waitlist_position"]) == ("waitlisted", 1)
    assert client.delete(f"/v1/registrations/{receipts[1]['cancel_token']}").status_code == 409
    assert client.delete("/v1/registrations/" + "x" * 40).status_code == 404
    # The cancelled e-mail may register again (at the end of the line).
    again = _register(client, event["id"], 1).json()
    assert (again["status"], again["waitlist_position"]) == ("waitlisted", 2)


def test_raising_capacity_moves_the_wait_list_up(client, editor, make_event):
    event = make_event("open", capacity=1)
    _register(client, event["id"], 1)
    waiting = _register(client, event["id"], 2).json()
    url = f"/v1/events/{event['id']}"
    etag = client.get(url).headers["etag"]
    r = client.patch(url, json={"capacity": 2}, headers={**editor, "If-Match": etag})
    assert r.json()["registered"] == 2
    assert (
        client.get(f"/v1/registrations/{waiting['cancel_token']}").json()["status"] == "registered"
    )
    etag = client.get(url).headers["etag"]
    low = client.patch(url, json={"capacity": 1}, headers={**editor, "If-Match": etag})
    assert low.status_code == 422 and low.json()["errors"][0]["loc"] == ["body", "capacity"]


def test_bad_registrations_change_nothing(client, make_event, session):
    event = make_event("open")
    url = f"/v1/events/{event['id']}/registrations"
    assert client.post(url, json=person(1)).status_code == 201
    dup = client.post(url, json=person(2, email="P1@Example.no"))
    assert dup.status_code == 409 and dup.headers["content-type"] == "application/problem+json"
    cases = {
        ("body", "email"): person(3, email="not-an-email"),
        ("body", "municipality"): person(4, municipality="9999"),
        ("body", "service_type"): person(5, service_type="tannlege"),
    }
    for loc, body in cases.items():
        r = client.post(url, json=body)
        assert r.status_code == 422, body
        assert list(loc) in [e["loc"] for e in r.json()["errors"]]
    assert (
        client.post(url, json=person(6, municipality="bergen")).status_code == 422
    )  # not a municipality
    assert client.post(url, json=person(7, service_type=None)).status_code == 422
    assert client.post(url, json=person(8, kind="astronaut")).status_code == 422
    assert client.post(url, json=person(9, service_type=None, kind="youth")).status_code == 201
    session.expire_all()
    assert len(session.exec(select(Participant)).all()) == 2


def test_closed_or_planned_event_refuses_registration(client, make_event):
    for status in ("planned", "closed", "held"):
        event = make_event(status)
        r = _register(client, event["id"], 1)
        assert r.status_code == 409 and "ikke åpen" in r.json()["detail"]
    assert client.post("/v1/events/999/registrations", json=person(1)).status_code == 404


def test_personal_data_is_never_public(client, editor, make_event):
    event = make_event("open")
    receipt = _register(client, event["id"], 1, name="Ola Hemmelig", dietary="nøtteallergi").json()
    assert "Ola" not in str(receipt) and "nøtt" not in str(receipt)
    public = [
        client.get(f"/v1/events/{event['id']}").text,
        client.get("/v1/localities/bergen/events").text,
        client.get(f"/v1/events/{event['id']}/programme").text,
        client.get(f"/v1/registrations/{receipt['cancel_token']}").text,
    ]
    for body in public:
        assert "Hemmelig" not in body and "p1@example.no" not in body and "nøtt" not in body
    assert client.get(f"/v1/events/{event['id']}/registrations").status_code == 401
    listed = client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()
    assert listed["items"][0]["name"] == "Ola Hemmelig"


def test_organisers_export_csv_with_formula_guard(client, editor, make_event):
    event = make_event("open")
    _register(client, event["id"], 1, name='=HYPERLINK("http://x")', organisation="+47 Enhet")
    r = client.get(f"/v1/events/{event['id']}/registrations?format=csv", headers=editor)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Navn,E-post,Organisasjon,Kommune")
    assert "'=HYPERLINK" in text and "'+47 Enhet" in text
    x = client.get(f"/v1/events/{event['id']}/registrations?format=xlsx", headers=editor)
    assert x.status_code == 200 and x.headers["content-type"] == XLSX
    assert x.headers["cache-control"] == "private, no-store"
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(x.content)).active.rows]
    assert sheet[0][:4] == ["Navn", "E-post", "Organisasjon", "Kommune"]
    assert sheet[1][0] == '\'=HYPERLINK("http://x")' and sheet[1][2] == "'+47 Enhet"
    assert client.get(f"/v1/events/{event['id']}/registrations?format=xlsx").status_code == 401


def test_erase_wipes_personal_data_and_keeps_the_seat(client, editor, make_event, session):
    event = make_event("open", capacity=4)
    ids = [
        _register(
            client, event["id"], i, **({"kind": "parent", "service_type": None} if i < 2 else {})
        )
        for i in range(4)
    ]
    assert all(r.status_code == 201 for r in ids)
    seated = client.post(
        f"/v1/events/{event['id']}/seating", json={"seed": 1}, headers=editor
    ).json()
    pid = seated["tables"][0]["members"][0]["participant"]
    table = seated["tables"][0]["number"]
    r = client.post(f"/v1/events/{event['id']}/participants/{pid}/erase", headers=editor)
    assert r.status_code == 200
    body = r.json()
    assert body["erased"] and body["name"] is None and body["email"] is None
    assert body["organisation"] is None and body["table"] == table
    again = client.get(f"/v1/events/{event['id']}/seating", headers=editor).json()
    seat = next(s for t in again["tables"] for s in t["members"] if s["participant"] == pid)
    assert seat["name"] is None and seat["kind"] in ("parent", "professional")
    assert again["stale"] is False
    row = session.get(Participant, pid)
    session.refresh(row)
    assert row.email is None and row.name is None and row.table_no == table
    csv = client.get(f"/v1/events/{event['id']}/seating?format=csv", headers=editor).content.decode(
        "utf-8-sig"
    )
    assert "(slettet)" in csv
