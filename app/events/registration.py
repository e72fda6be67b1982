"""Registration: public sign-up with a wait list, cancellation by token, lists, erasure."""

import hashlib
import secrets
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.auth import hash_token
from app.core.csvio import to_csv
from app.core.db import commit_answer, is_postgres
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.pagination import keyset_page
from app.core.xlsx import to_xlsx
from app.events.schemas import (
    KIND_LABELS,
    ParticipantKind,
    ParticipantPublic,
    RegistrationCreate,
    RegistrationReceipt,
    RegistrationState,
    RegistrationStatus,
)
from app.events.waitlist import promote_waitlist, waitlist_position
from app.localities.lookups import municipalities
from app.models import Event, Locality, Participant, ServiceType
from app.models.base import utcnow

# Professionals and leaders sit at a table for a service; representatives need none.
NEEDS_SERVICE = {ParticipantKind.professional, ParticipantKind.leader}


def unit_key(organisation: str | None) -> str | None:
    """A stable key for 'the same unit' that survives the erasure of the organisation."""
    if not organisation or not organisation.strip():
        return None
    norm = " ".join(organisation.casefold().split())
    return hashlib.sha256(norm.encode()).hexdigest()


_TAKEN = {
    "en": "This e-mail address is already registered for this event.",
    "nb": "Denne e-postadressen er allerede påmeldt dette arrangementet.",
    "nn": "Denne e-postadressa er allereie påmeld til dette arrangementet.",
}


def locked_event(session: Session, event_id: int) -> Event:
    stmt = select(Event).where(Event.id == event_id)
    if is_postgres(session):
        stmt = stmt.with_for_update()  # capacity is decided one registration at a time
    event = session.exec(stmt).first()
    if event is None:
        raise NotFound(
            f"There is no event {event_id}.",
            messages={
                "nb": f"Arrangement {event_id} finnes ikke.",
                "nn": f"Arrangement {event_id} finst ikkje.",
            },
        )
    return event


def register(
    session: Session, *, event_id: int, data: RegistrationCreate, lang: str = "nb"
) -> RegistrationReceipt:
    """Sign up for an open event: a seat while there is one, else the wait list."""
    event = locked_event(session, event_id)
    if event.status != "open":
        raise Conflict(
            f"Registration for «{event.title}» is not open (status: {event.status}).",
            messages={
                "nb": f"Påmeldingen til «{event.title}» er ikke åpen (status: {event.status}).",
                "nn": f"Påmeldinga til «{event.title}» er ikkje open (status: {event.status}).",
            },
        )
    municipality = next((m for m in municipalities(session) if m.code == data.municipality), None)
    if municipality is None:
        raise Unprocessable(
            f"There is no municipality '{data.municipality}'.",
            loc=["body", "municipality"],
            messages={
                "nb": f"Kommunen «{data.municipality}» finnes ikke.",
                "nn": f"Kommunen «{data.municipality}» finst ikkje.",
            },
        )
    service_type_id = None
    if data.service_type is not None:
        st = session.exec(select(ServiceType).where(ServiceType.code == data.service_type)).first()
        if st is None:
            raise Unprocessable(
                f"There is no service type '{data.service_type}'.",
                loc=["body", "service_type"],
                messages={
                    "nb": f"Tjenesten «{data.service_type}» finnes ikke.",
                    "nn": f"Tenesta «{data.service_type}» finst ikkje.",
                },
            )
        service_type_id = st.id
    elif data.kind in NEEDS_SERVICE:
        raise Unprocessable(
            f"A participant of kind '{data.kind.value}' needs a service_type.",
            loc=["body", "service_type"],
            messages={
                "nb": f"Deltakere av typen «{data.kind.value}» må oppgi tjenesten sin.",
                "nn": f"Deltakarar av typen «{data.kind.value}» må oppgje tenesta si.",
            },
        )
    taken = session.exec(
        select(Participant.id).where(
            Participant.event_id == event.id, Participant.email == data.email
        )
    ).first()
    if taken is not None:
        raise Conflict(_TAKEN["en"], messages=_TAKEN)
    registered = session.exec(
        select(Participant.id).where(
            Participant.event_id == event.id, Participant.status == "registered"
        )
    ).all()
    status = "registered" if len(registered) < event.capacity else "waitlisted"
    token = secrets.token_urlsafe(32)
    participant = Participant(
        event_id=event.id,  # type: ignore[arg-type]
        name=data.name,
        email=data.email,
        organisation=data.organisation or None,
        dietary=data.dietary or None,
        kind=data.kind.value,
        service_type_id=service_type_id,
        municipality_id=municipality.id,  # type: ignore[arg-type]
        unit_key=unit_key(data.organisation),
        status=status,
        token_hash=hash_token(token),
    )
    session.add(participant)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(_TAKEN["en"], messages=_TAKEN) from None
    position = waitlist_position(session, participant)
    session.commit()
    if status == "registered":
        message = (
            f"Du er påmeld til «{event.title}»."
            if lang == "nn"
            else (f"Du er påmeldt «{event.title}».")
        )
    elif lang == "nn":
        message = (
            f"«{event.title}» er fullt. Du står som nummer {position} på ventelista og "
            "rykkjer opp automatisk viss nokon melder seg av."
        )
    else:
        message = (
            f"«{event.title}» er fullt. Du står som nummer {position} på ventelisten og "
            "rykker opp automatisk hvis noen melder seg av."
        )
    return RegistrationReceipt(
        event=event.id,  # type: ignore[arg-type]
        status=RegistrationStatus(status),
        waitlist_position=position,
        cancel_token=token,
        message=message,
    )


