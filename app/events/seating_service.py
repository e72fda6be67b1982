"""Running the seating optimiser for an event and reading the stored seating back."""

from typing import Annotated, Any

import orjson
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, select

from app.core.csvio import to_csv
from app.core.db import commit_answer
from app.core.errors import Unprocessable
from app.core.timestamps import rfc3339
from app.events.schemas import KIND_LABELS, ParticipantKind
from app.events.seating import Person, SeatingInfeasible, evaluate, seat
from app.models import Event, Locality, Participant, SeatingRun, ServiceType
from app.models.base import utcnow


class Lock(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant: int
    table: int = Field(ge=1)


class SeatingRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"seed": 42, "locks": [{"participant": 7, "table": 1}]}]},
    )

    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    locks: Annotated[list[Lock], Field(max_length=5000)] = []
    tables: int | None = Field(default=None, ge=1, le=1000, description="Default: the fewest.")


class Seat(BaseModel):
    participant: int
    name: str | None = Field(description="None once the participant is erased.")
    kind: ParticipantKind
    service_type: str | None
    municipality: str
    locked: bool


class TableOut(BaseModel):
    number: int
    size: int
    diversity: int = Field(description="Distinct service types (or participant kinds) here.")
    upper_bound: int = Field(description="min(table size, distinct service types available).")
    municipalities: int
    representatives: int
    same_unit_pairs: int
    members: list[Seat]


class SeatingPublic(BaseModel):
    event: int
    seed: int | None
    seated_at: str | None
    stale: bool = Field(description="True when registrations changed since the last run.")
    tables: list[TableOut]
    diversity: int
    upper_bound: int = Field(description="The tighter of Σ per-table bounds and Σ min(k, tables).")
    ratio: float
    average_diversity: float
    problems: list[str]


def load_people(session: Session, event: Event) -> tuple[list[Participant], dict[int, Person]]:
    rows = list(
        session.exec(
            select(Participant)
            .where(Participant.event_id == event.id, Participant.status == "registered")
            .order_by(Participant.id)  # type: ignore[arg-type]
        ).all()
    )
    munis = {loc.id: loc.code for loc in session.exec(select(Locality)).all()}
    types = {st.id: st.code for st in session.exec(select(ServiceType)).all()}
    people = {
        p.id: Person(
            id=p.id,  # type: ignore[arg-type]
            kind=p.kind,
            service_type=types.get(p.service_type_id) if p.service_type_id else None,
            municipality=munis.get(p.municipality_id),
            unit=p.unit_key,
        )
        for p in rows
        if p.id is not None
    }
    return rows, people


def run_seating(session: Session, *, event: Event, data: SeatingRequest) -> SeatingPublic:
    """Seat the registered participants and store the result; bad sizes or locks are 422."""
    rows, people = load_people(session, event)
    if not rows:
        raise Unprocessable("Ingen er påmeldt ennå, så ingen kan plasseres.", loc=["body"])
    locks: dict[int, int] = {}
    for i, lock in enumerate(data.locks):
        if lock.participant not in people:
            raise Unprocessable(
                f"Deltaker {lock.participant} er ikke påmeldt dette arrangementet.",
                loc=["body", "locks", i, "participant"],
            )
        if lock.participant in locks:
            raise Unprocessable(
                f"Deltaker {lock.participant} er låst to ganger.", loc=["body", "locks", i]
            )
        locks[lock.participant] = lock.table
    try:
        result = seat(
            list(people.values()),
            min_size=event.table_min,
            max_size=event.table_max,
            seed=data.seed,
            locks=locks,
            tables=data.tables,
        )
    except SeatingInfeasible as exc:
        raise Unprocessable(exc.message, loc=["body", exc.field]) from None
    for p in rows:
        p.table_no = result.assignment[p.id]  # type: ignore[index]
        p.locked = p.id in locks
        session.add(p)
    run = session.get(SeatingRun, event.id) or SeatingRun(event_id=event.id, seed=0, report="")  # type: ignore[arg-type]
    run.seed = data.seed
    run.created_at = utcnow()
    run.report = orjson.dumps(
        {
            "assignment": {str(k): v for k, v in result.assignment.items()},
            "diversity": result.diversity,
            "upper_bound": result.upper_bound,
            "problems": result.problems,
        }
    ).decode()
    session.add(run)
    return commit_answer(session, lambda: read_seating(session, event=event))


def read_seating(session: Session, *, event: Event) -> SeatingPublic:
    """The current seating with names (organisers only), re-evaluated on today's list."""
    rows, people = load_people(session, event)
    run = session.get(SeatingRun, event.id)
    seated = {p.id: p.table_no for p in rows if p.table_no is not None and p.id is not None}
    unseated = len(rows) - len(seated)
    report = evaluate(list(people[i] for i in seated), seated)
    tables = table_views(report.tables, rows, people)
    problems = list(report.problems)
    if unseated:
        problems.append(f"{unseated} påmeldte har ikke fått bord: kjør plasseringen på nytt.")
    return SeatingPublic(
        event=event.id,  # type: ignore[arg-type]
        seed=run.seed if run else None,
        seated_at=rfc3339(run.created_at) if run else None,
        stale=bool(unseated) or (run is not None and _changed_since(run, seated)),
        tables=tables,
        diversity=report.diversity,
        upper_bound=report.upper_bound,
        ratio=round(report.ratio, 4),
        average_diversity=round(report.average_diversity, 3),
        problems=problems,
    )


def table_views(tables: Any, rows: list[Participant], people: dict[int, Person]) -> list[TableOut]:
    """Evaluated tables as the API shows them: members by name, with their service and place."""
    by_id = {p.id: p for p in rows}
    out = []
    for t in tables:
        members = sorted((by_id[i] for i in t.members), key=lambda p: sort_key(p.name))
        out.append(
            TableOut(
                number=t.number,
                size=t.size,
                diversity=t.diversity,
                upper_bound=t.upper_bound,
                municipalities=t.municipalities,
                representatives=t.representatives,
                same_unit_pairs=t.same_unit_pairs,
                members=[
                    Seat(
                        participant=p.id,  # type: ignore[arg-type]
                        name=p.name,
                        kind=ParticipantKind(p.kind),
                        service_type=people[p.id].service_type,  # type: ignore[index]
                        municipality=people[p.id].municipality or "",  # type: ignore[index]
                        locked=p.locked,
                    )
                    for p in members
                ],
            )
        )
    return out


def _changed_since(run: SeatingRun, seated: dict[int, int]) -> bool:
    stored = orjson.loads(run.report).get("assignment", {})
    return {int(k): v for k, v in stored.items()} != seated


def sort_key(name: str | None) -> str:
    """Norwegian alphabetical order (æ, ø, å after z); erased names last."""
    if name is None:
        return "\uffff"
    return name.casefold().translate({ord("æ"): "{", ord("ø"): "|", ord("å"): "}"})


def surname_key(name: str | None) -> tuple[str, str]:
    """Norwegian order by surname (the last word of the name), then the whole name."""
    if not name or not name.split():
        return ("\uffff", "")
    return (sort_key(name.split()[-1]), sort_key(name))


def seating_csv(seating: SeatingPublic) -> bytes:
    """One row per seat, by table then name (comma-separated, UTF-8 with BOM)."""
    rows = [
        [
            t.number,
            s.name or "(slettet)",
            KIND_LABELS[s.kind.value],
            s.service_type or "",
            s.municipality,
            "ja" if s.locked else "",
        ]
        for t in seating.tables
        for s in t.members
    ]
    return to_csv(["Bord", "Navn", "Deltakertype", "Tjeneste", "Kommune", "Låst"], rows)
