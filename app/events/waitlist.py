"""The wait list: who moves up when a seat frees, and where someone stands in line."""

from sqlalchemy import func
from sqlmodel import Session, select

from app.models import Event, Participant


def promote_waitlist(session: Session, event: Event) -> int:
    """Move the longest-waiting up while there are free seats; returns how many moved."""
    registered = session.exec(
        select(func.count())
        .select_from(Participant)
        .where(Participant.event_id == event.id, Participant.status == "registered")
    ).one()
    free = event.capacity - registered
    if free <= 0:
        return 0
    waiting = session.exec(
        select(Participant)
        .where(Participant.event_id == event.id, Participant.status == "waitlisted")
        .order_by(Participant.id)  # type: ignore[arg-type]
        .limit(free)
    ).all()
    for p in waiting:
        p.status = "registered"
        session.add(p)
    session.flush()
    return len(waiting)


def waitlist_position(session: Session, participant: Participant) -> int | None:
    """1 for the next in line; None when not waiting."""
    if participant.status != "waitlisted":
        return None
    ahead = session.exec(
        select(func.count())
        .select_from(Participant)
        .where(
            Participant.event_id == participant.event_id,
            Participant.status == "waitlisted",
            Participant.id < participant.id,  # type: ignore[operator]
        )
    ).one()
    return ahead + 1