def _by_token(session: Session, token: str) -> Participant:
    participant = session.exec(
        select(Participant).where(Participant.token_hash == hash_token(token))
    ).first()
    if participant is None:
        raise NotFound(
            "There is no registration with this token.",
            messages={
                "nb": "Vi fant ingen påmelding for denne lenken.",
                "nn": "Vi fann inga påmelding for denne lenka.",
            },
        )
    return participant


def registration_state(session: Session, *, token: str) -> RegistrationState:
    """Where a registrant stands (for the holder of the cancel token)."""
    participant = _by_token(session, token)
    event = session.get(Event, participant.event_id)
    assert event is not None
    return RegistrationState(
        event=event.id,  # type: ignore[arg-type]
        title=event.title,
        status=RegistrationStatus(participant.status),
        waitlist_position=waitlist_position(session, participant),
    )


def cancel(session: Session, *, token: str) -> None:
    """Cancel a registration, forget its personal data, and let the wait list move up."""
    participant = _by_token(session, token)
    if participant.status == "cancelled":
        raise Conflict(
            "This registration is already cancelled.",
            messages={
                "nb": "Denne påmeldingen er allerede avmeldt.",
                "nn": "Denne påmeldinga er allereie avmeld.",
            },
        )
    event = locked_event(session, participant.event_id)
    participant.status = "cancelled"
    participant.name = participant.email = participant.organisation = participant.dietary = None
    participant.table_no = None
    participant.locked = False
    session.add(participant)
    session.flush()
    promote_waitlist(session, event)
    session.commit()


