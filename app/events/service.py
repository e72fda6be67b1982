"""Use-cases of collaboration days: events, their programme and their checklist."""

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.changes.log import record_change
from app.core.auth import Principal, authorize
from app.core.db import commit_answer
from app.core.errors import NotFound, Unprocessable
from app.core.http import public_etag, require_if_match
from app.core.pagination import keyset_page
from app.events import starting_points
from app.events.feedback import ensure_default_questions
from app.events.schemas import (
    ChecklistItemCreate,
    ChecklistItemPublic,
    ChecklistItemUpdate,
    ChecklistOrder,
    ChecklistPublic,
    EventCreate,
    EventPublic,
    EventStatus,
    EventUpdate,
    ProgrammeIn,
    ProgrammeItemPublic,
    ProgrammeKind,
    ProgrammePublic,
)
from app.events.waitlist import promote_waitlist
from app.localities import service as localities_service
from app.models import (
    ChecklistItem,
    Event,
    FeedbackQuestion,
    Locality,
    Participant,
    ProgrammeItem,
)
from app.models.base import Role, utcnow

STANDARD_CHECKLIST = [
    "Møt ressurspersoner på forhånd",
    "Finn lokale",
    "Send invitasjon med påmelding",
    "Planlegg dagen med prosjektgruppen",
    "Finn foredragsholdere",
    "Del deltakerne inn i grupper",
    "Skriv ut oppgaver og materiell",
]


def get_event(session: Session, event_id: int) -> Event:
    """The event with this id, or 404."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"There is no event {event_id}.")
    return event


def event_chain(session: Session, event: Event) -> list[str]:
    """The owning locality's chain, for scope checks."""
    owner = session.get(Locality, event.locality_id)
    assert owner is not None
    return [loc.code for loc in localities_service.chain_of(session, owner)]


def authorize_organiser(session: Session, principal: Principal | None, event: Event) -> None:
    """Organisers are editors whose scope covers the event's owning locality."""
    authorize(principal, Role.editor, event_chain(session, event))


def authorize_read(session: Session, principal: Principal | None, event: Event) -> None:
    """A planned event is internal to its organisers' locality; the rest is public."""
    if event.status == EventStatus.planned:
        authorize(principal, Role.reader, event_chain(session, event))


def _programme(session: Session, event_id: int) -> list[ProgrammeItemPublic]:
    rows = session.exec(
        select(ProgrammeItem)
        .where(ProgrammeItem.event_id == event_id)
        .order_by(ProgrammeItem.position)  # type: ignore[arg-type]
    ).all()
    return [
        ProgrammeItemPublic(
            start_time=r.start_time, title=r.title, kind=ProgrammeKind(r.kind), speaker=r.speaker
        )
        for r in rows
    ]


def counts(session: Session, event_id: int) -> dict[str, int]:
    """How many are registered and wait-listed."""
    rows = session.execute(
        sa_select(col(Participant.status), func.count())
        .where(col(Participant.event_id) == event_id)
        .group_by(col(Participant.status))
    ).all()
    return {status: n for status, n in rows}


def to_public(session: Session, event: Event) -> EventPublic:
    """The public shape of an event, without any personal data."""
    owner = session.get(Locality, event.locality_id)
    assert owner is not None and event.id is not None
    n = counts(session, event.id)
    registered = n.get("registered", 0)
    return EventPublic(
        id=event.id,
        locality=owner.code,
        title=event.title,
        date=event.date,
        start_time=event.start_time,
        end_time=event.end_time,
        venue=event.venue,
        capacity=event.capacity,
        table_min=event.table_min,
        table_max=event.table_max,
        learning_goals=event.learning_goals,
        status=EventStatus(event.status),
        invitation=event.invitation,
        programme=_programme(session, event.id),
        registered=registered,
        waitlisted=n.get("waitlisted", 0),
        places_left=max(0, event.capacity - registered),
    )


def _log(session: Session, event: Event) -> None:
    # Only events the public can see belong in the changes feed.
    if event.status != EventStatus.planned:
        owner = session.get(Locality, event.locality_id)
        assert owner is not None
        record_change(
            session, entity="event", action="upsert", entity_id=str(event.id), locality=owner.code
        )


