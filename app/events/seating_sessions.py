"""Tables that change between group tasks: several sessions, as few repeated pairs as possible.

This is the "social golfer" problem with today's seating rules on top. Every session is
first seated by `seat` (so each session, on its own, follows every rule: table sizes, a user
representative per table while there are enough, services spread, municipalities mixed).
Then a local search swaps people between tables to remove pairs who already shared a table
in an earlier session. A swap is only taken when it keeps each table's representatives and
never lowers the session's number of distinct services: meeting new people never costs a
rule or a service at the table. Pure and deterministic for a seed.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from math import comb

from app.events.seating import Person, Seating, SeatingInfeasible, evaluate, seat, table_sizes

MAX_SESSIONS = 6


@dataclass
class SessionReport:
    """One session (group task): its seating and how many pairs sat together before."""

    number: int
    seating: Seating
    repeated_pairs: int
    repeated_lower_bound: int
    tables_without_representative: int


@dataclass
class SessionPlan:
    """All sessions and the overall figures."""

    sessions: list[SessionReport]
    repeated_pairs: int
    repeated_lower_bound: int
    diversity: int
    upper_bound: int
    tables_without_representative: int
    min_tables_without_representative: int
    problems: list[str] = field(default_factory=list)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _balanced_pairs(group: int, tables: int) -> int:
    """The fewest pairs `group` people share when spread over `tables` tables."""
    base, extra = divmod(group, tables)
    return extra * comb(base + 1, 2) + (tables - extra) * comb(base, 2)


def repeated_lower_bounds(
    n_people: int, sizes: Sequence[int], sessions: int
) -> tuple[list[int], int]:
    """Lower bounds on repeated pairs: one per session, and one for the whole day.

    Per session: the people of one earlier table, spread over this session's tables as
    evenly as can be, still share some tables again. For the day, also: all the pairs
    seated cannot exceed the C(n, 2) pairs there are, and one person cannot meet more than
    n - 1 others (these two only bound the sum, not any one session).
    """
    per_session = sum(comb(s, 2) for s in sizes)
    smallest = min(sizes, default=1)
    spread = sum(_balanced_pairs(g, len(sizes)) for g in sizes) if sizes else 0
    each = [0] + [spread] * (sessions - 1) if sessions else []
    by_pairs = sessions * per_session - comb(n_people, 2)
    by_person = -(-n_people * (sessions * (smallest - 1) - (n_people - 1)) // 2)
    return each, max(sum(each), by_pairs, by_person, 0)


class _Tables:
    """Members per table with counters that make a swap's effect cheap to compute."""

    def __init__(self, people: Sequence[Person], assignment: Mapping[int, int]) -> None:
        self.by_id = {p.id: p for p in people}
        self.table_of = dict(assignment)
        n = max(assignment.values(), default=0)
        self.members: list[list[int]] = [[] for _ in range(n + 1)]
        self.services: list[Counter[str]] = [Counter() for _ in range(n + 1)]
        for pid, t in assignment.items():
            self.members[t].append(pid)
            self.services[t][self.by_id[pid].service_key] += 1

    def swap(self, a: int, b: int) -> None:
        ta, tb = self.table_of[a], self.table_of[b]
        ka, kb = self.by_id[a].service_key, self.by_id[b].service_key
        self.members[ta].remove(a)
        self.members[tb].remove(b)
        self.members[ta].append(b)
        self.members[tb].append(a)
        self.services[ta][ka] -= 1
        self.services[ta][kb] += 1
        self.services[tb][kb] -= 1
        self.services[tb][ka] += 1
        self.table_of[a], self.table_of[b] = tb, ta


def _diversity_gain(c: Counter[str], out: str, inn: str) -> int:
    if out == inn:
        return 0
    return (1 if c[inn] == 0 else 0) - (1 if c[out] == 1 else 0)


def _met_at(met: Mapping[tuple[int, int], int], pid: int, others: Sequence[int], skip: int) -> int:
    return sum(met.get(_pair(pid, o), 0) for o in others if o != pid and o != skip)


