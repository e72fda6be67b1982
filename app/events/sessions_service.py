"""Seating over several group tasks (sessions) for an event, computed on request.

Nothing is stored: the plan is a pure function of the registered participants, the stored
seating (session 1, when there is one) and the seed, so reading it twice gives the same
tables and the door poster always matches the JSON.
"""

from pydantic import BaseModel, Field
from sqlmodel import Session

from app.core.errors import Unprocessable
from app.events.seating import SeatingInfeasible
from app.events.seating_service import TableOut, load_people, table_views
from app.events.seating_sessions import MAX_SESSIONS, seat_sessions
from app.models import Event


class SessionOut(BaseModel):
    number: int
    tables: list[TableOut]
    diversity: int = Field(description="Σ distinct services per table.")
    upper_bound: int = Field(description="Upper bound on `diversity` for this session.")
    repeated_pairs: int = Field(description="Pairs at one table who already shared one.")
    repeated_lower_bound: int = Field(description="No plan can have fewer repeated pairs.")
    tables_without_representative: int


class SessionsPublic(BaseModel):
    event: int
    seed: int
    first_from_stored_seating: bool = Field(
        description="True when session 1 is the stored seating (door poster), else computed."
    )
    sessions: list[SessionOut]
    repeated_pairs: int
    repeated_lower_bound: int
    diversity: int
    upper_bound: int
    tables_without_representative: int
    min_tables_without_representative: int = Field(
        description="max(0, tables - representatives) per session: 0 whenever possible."
    )
    problems: list[str]


def plan_sessions(
    session: Session, *, event: Event, sessions: int, seed: int, require_representatives: bool
) -> SessionsPublic:
    """Seat the registered participants for `sessions` group tasks; 422 when it cannot be."""
    rows, people = load_people(session, event)
    if not rows:
        raise Unprocessable("Ingen er påmeldt ennå, så ingen kan plasseres.", loc=["query"])
    stored = {p.id: p.table_no for p in rows if p.id is not None and p.table_no is not None}
    first = stored if stored and len(stored) == len(rows) else None
    try:
        plan = seat_sessions(
            list(people.values()),
            sessions=sessions,
            min_size=event.table_min,
            max_size=event.table_max,
            seed=seed,
            first=first,  # type: ignore[arg-type]
        )
    except SeatingInfeasible as exc:
        raise Unprocessable(exc.message, loc=["query", exc.field]) from None
    if require_representatives and plan.min_tables_without_representative:
        reps = sum(p.is_representative for p in people.values())
        n_tables = len(plan.sessions[0].seating.tables)
        raise Unprocessable(
            f"Det er {reps} brukerrepresentanter til {n_tables} bord: ikke alle bord kan få en. "
            "Inviter flere, eller velg færre og større bord.",
            loc=["query", "require_representatives"],
        )
    out = []
    for r in plan.sessions:
        tables = table_views(r.seating.tables, rows, people)
        out.append(
            SessionOut(
                number=r.number,
                tables=tables,
                diversity=r.seating.diversity,
                upper_bound=r.seating.upper_bound,
                repeated_pairs=r.repeated_pairs,
                repeated_lower_bound=r.repeated_lower_bound,
                tables_without_representative=r.tables_without_representative,
            )
        )
    return SessionsPublic(
        event=event.id,  # type: ignore[arg-type]
        seed=seed,
        first_from_stored_seating=first is not None,
        sessions=out,
        repeated_pairs=plan.repeated_pairs,
        repeated_lower_bound=plan.repeated_lower_bound,
        diversity=plan.diversity,
        upper_bound=plan.upper_bound,
        tables_without_representative=plan.tables_without_representative,
        min_tables_without_representative=plan.min_tables_without_representative,
        problems=plan.problems,
    )


__all__ = ["MAX_SESSIONS", "SessionsPublic", "plan_sessions"]
