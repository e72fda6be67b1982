"""Seating, door poster and feedback over HTTP."""

import io

from openpyxl import load_workbook
from sqlmodel import select

from app.core.xlsx import XLSX
from app.models import FeedbackResponse, Participant
from tests.events.conftest import person


def _fill(client, event_id, n, reps=2):
    services = ["helsestasjon", "fastlege", "bup"]
    for i in range(n):
        extra = (
            {"kind": "youth", "service_type": None}
            if i < reps
            else {"service_type": services[i % 3], "municipality": ["4601", "4624"][i % 2]}
        )
        assert (
            client.post(f"/v1/events/{event_id}/registrations", json=person(i, **extra)).status_code
            == 201
        )


def test_seating_runs_deterministically_and_respects_locks(client, editor, make_event):
    event = make_event("open", capacity=10, table_min=4, table_max=5)
    _fill(client, event["id"], 10)
    url = f"/v1/events/{event['id']}/seating"
    first = client.post(url, json={"seed": 5}, headers=editor).json()
    assert [t["size"] for t in first["tables"]] == [5, 5]
    assert all(t["representatives"] == 1 for t in first["tables"])
    assert first["diversity"] <= first["upper_bound"] and first["problems"] == []
    again = client.post(url, json={"seed": 5}, headers=editor).json()
    assert again["tables"] == first["tables"]
    pid = first["tables"][0]["members"][0]["participant"]
    locked = client.post(
        url, json={"seed": 5, "locks": [{"participant": pid, "table": 2}]}, headers=editor
    ).json()
    seat = next(s for s in locked["tables"][1]["members"] if s["participant"] == pid)
    assert seat["locked"] is True
    assert client.get(url, headers=editor).json()["tables"] == locked["tables"]


def test_seating_refuses_bad_sizes_and_locks_and_changes_nothing(
    client, editor, make_event, session
):
    event = make_event("open", capacity=10, table_min=4, table_max=5)
    url = f"/v1/events/{event['id']}/seating"
    assert client.post(url, json={}, headers=editor).status_code == 422  # nobody yet
    _fill(client, event["id"], 7)
    r = client.post(url, json={}, headers=editor)
    assert r.status_code == 422 and "7 deltakere kan ikke fylle bord på 4–5" in r.json()["detail"]
    _fill_more = client.post(
        f"/v1/events/{event['id']}/registrations", json=person(50, service_type="bup")
    )
    assert _fill_more.status_code == 201
    reps = [p.id for p in session.exec(select(Participant).where(Participant.kind == "youth"))]
    both = [{"participant": reps[0], "table": 1}, {"participant": reps[1], "table": 1}]
    r = client.post(url, json={"locks": both}, headers=editor)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "locks"]
    assert (
        client.post(
            url, json={"locks": [{"participant": 9999, "table": 1}]}, headers=editor
        ).status_code
        == 422
    )
    assert (
        client.post(
            url, json={"locks": [{"participant": reps[0], "table": 0}]}, headers=editor
        ).status_code
        == 422
    )
    session.expire_all()
    assert all(p.table_no is None for p in session.exec(select(Participant)))
    assert client.get(url, headers=editor).json()["tables"] == []


def test_door_poster_is_printable_alphabetical_and_script_free(client, editor, make_event):
    event = make_event("open", capacity=10, table_min=4, table_max=5)
    for i, name in enumerate(
        [
            "Øystein Ås",
            "Anne Berg",
            "Åse Dal",
            "<script>alert(1)</script>",
            "Zara Li",
            "Æsa Moe",
            "Bjørn Hope",
            "Carl Nes",
        ]
    ):
        extra = {"kind": "parent", "service_type": None} if i < 2 else {}
        client.post(f"/v1/events/{event['id']}/registrations", json=person(i, name=name, **extra))
    client.post(f"/v1/events/{event['id']}/seating", json={"seed": 1}, headers=editor)
    r = client.get(f"/v1/events/{event['id']}/seating?format=html", headers=editor)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<html lang="nb">' in page and "<script>" not in page and "&lt;script&gt;" in page
    assert "font-size" in page and "Bord 1" in page and "Bord 2" in page
    door = page[page.index("<tbody>") : page.index("</tbody>")]
    # By surname, in Norwegian order (æ, ø, å after z): people look for their surname.
    order = ["Anne Berg", "Åse Dal", "Bjørn Hope", "Zara Li", "Æsa Moe", "Carl Nes", "Øystein Ås"]
    positions = [door.index(n) for n in order]
    assert positions == sorted(positions)
    assert "<th>Navn</th>" in page
    assert client.get(f"/v1/events/{event['id']}/seating?format=html").status_code == 401
    url = f"/v1/events/{event['id']}/seating?format=html"
    for nn in (
        client.get(url + "&lang=nn", headers=editor).text,
        client.get(url, headers={**editor, "Accept-Language": "nn-NO, nb;q=0.8"}).text,
    ):
        assert '<html lang="nn">' in nn and "<th>Namn</th>" in nn and "Bord 1" in nn
        assert "<th>Navn</th>" not in nn
    assert client.get(url + "&lang=sv", headers=editor).status_code == 422