def create_event(
    session: Session, *, locality: Locality, data: EventCreate, base_url: str = ""
) -> Event:
    """A new event with the standard checklist, or the whole starting point when asked."""
    fields = data.model_dump(mode="python", exclude={"starting_point", "invitation"})
    event = Event(locality_id=locality.id, **fields)  # type: ignore[arg-type]
    event.status = data.status.value
    event.invitation = data.invitation or ""
    session.add(event)
    session.flush()
    lang = data.starting_point
    checklist = STANDARD_CHECKLIST if lang is None else starting_points.checklist(lang)
    for pos, text in enumerate(checklist):
        session.add(ChecklistItem(event_id=event.id, position=pos, text=text))  # type: ignore[arg-type]
    if lang == "nn":
        for pos, (text, kind) in enumerate(starting_points.FEEDBACK_QUESTIONS_NN):
            session.add(FeedbackQuestion(event_id=event.id, position=pos, text=text, kind=kind))  # type: ignore[arg-type]
    if lang is not None:
        for pos, item in enumerate(starting_points.programme(lang, data.start_time, data.end_time)):
            session.add(
                ProgrammeItem(
                    event_id=event.id,  # type: ignore[arg-type]
                    position=pos,
                    start_time=item.start_time,
                    title=item.title,
                    kind=item.kind.value,
                )
            )
        if not data.invitation:
            event.invitation = starting_points.invitation(
                lang,
                title=event.title,
                date=event.date,
                start=event.start_time,
                end=event.end_time,
                venue=event.venue,
                link=f"{base_url.rstrip('/')}/v1/events/{event.id}/register?lang={lang}",
            )
    ensure_default_questions(session, event)
    _log(session, event)
    session.commit()
    return event


def list_events(
    session: Session,
    *,
    locality: Locality,
    principal: Principal | None,
    status: EventStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[EventPublic], str | None]:
    """Events owned by the locality or its ancestors; planned ones only for readers in scope."""
    chain = localities_service.chain_of(session, locality)
    stmt = sa_select(Event).where(col(Event.locality_id).in_([loc.id for loc in chain]))
    if status is not None:
        stmt = stmt.where(Event.status == status.value)  # type: ignore[arg-type]
    if principal is None or not principal.has(Role.reader, [loc.code for loc in chain]):
        stmt = stmt.where(Event.status != EventStatus.planned.value)  # type: ignore[arg-type]
    rows, next_cursor = keyset_page(
        session,
        stmt,
        Event.id,
        lambda e: e.id,
        limit=limit,
        cursor=cursor,
        key_type=int,  # type: ignore[arg-type]
    )
    return [to_public(session, e) for e in rows], next_cursor


def update_event(
    session: Session, *, event: Event, data: EventUpdate, if_match: str | None
) -> Event:
    """Change an event's details or status, if the client saw its current version."""
    require_if_match(if_match, public_etag(to_public(session, event)))
    changes = data.model_dump(exclude_unset=True, mode="python")
    for key in (
        "title", "date", "start_time", "end_time", "capacity", "table_min", "table_max",
        "invitation",
    ):  # fmt: skip
        if key in changes and changes[key] is None:
            raise Unprocessable(f"{key} cannot be null.", loc=["body", key])
    merged = {**event.model_dump(), **changes}
    if merged["table_min"] > merged["table_max"]:
        raise Unprocessable(
            "table_min must not be larger than table_max.", loc=["body", "table_min"]
        )
    if merged["end_time"] <= merged["start_time"]:
        raise Unprocessable("end_time must be after start_time.", loc=["body", "end_time"])
    registered = counts(session, event.id).get("registered", 0)  # type: ignore[arg-type]
    if merged["capacity"] < registered:
        raise Unprocessable(
            f"{registered} are already registered; the capacity cannot go below that.",
            loc=["body", "capacity"],
        )
    for key, value in changes.items():
        setattr(event, key, value.value if isinstance(value, EventStatus) else value)
    event.updated_at = utcnow()
    session.add(event)
    session.flush()
    if merged["capacity"] > registered:
        promote_waitlist(session, event)
    _log(session, event)
    session.commit()
    return event


