"""The demo collaboration day: 120 registrations, seated, added once."""

from sqlmodel import select

from app.demo.events import seed_events_demo
from app.models import Event, Participant


def test_demo_day_is_seated_and_idempotent(session, world, client):
    event = seed_events_demo(session)
    assert event is not None
    again = seed_events_demo(session)
    assert again is not None and again.id == event.id
    assert len(session.exec(select(Event)).all()) == 1
    people = session.exec(select(Participant).where(Participant.event_id == event.id)).all()
    assert len(people) == 120 and all(p.table_no for p in people)
    public = client.get(f"/v1/events/{event.id}").json()
    assert public["registered"] == 120 and len(public["programme"]) == 8


def test_demo_does_nothing_without_places(session):
    assert seed_events_demo(session) is None
