"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

import re

from app.openapi_file import current_document


def _time_schema(model: str) -> dict:
    return current_document()["components"]["schemas"][model]["properties"]["start_time"]


def test_event_times_match_their_documented_schema(client, make_event):
    # curl -X GET /v1/events/1 (and /v1/events/1/programme): "09:00:00" broke `format: time`,
    # which requires a UTC offset.
    event = make_event()
    body = client.get(f"/v1/events/{event['id']}").json()
    schema = _time_schema("EventPublic")
    assert "format" not in schema
    assert re.fullmatch(schema["pattern"], body["start_time"])
    assert re.fullmatch(schema["pattern"], body["end_time"])
    assert "format" not in _time_schema("ProgrammeItemPublic")


def test_a_registration_with_a_body_that_is_not_text_is_a_422(client, make_event):
    # curl -X POST -H 'Content-Type: application/json' -d 'l\xffz' /v1/events/Inf/registrations
    event = make_event()
    r = client.post(
        f"/v1/events/{event['id']}/registrations",
        content=b"l\xffz",
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body"]
    assert client.get(f"/v1/events/{event['id']}").json()["registered"] == 0