def programme_public(session: Session, event: Event) -> ProgrammePublic:
    """The event's programme."""
    assert event.id is not None
    return ProgrammePublic(event=event.id, items=_programme(session, event.id))


def replace_programme(
    session: Session, *, event: Event, data: ProgrammeIn, if_match: str | None
) -> ProgrammePublic:
    """Replace the whole programme, in the order given (If-Match of the programme)."""
    require_if_match(if_match, public_etag(programme_public(session, event)))
    for row in session.exec(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id)):
        session.delete(row)
    session.flush()
    for pos, item in enumerate(data.items):
        session.add(
            ProgrammeItem(
                event_id=event.id,  # type: ignore[arg-type]
                position=pos,
                start_time=item.start_time,
                title=item.title,
                kind=item.kind.value,
                speaker=item.speaker,
            )
        )
    event.updated_at = utcnow()
    session.add(event)
    _log(session, event)
    return commit_answer(session, lambda: programme_public(session, event))


def _checklist_rows(session: Session, event: Event) -> list[ChecklistItem]:
    return list(
        session.exec(
            select(ChecklistItem)
            .where(ChecklistItem.event_id == event.id)
            .order_by(ChecklistItem.position, ChecklistItem.id)  # type: ignore[arg-type]
        ).all()
    )


def checklist_public(session: Session, event: Event) -> ChecklistPublic:
    """The event's checklist in order."""
    assert event.id is not None
    items = [
        ChecklistItemPublic(
            id=r.id, position=r.position, text=r.text, done=r.done, done_at=r.done_at
        )  # type: ignore[arg-type]
        for r in _checklist_rows(session, event)
    ]
    return ChecklistPublic(event=event.id, items=items)


def add_checklist_item(
    session: Session, *, event: Event, data: ChecklistItemCreate
) -> ChecklistItemPublic:
    """Add a task at the end of the checklist."""
    rows = _checklist_rows(session, event)
    item = ChecklistItem(
        event_id=event.id,  # type: ignore[arg-type]
        position=(rows[-1].position + 1) if rows else 0,
        text=data.text,
    )
    session.add(item)
    session.commit()
    return ChecklistItemPublic(
        id=item.id,
        position=item.position,
        text=item.text,
        done=False,
        done_at=None,  # type: ignore[arg-type]
    )


def _item(session: Session, event: Event, item_id: int) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(f"Event {event.id} has no checklist item {item_id}.")
    return item


def update_checklist_item(
    session: Session, *, event: Event, item_id: int, data: ChecklistItemUpdate
) -> ChecklistItemPublic:
    """Tick, untick or reword a task."""
    item = _item(session, event, item_id)
    if data.text is not None:
        item.text = data.text
    if data.done is not None and data.done != item.done:
        item.done = data.done
        item.done_at = utcnow() if data.done else None
    session.add(item)
    session.commit()
    return ChecklistItemPublic(
        id=item.id,
        position=item.position,
        text=item.text,
        done=item.done,
        done_at=item.done_at,  # type: ignore[arg-type]
    )


def delete_checklist_item(session: Session, *, event: Event, item_id: int) -> None:
    """Remove a task."""
    session.delete(_item(session, event, item_id))
    session.commit()


def reorder_checklist(session: Session, *, event: Event, data: ChecklistOrder) -> ChecklistPublic:
    """Put the tasks in the given order; the list must name every task exactly once."""
    rows = {r.id: r for r in _checklist_rows(session, event) if r.id is not None}
    if sorted(data.items) != sorted(rows):
        raise Unprocessable(
            "items must list every checklist item of this event exactly once.",
            loc=["body", "items"],
        )
    for pos, item_id in enumerate(data.items):
        rows[item_id].position = pos
        session.add(rows[item_id])
    return commit_answer(session, lambda: checklist_public(session, event))
