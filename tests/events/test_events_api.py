"""Events, programme and checklist over HTTP."""

from sqlmodel import select

from app.models import Event
from tests.events.conftest import EVENT


def test_create_and_read_event_with_standard_checklist(client, editor, make_event):
    event = make_event("planned")
    assert event["table_min"] == 2 and event["status"] == "planned"
    assert event["registered"] == 0 and event["places_left"] == 3
    # Planned events are internal: anonymous readers need a key.
    assert client.get(f"/v1/events/{event['id']}").status_code == 401
    checklist = client.get(f"/v1/events/{event['id']}/checklist", headers=editor).json()
    texts = [i["text"] for i in checklist["items"]]
    assert texts[0] == "Møt ressurspersoner på forhånd" and len(texts) == 7
    assert "Del deltakerne inn i grupper" in texts


def test_default_table_range_is_6_to_8(client, editor, world):
    body = {k: v for k, v in EVENT.items() if not k.startswith("table_")}
    r = client.post("/v1/localities/bergen/events", json=body, headers=editor)
    assert (r.json()["table_min"], r.json()["table_max"]) == (6, 8)


def test_editor_of_another_community_is_forbidden(client, auth, make_event):
    event = make_event("open")
    other = auth("editor", "fonna")
    assert client.post("/v1/localities/bergen/events", json=EVENT, headers=other).status_code == 403
    assert client.get(f"/v1/events/{event['id']}/checklist", headers=other).status_code == 403
    assert client.get(f"/v1/events/{event['id']}/registrations", headers=other).status_code == 403
    assert (
        client.post(f"/v1/events/{event['id']}/seating", json={}, headers=other).status_code == 403
    )
    assert client.get(f"/v1/events/{event['id']}/feedback", headers=other).status_code == 403
    assert client.get(f"/v1/events/{event['id']}/registrations").status_code == 401
    # An editor of a municipality is below the owning community: not an organiser either.
    assert (
        client.get(
            f"/v1/events/{event['id']}/checklist", headers=auth("editor", "4601")
        ).status_code
        == 403
    )


def test_bad_event_input_is_422_and_nothing_is_created(client, editor, session):
    for bad in (
        {"table_min": 9, "table_max": 8},
        {"end_time": "08:00"},
        {"capacity": 0},
        {"status": "cancelled"},
        {"title": ""},
    ):
        r = client.post("/v1/localities/bergen/events", json={**EVENT, **bad}, headers=editor)
        assert r.status_code == 422, bad
        assert r.headers["content-type"] == "application/problem+json"
    assert session.exec(select(Event)).all() == []


def test_patch_needs_if_match_and_validates(client, editor, make_event):
    event = make_event("planned")
    url = f"/v1/events/{event['id']}"
    assert client.patch(url, json={"status": "open"}, headers=editor).status_code == 428
    etag = client.get(url, headers=editor).headers["etag"]
    bad = client.patch(url, json={"table_min": 5}, headers={**editor, "If-Match": etag})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "table_min"]
    ok = client.patch(url, json={"status": "open"}, headers={**editor, "If-Match": etag})
    assert ok.status_code == 200 and ok.json()["status"] == "open"
    assert (
        client.patch(url, json={"title": "X"}, headers={**editor, "If-Match": etag}).status_code
        == 412
    )
    # Now open: public, and listed for the municipality below.
    assert client.get(url).status_code == 200
    listed = client.get("/v1/localities/4601/events").json()["items"]
    assert [e["id"] for e in listed] == [event["id"]]


def test_planned_events_are_not_listed_publicly(client, editor, make_event):
    make_event("planned")
    assert client.get("/v1/localities/bergen/events").json()["items"] == []
    assert len(client.get("/v1/localities/bergen/events", headers=editor).json()["items"]) == 1


def test_programme_replace_and_read(client, editor, make_event):
    event = make_event("open")
    url = f"/v1/events/{event['id']}/programme"
    items = [
        {"start_time": "09:00", "title": "Velkommen", "kind": "information"},
        {"start_time": "09:15", "title": "Forløpet", "kind": "talk", "speaker": "BUP Bergen"},
        {"start_time": "10:00", "title": "Kaffe", "kind": "break"},
        {"start_time": "10:15", "title": "Casearbeid", "kind": "group_work"},
    ]
    assert client.put(url, json={"items": items}, headers=editor).status_code == 428
    etag = client.get(url).headers["etag"]
    r = client.put(url, json={"items": items}, headers={**editor, "If-Match": etag})
    assert r.status_code == 200
    assert [i["kind"] for i in client.get(url).json()["items"]] == [
        "information",
        "talk",
        "break",
        "group_work",
    ]
    assert client.get(f"/v1/events/{event['id']}").json()["programme"][1]["speaker"] == "BUP Bergen"
    bad = [{"start_time": "09:00", "title": "X", "kind": "party"}]
    assert (
        client.put(url, json={"items": bad}, headers={**editor, "If-Match": "*"}).status_code == 422
    )


def test_checklist_tick_add_reorder_delete(client, editor, make_event):
    event = make_event("planned")
    url = f"/v1/events/{event['id']}/checklist"
    items = client.get(url, headers=editor).json()["items"]
    ticked = client.patch(f"{url}/{items[1]['id']}", json={"done": True}, headers=editor).json()
    assert ticked["done"] and ticked["done_at"]
    added = client.post(url, json={"text": "Bestill lunsj"}, headers=editor)
    assert added.status_code == 201
    order = [added.json()["id"]] + [i["id"] for i in items]
    r = client.put(f"{url}/order", json={"items": order}, headers=editor)
    assert [i["text"] for i in r.json()["items"]][:2] == ["Bestill lunsj", items[0]["text"]]
    assert client.put(f"{url}/order", json={"items": order[:-1]}, headers=editor).status_code == 422
    assert client.delete(f"{url}/{items[0]['id']}", headers=editor).status_code == 204
    assert client.delete(f"{url}/{items[0]['id']}", headers=editor).status_code == 404
    assert len(client.get(url, headers=editor).json()["items"]) == 7
