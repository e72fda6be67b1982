"""Helpers for the event API tests: an event in Bergen's health community."""

import pytest

EVENT = {
    "title": "Samhandlingsdag om angst",
    "date": "2027-03-11",
    "start_time": "09:00",
    "end_time": "15:30",
    "venue": "Bergen",
    "capacity": 3,
    "table_min": 2,
    "table_max": 3,
}


def person(i: int, **extra):
    body = {
        "name": f"Deltaker {i}",
        "email": f"p{i}@example.no",
        "organisation": f"Enhet {i}",
        "municipality": "4601",
        "service_type": "helsestasjon",
        "kind": "professional",
    }
    body.update(extra)
    return body


@pytest.fixture
def editor(auth, world):
    return auth("editor", "bergen")


@pytest.fixture
def make_event(client, editor):
    def _make(status: str = "open", **overrides):
        r = client.post(
            "/v1/localities/bergen/events",
            json={**EVENT, **overrides, "status": status},
            headers=editor,
        )
        assert r.status_code == 201, r.text
        return r.json()

    return _make