def test_feedback_tokens_answers_and_summary(client, editor, make_event, session):
    event = make_event("held")
    qs = client.get(f"/v1/events/{event['id']}/feedback-questions").json()["questions"]
    scale = [q for q in qs if q["kind"] == "scale"]
    text = [q for q in qs if q["kind"] == "text"]
    tokens = client.post(
        f"/v1/events/{event['id']}/feedback-tokens", json={"count": 3}, headers=editor
    ).json()["tokens"]
    assert len(set(tokens)) == 3
    form = client.get(f"/v1/feedback/{tokens[0]}").json()
    assert form["used"] is False and len(form["questions"]) == len(qs)
    for token, value, words in [(tokens[0], 5, "Nyttig"), (tokens[1], 2, "=Mer tid")]:
        body = {
            "answers": [
                {"question": scale[0]["id"], "value": value},
                {"question": text[0]["id"], "text": words},
            ]
        }
        assert client.post(f"/v1/feedback/{token}", json=body).status_code == 204
    reuse = client.post(
        f"/v1/feedback/{tokens[0]}", json={"answers": [{"question": scale[0]["id"], "value": 3}]}
    )
    assert reuse.status_code == 409
    assert (
        client.post(
            "/v1/feedback/" + "y" * 30, json={"answers": [{"question": 1, "value": 3}]}
        ).status_code
        == 404
    )
    for bad in (
        [{"question": scale[0]["id"], "value": 6}],
        [{"question": scale[0]["id"], "value": 0}],
        [{"question": scale[0]["id"], "text": "x"}],
        [{"question": 99999, "value": 3}],
        [{"question": text[0]["id"], "value": 3}],
    ):
        assert client.post(f"/v1/feedback/{tokens[2]}", json={"answers": bad}).status_code == 422, (
            bad
        )
    session.expire_all()
    assert len(session.exec(select(FeedbackResponse)).all()) == 2
    assert client.get(f"/v1/feedback/{tokens[2]}").json()["used"] is False  # nothing spent
    summary = client.get(f"/v1/events/{event['id']}/feedback", headers=editor).json()
    assert summary["tokens_issued"] == 3 and summary["responses"] == 2
    first = next(q for q in summary["questions"] if q["id"] == scale[0]["id"])
    assert first["average"] == 3.5 and first["distribution"] == {
        "1": 0,
        "2": 1,
        "3": 0,
        "4": 0,
        "5": 1,
    }
    words = next(q for q in summary["questions"] if q["id"] == text[0]["id"])
    assert words["texts"] == ["=Mer tid", "Nyttig"]
    csv = client.get(f"/v1/events/{event['id']}/feedback?format=csv", headers=editor).content
    assert csv.startswith(b"\xef\xbb\xbf") and "'=Mer tid" in csv.decode("utf-8-sig")
    assert ',"3,50",' in csv.decode("utf-8-sig"), "CSV keeps the decimal comma"
    x = client.get(f"/v1/events/{event['id']}/feedback?format=xlsx", headers=editor)
    assert x.status_code == 200 and x.headers["content-type"] == XLSX
    sheet = [[c.value for c in r] for r in load_workbook(io.BytesIO(x.content)).active.rows]
    assert sheet[0][:4] == ["Spørsmål", "Type", "Antall svar", "Gjennomsnitt"]
    scale_row = next(r for r in sheet if r[1] == "skala 1–5")
    assert scale_row[3] == 3.5 and scale_row[4:9] == [0, 1, 0, 0, 1]
    assert any(r[9] == "'=Mer tid" for r in sheet)
    assert client.get(f"/v1/events/{event['id']}/feedback").status_code == 401
    new_qs = {"questions": [{"text": "Hvordan var det?", "kind": "scale"}]}
    assert (
        client.put(
            f"/v1/events/{event['id']}/feedback-questions", json=new_qs, headers=editor
        ).status_code
        == 409
    )
