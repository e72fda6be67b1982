"""Starting points: our suggested invitation, three-part programme and checklist (nb, nn)."""

import datetime as dt

from app.events import starting_points
from tests.events.conftest import EVENT


def test_the_suggestion_is_offered_in_both_languages(client):
    nb = client.get("/v1/event-starting-points/nb").json()
    nn = client.get("/v1/event-starting-points/nn").json()
    assert "Meld deg på her: {lenke}" in nb["invitation"]
    assert nn["invitation"].startswith("Velkomen til {tittel}!")
    titles = [i["title"] for i in nb["programme"]]
    assert [t.split(":")[0] for t in titles if t.startswith("Del ")] == ["Del 1", "Del 2", "Del 3"]
    assert any("«Sammen»" in t for t in titles) and any(
        "«Saman»" in i["title"] for i in nn["programme"]
    )
    assert len(nb["checklist"]) == len(nn["checklist"]) >= 8
    assert nb["checklist"] != nn["checklist"]
    assert client.get("/v1/event-starting-points/en").status_code == 422


def test_programme_times_follow_the_day_in_order():
    items = starting_points.programme("nb", dt.time(8, 30), dt.time(16, 0))
    times = [i.start_time for i in items]
    assert times[0] == dt.time(8, 30) and times == sorted(times) and times[-1] < dt.time(16, 0)
    assert all(t.minute % 5 == 0 for t in times)


def test_an_event_created_from_the_starting_point_gets_it_all_and_can_change_it(
    client, editor, world
):
    r = client.post(
        "/v1/localities/bergen/events",
        json={**EVENT, "status": "open", "starting_point": "nn"},
        headers=editor,
    )
    assert r.status_code == 201, r.text
    event = r.json()
    assert len(event["programme"]) == 7 and event["programme"][0]["start_time"] == "09:00:00"
    assert "Samhandlingsdag om angst" in event["invitation"]
    # The title is the day's whole name: the greeting does not say "samhandlingsdag" twice.
    assert "samhandlingsdag om samhandlingsdag" not in event["invitation"].lower()
    assert f"/v1/events/{event['id']}/register?lang=nn" in event["invitation"]
    checklist = client.get(f"/v1/events/{event['id']}/checklist", headers=editor).json()
    assert checklist["items"][0]["text"].startswith("Set saman ei prosjektgruppe")
    questions = client.get(f"/v1/events/{event['id']}/feedback-questions", headers=editor)
    assert questions.json()["questions"][0]["text"] == "Kor nyttig var dagen for deg?"
    # Editable like anything else: the invitation by PATCH, the programme by PUT.
    current = client.get(f"/v1/events/{event['id']}", headers=editor)
    patched = client.patch(
        f"/v1/events/{event['id']}",
        json={"invitation": "Vår eigen tekst."},
        headers={**editor, "If-Match": current.headers["etag"]},
    )
    assert patched.status_code == 200 and patched.json()["invitation"] == "Vår eigen tekst."
    nulled = client.patch(
        f"/v1/events/{event['id']}",
        json={"invitation": None},
        headers={**editor, "If-Match": patched.headers["etag"]},
    )
    assert nulled.status_code == 422


def test_without_a_starting_point_nothing_changes(client, editor, world):
    r = client.post("/v1/localities/bergen/events", json=EVENT, headers=editor)
    assert r.status_code == 201
    assert r.json()["programme"] == [] and r.json()["invitation"] == ""