def _reduce_repeats(tables: _Tables, met: Mapping[tuple[int, int], int], sweeps: int) -> None:
    """Swap people between tables while that removes repeated pairs (first improvement)."""
    everyone = sorted(tables.table_of)
    for _ in range(sweeps):
        improved = False
        for a in everyone:
            ta = tables.table_of[a]
            own = _met_at(met, a, tables.members[ta], a)
            if own == 0:
                continue
            pa = tables.by_id[a]
            best: tuple[int, int, int] | None = None
            for b in everyone:
                tb = tables.table_of[b]
                if tb == ta:
                    continue
                pb = tables.by_id[b]
                if pb.is_representative != pa.is_representative:
                    continue  # keeps every table's representatives as `seat` placed them
                ka, kb = pa.service_key, pb.service_key
                div = _diversity_gain(tables.services[ta], ka, kb) + _diversity_gain(
                    tables.services[tb], kb, ka
                )
                if div < 0:
                    continue
                before = own + _met_at(met, b, tables.members[tb], b)
                after = _met_at(met, a, tables.members[tb], b) + _met_at(
                    met, b, tables.members[ta], a
                )
                gain = before - after
                if gain > 0 and (best is None or (gain, div) > best[:2]):
                    best = (gain, div, b)
            if best is not None:
                tables.swap(a, best[2])
                improved = True
        if not improved:
            return


def seat_sessions(
    people: Sequence[Person],
    *,
    sessions: int,
    min_size: int = 6,
    max_size: int = 8,
    seed: int = 0,
    tables: int | None = None,
    first: Mapping[int, int] | None = None,
    sweeps: int = 8,
) -> SessionPlan:
    """Seat everyone for `sessions` group tasks; `first` keeps a stored seating as session 1."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise SeatingInfeasible(
            f"Antall økter må være mellom 1 og {MAX_SESSIONS}.", field="sessions"
        )
    sizes = table_sizes(len(people), min_size, max_size, tables)
    n_tables = len(sizes)
    if first is not None:
        n_tables = max(first.values(), default=0)
        sizes = list(Counter(first.values()).values())
    bounds, day_bound = repeated_lower_bounds(len(people), sizes, sessions)
    reps = sum(p.is_representative for p in people)
    min_without = max(0, n_tables - reps)
    met: Counter[tuple[int, int]] = Counter()
    reports: list[SessionReport] = []
    for s in range(sessions):
        if s == 0 and first is not None:
            assignment = dict(first)
        else:
            start = seat(
                people,
                min_size=min_size,
                max_size=max_size,
                seed=seed + s,
                tables=n_tables,
            )
            state = _Tables(people, start.assignment)
            if met:
                _reduce_repeats(state, met, sweeps)
            assignment = state.table_of
        result = evaluate(people, assignment)
        repeated = 0
        for t in result.tables:
            ms = t.members
            for i, a in enumerate(ms):
                for b in ms[i + 1 :]:
                    key = _pair(a, b)
                    repeated += met[key] > 0
                    met[key] += 1
        reports.append(
            SessionReport(
                number=s + 1,
                seating=result,
                repeated_pairs=repeated,
                repeated_lower_bound=bounds[s],
                tables_without_representative=sum(
                    1 for t in result.tables if t.representatives == 0
                ),
            )
        )
    problems: list[str] = []
    if min_without:
        problems.append(
            f"{reps} brukerrepresentanter til {n_tables} bord: {min_without} bord får ingen "
            "i hver økt."
        )
    for r in reports:
        problems.extend(f"Økt {r.number}: {p}" for p in r.seating.problems if "får ingen" not in p)
    return SessionPlan(
        sessions=reports,
        repeated_pairs=sum(r.repeated_pairs for r in reports),
        repeated_lower_bound=day_bound,
        diversity=sum(r.seating.diversity for r in reports),
        upper_bound=sum(r.seating.upper_bound for r in reports),
        tables_without_representative=sum(r.tables_without_representative for r in reports),
        min_tables_without_representative=min_without * sessions,
        problems=problems,
    )
