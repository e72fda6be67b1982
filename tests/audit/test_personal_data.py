"""Participants' names and e-mails stay out of logs, audit rows and public responses."""

import pytest
from sqlmodel import Session, select

from app.core.config import get_settings
from app.models import AuditLog

NAME = "Ingrid Hemmeligsen-Vik"
EMAIL = "ingrid.hemmeligsen@example.no"
EVENT = {
    "title": "Samhandlingsdag om angst",
    "date": "2027-03-11",
    "start_time": "09:00",
    "end_time": "15:30",
    "venue": "Bergen",
    "capacity": 3,
    "table_min": 2,
    "table_max": 3,
    "status": "open",
}
PERSON = {
    "name": NAME,
    "email": EMAIL,
    "organisation": "Helsestasjonen i Årstad",
    "municipality": "4601",
    "service_type": "helsestasjon",
    "kind": "professional",
}


@pytest.fixture
def loud(monkeypatch):
    """Log everything, every request, before the app is built."""
    monkeypatch.setenv("FORLOP_ACCESS_LOG_SAMPLE", "1")
    monkeypatch.setenv("FORLOP_LOG_LEVEL", "DEBUG")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_seeded_personal_data_is_not_logged_audited_or_public(
    loud, client, world, auth, session: Session, caplog, capsys
):
    caplog.set_level("DEBUG")
    editor, admin = auth("editor", "bergen"), auth("admin")
    event = client.post("/v1/localities/bergen/events", json=EVENT, headers=editor).json()
    url = f"/v1/events/{event['id']}/registrations"
    receipt = client.post(url, json=PERSON)
    assert receipt.status_code == 201
    # The error paths: a duplicate, and a body that fails validation.
    dup = client.post(url, json=PERSON)
    assert dup.status_code == 409
    bad = client.post(url, json={**PERSON, "kind": "alien"})
    assert bad.status_code == 422
    # The organiser sees the participant (that is what the key is for).
    listed = client.get(url, headers=editor)
    assert listed.status_code == 200 and EMAIL in listed.text

    public = [
        dup,
        bad,
        client.get(f"/v1/events/{event['id']}"),
        client.get("/v1/localities/bergen/events"),
        client.get(f"/v1/events/{event['id']}/programme"),
        client.get("/v1/changes"),
        client.get("/metrics"),
        client.get(url),  # anonymous: refused, and says nothing about who is there
        client.get("/v1/audit", headers=admin),
    ]
    for r in public:
        assert NAME not in r.text and EMAIL not in r.text, (r.request.url, r.text[:200])
        assert "Hemmeligsen" not in r.text

    logged = caplog.text + capsys.readouterr().err
    assert "request" in logged, "the access log was on, so there was something to search"
    assert NAME not in logged and EMAIL not in logged and "Hemmeligsen" not in logged

    rows = session.exec(select(AuditLog)).all()
    assert any(r.entity == "event_participant" and r.actor == "anonymous" for r in rows)
    for r in rows:
        assert "Hemmeligsen" not in r.model_dump_json()
