"""Demo data: an upcoming collaboration day in Bergen with ~120 registrations, seated."""

import datetime as dt
import random

from sqlmodel import Session, select

from app.core.auth import hash_token
from app.demo.participants import MUNICIPALITY_WEIGHTS, SERVICE_WEIGHTS, realistic_people
from app.events import seating_service, service
from app.events.registration import unit_key
from app.events.schemas import EventCreate, EventStatus, ProgrammeIn, ProgrammeItemIn
from app.events.seating_service import SeatingRequest
from app.models import Event, Locality, Participant, ProgrammeItem, ServiceType

TITLE = "Samhandlingsdag: angst og tristhet hos barn og unge"
FIRST = [
    "Anne",
    "Kari",
    "Ingrid",
    "Sigrid",
    "Marit",
    "Hilde",
    "Nora",
    "Ida",
    "Silje",
    "Åse",
    "Ola",
    "Lars",
    "Per",
    "Knut",
    "Eirik",
    "Håkon",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Nilsen",
    "Berg",
    "Haugland",
    "Vik",
    "Dale",
    "Solheim",
    "Tveit",
    "Sæbø",
    "Økland",
]
ORGANISATIONS = {
    "helsestasjon": "Helsestasjonen",
    "skole": "Skolen",
    "barnehage": "Barnehagen",
    "ppt": "PPT",
    "barnevern": "Barneverntjenesten",
    "psykisk-helse-kommune": "Psykisk helse barn og unge",
    "kommunepsykolog": "Kommunepsykologene",
    "fastlege": "Legekontoret",
    "bup": "BUP",
    "habilitering": "Habiliteringstjenesten",
    "barneavdeling": "Barne- og ungdomsklinikken",
    "legevakt": "Legevakten",
    "familieambulatorium": "Familieambulatoriet",
    "barnehus": "Statens barnehus",
    "bufetat": "Bufetat",
    "brukerorganisasjon": "Mental Helse Ungdom",
}
PROGRAMME = [
    ("09:00", "Velkommen og mål for dagen", "information", "Helsefellesskapet"),
    ("09:20", "Forløpet for angst: hvem gjør hva?", "talk", "BUP Bergen"),
    ("10:00", "Ungdommens stemme", "talk", "Mental Helse Ungdom"),
    ("10:30", "Pause", "break", None),
    ("10:45", "Casearbeid ved bordene: Emma, 14 år", "group_work", None),
    ("12:00", "Lunsj", "break", None),
    ("12:45", "Casearbeid: henvisning og samarbeid", "group_work", None),
    ("14:15", "Oppsummering i plenum", "information", None),
]


def seed_events_demo(session: Session) -> Event | None:
    """Add the demo collaboration day once; skip quietly when the places or services are missing."""
    bergen = session.exec(select(Locality).where(Locality.code == "bergen")).first()
    if bergen is None:
        return None
    existing = session.exec(
        select(Event).where(Event.locality_id == bergen.id, Event.title == TITLE)
    ).first()
    if existing is not None:
        return existing
    munis = {
        m.code: m
        for m in session.exec(select(Locality).where(Locality.parent_id == bergen.id)).all()
    }
    types = {st.code: st for st in session.exec(select(ServiceType)).all()}
    services = {k: w for k, w in SERVICE_WEIGHTS.items() if k in types}
    if not munis or len(services) < 3:
        return None
    weights = {c: MUNICIPALITY_WEIGHTS.get(c, 2) for c in munis}
    event = service.create_event(
        session,
        locality=bergen,
        data=EventCreate(
            title=TITLE,
            date=dt.date(2027, 3, 11),
            start_time=dt.time(9, 0),
            end_time=dt.time(15, 0),
            venue="Grieghallen, Bergen",
            capacity=130,
            learning_goals="Kjenne hverandres roller i forløpene, og vite hvem man ringer.",
            status=EventStatus.open,
        ),
    )
    programme = ProgrammeIn(
        items=[
            ProgrammeItemIn(start_time=dt.time.fromisoformat(t), title=title, kind=kind, speaker=sp)  # type: ignore[arg-type]
            for t, title, kind, sp in PROGRAMME
        ]
    )
    for pos, item in enumerate(programme.items):
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
    rng = random.Random(2027)
    for p in realistic_people(120, seed=2027, municipalities=weights, services=services):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        st = types.get(p.service_type or "")
        muni = munis[p.municipality or next(iter(munis))]
        organisation = None
        if p.service_type in ORGANISATIONS and p.unit:
            organisation = f"{ORGANISATIONS[p.service_type]} {muni.name} {p.unit[-1]}"
        elif p.service_type == "brukerorganisasjon":
            organisation = ORGANISATIONS["brukerorganisasjon"]
        session.add(
            Participant(
                event_id=event.id,  # type: ignore[arg-type]
                name=name,
                email=f"deltaker{p.id}@example.no",
                organisation=organisation,
                dietary=rng.choice([None, None, None, "vegetar", "glutenfri", "laktosefri"]),
                kind=p.kind,
                service_type_id=st.id if st else None,
                municipality_id=muni.id,  # type: ignore[arg-type]
                unit_key=unit_key(organisation),
                status="registered",
                token_hash=hash_token(f"demo-{event.id}-{p.id}"),
            )
        )
    session.commit()
    seating_service.run_seating(session, event=event, data=SeatingRequest(seed=2027))
    return event