def _lookups(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    munis = {
        loc_id: code
        for loc_id, code in session.execute(sa_select(col(Locality.id), col(Locality.code)))
    }
    types = {
        st_id: code
        for st_id, code in session.execute(sa_select(col(ServiceType.id), col(ServiceType.code)))
    }
    return munis, types


def _public(
    p: Participant, munis: dict[int, str], types: dict[int, str], position: int | None
) -> ParticipantPublic:
    return ParticipantPublic(
        id=p.id,  # type: ignore[arg-type]
        name=p.name,
        email=p.email,
        organisation=p.organisation,
        municipality=munis[p.municipality_id],
        service_type=types.get(p.service_type_id) if p.service_type_id else None,
        kind=ParticipantKind(p.kind),
        dietary=p.dietary,
        status=RegistrationStatus(p.status),
        waitlist_position=position,
        table=p.table_no,
        locked=p.locked,
        erased=p.erased_at is not None,
        created_at=p.created_at,
    )


def _positions(session: Session, event: Event) -> dict[int, int]:
    waiting = session.exec(
        select(Participant.id)
        .where(Participant.event_id == event.id, Participant.status == "waitlisted")
        .order_by(Participant.id)  # type: ignore[arg-type]
    ).all()
    return {pid: i + 1 for i, pid in enumerate(waiting) if pid is not None}


def list_participants(
    session: Session,
    *,
    event: Event,
    status: RegistrationStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[ParticipantPublic], str | None]:
    """A page of participants in registration order (registered and wait-listed by default)."""
    stmt = sa_select(Participant).where(Participant.event_id == event.id)  # type: ignore[arg-type]
    if status is None:
        stmt = stmt.where(Participant.status != "cancelled")  # type: ignore[arg-type]
    else:
        stmt = stmt.where(Participant.status == status.value)  # type: ignore[arg-type]
    rows, next_cursor = keyset_page(
        session,
        stmt,
        Participant.id,
        lambda p: p.id,
        limit=limit,
        cursor=cursor,
        key_type=int,  # type: ignore[arg-type]
    )
    munis, types = _lookups(session)
    positions = _positions(session, event)
    return [_public(p, munis, types, positions.get(p.id)) for p in rows], next_cursor  # type: ignore[arg-type]


def participants_csv(session: Session, *, event: Event) -> bytes:
    """The registration list for organisers as CSV (comma-separated, UTF-8 with BOM)."""
    return to_csv(*participants_table(session, event=event))


def participants_xlsx(session: Session, *, event: Event) -> bytes:
    """The same list as an Excel workbook."""
    header, rows = participants_table(session, event=event)
    return to_xlsx(header, rows, sheet="Deltakere")


def participants_table(session: Session, *, event: Event) -> tuple[list[str], list[list[Any]]]:
    """The registration list's header and rows, as organisers read it."""
    rows = session.exec(
        select(Participant)
        .where(Participant.event_id == event.id, Participant.status != "cancelled")
        .order_by(Participant.id)  # type: ignore[arg-type]
    ).all()
    munis, types = _lookups(session)
    positions = _positions(session, event)
    header = [
        "Navn", "E-post", "Organisasjon", "Kommune", "Tjeneste", "Deltakertype",
        "Kost og allergier", "Status", "Plass på venteliste", "Bord", "Påmeldt",
    ]  # fmt: skip
    status_nb = {"registered": "påmeldt", "waitlisted": "venteliste"}
    body = [
        [
            p.name or "(slettet)",
            p.email,
            p.organisation,
            munis[p.municipality_id],
            types.get(p.service_type_id) if p.service_type_id else "",
            KIND_LABELS[p.kind],
            p.dietary,
            status_nb[p.status],
            positions.get(p.id),  # type: ignore[arg-type]
            p.table_no,
            p.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for p in rows
    ]
    return header, body


def erase(session: Session, *, event: Event, participant_id: int) -> ParticipantPublic:
    """GDPR erasure: wipe who they are, keep what seating needs (kind, service, place, table)."""
    p = session.get(Participant, participant_id)
    if p is None or p.event_id != event.id:
        raise NotFound(f"Event {event.id} has no participant {participant_id}.")
    p.name = p.email = p.organisation = p.dietary = None
    if p.erased_at is None:
        p.erased_at = utcnow()
    session.add(p)

    def answer() -> ParticipantPublic:
        munis, types = _lookups(session)
        return _public(p, munis, types, waitlist_position(session, p))

    return commit_answer(session, answer)
