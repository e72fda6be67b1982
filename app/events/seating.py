"""The seating optimiser for collaboration days: pure, deterministic for a seed, no I/O.

Hard rules: every table's size lies in [min_size, max_size]; every table gets a user
representative (youth, parent, user organisation) while there are enough of them, one per
table before any table gets a second. Soft goals, in this order: as many different service
types per table as possible, municipalities mixed, people from the same unit apart.

A greedy construction (representatives first, then each service type spread over as many
tables as it has people, largest remaining room first) is followed by a local search of
pairwise swaps that improve the lexicographic objective, bounded by a number of sweeps so
that the result depends on the seed only, never on the clock.
"""

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

REPRESENTATIVE_KINDS = frozenset({"youth", "parent", "user_org"})


class SeatingInfeasible(ValueError):
    """The input cannot be seated under the hard rules (sizes or locks); `field` names why."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Person:
    """One registered participant as the optimiser sees them."""

    id: int
    kind: str
    service_type: str | None = None
    municipality: str | None = None
    unit: str | None = None

    @property
    def is_representative(self) -> bool:
        return self.kind in REPRESENTATIVE_KINDS

    @property
    def service_key(self) -> str:
        """What counts as one 'service' at a table: the service type, else the kind."""
        return self.service_type or f"kind:{self.kind}"


@dataclass
class TableReport:
    """One table: who sits there and how diverse it is."""

    number: int
    members: list[int]
    size: int
    diversity: int
    upper_bound: int
    municipalities: int
    representatives: int
    same_unit_pairs: int


@dataclass
class Seating:
    """The assignment (participant id → table number, 1-based) and its report."""

    assignment: dict[int, int]
    tables: list[TableReport]
    diversity: int
    upper_bound: int
    problems: list[str] = field(default_factory=list)

    @property
    def average_diversity(self) -> float:
        return self.diversity / len(self.tables) if self.tables else 0.0

    @property
    def ratio(self) -> float:
        """Achieved diversity over its upper bound (1.0 is optimal)."""
        return self.diversity / self.upper_bound if self.upper_bound else 1.0


def table_sizes(
    n_people: int, min_size: int, max_size: int, tables: int | None = None
) -> list[int]:
    """Balanced table sizes within [min_size, max_size]; the fewest tables unless told."""
    if min_size < 1 or max_size < min_size:
        raise SeatingInfeasible(
            f"Bordstørrelsen {min_size}–{max_size} er ikke et gyldig intervall.", field="table_min"
        )
    if n_people == 0:
        return []
    low, high = -(-n_people // max_size), n_people // min_size
    if tables is None:
        if low > high:
            raise SeatingInfeasible(
                f"{n_people} deltakere kan ikke fylle bord på {min_size}–{max_size}.",
                field="table_min",
            )
        tables = low
    elif not low <= tables <= high:
        raise SeatingInfeasible(
            f"{n_people} deltakere kan ikke fordeles på {tables} bord med {min_size}–{max_size} "
            "ved hvert.",
            field="tables",
        )
    base, extra = divmod(n_people, tables)
    return [base + 1 if t < extra else base for t in range(tables)]


def _sizes_with_locks(
    n_people: int, min_size: int, max_size: int, n_tables: int, locked: Counter[int]
) -> list[int]:
    """Sizes that hold the locked people: each table at least its locks, then balanced."""
    sizes = [max(min_size, locked[t]) for t in range(n_tables)]
    for t, size in enumerate(sizes):
        if size > max_size:
            raise SeatingInfeasible(
                f"{locked[t]} deltakere er låst til bord {t + 1}, men et bord har plass til "
                f"høyst {max_size}.",
                field="locks",
            )
    rest = n_people - sum(sizes)
    if rest < 0:
        raise SeatingInfeasible(
            "Låsingene gir for mange fulle bord til at alle bord kan få minst "
            f"{min_size} deltakere.",
            field="locks",
        )
    while rest:  # n_tables * max_size >= n_people, so a table with room always exists
        t = min((t for t in range(n_tables) if sizes[t] < max_size), key=lambda t: (sizes[t], t))
        sizes[t] += 1
        rest -= 1
    return sizes


def _check_locked_representatives(
    people: Sequence[Person], locks: Mapping[int, int], sizes: list[int]
) -> None:
    """Refuse locks that make the representative rule impossible to meet."""
    n = len(sizes)
    reps = sum(1 for p in people if p.is_representative)
    locked_reps = Counter(locks[p.id] for p in people if p.is_representative and p.id in locks)
    locked_all = Counter(locks.values())
    if reps < n:
        doubled = [t + 1 for t, c in sorted(locked_reps.items()) if c > 1]
        if doubled:
            raise SeatingInfeasible(
                f"Låsingene setter to brukerrepresentanter ved bord {doubled[0]}, men det er bare "
                f"{reps} til {n} bord: de skal spres med én per bord.",
                field="locks",
            )
    need = min(reps, n) - len(locked_reps)
    free_reps = reps - sum(locked_reps.values())
    open_tables = [t for t in range(n) if locked_reps[t] == 0 and locked_all[t] < sizes[t]]
    if free_reps < need or len(open_tables) < need:
        raise SeatingInfeasible(
            "Låsingene gjør det umulig å gi hvert bord en brukerrepresentant.", field="locks"
        )


class _State:
    """Per-table counters that make a swap's gain an O(1) computation."""

    def __init__(self, people: Sequence[Person], n_tables: int) -> None:
        self.people = people
        self.svc = [Counter[str]() for _ in range(n_tables)]
        self.muni = [Counter[str]() for _ in range(n_tables)]
        self.unit = [Counter[str]() for _ in range(n_tables)]
        self.reps = [0] * n_tables
        self.members: list[list[int]] = [[] for _ in range(n_tables)]
        self.table_of: dict[int, int] = {}

    def place(self, i: int, t: int) -> None:
        p = self.people[i]
        self.svc[t][p.service_key] += 1
        if p.municipality:
            self.muni[t][p.municipality] += 1
        if p.unit:
            self.unit[t][p.unit] += 1
        self.reps[t] += p.is_representative
        self.members[t].append(i)
        self.table_of[i] = t

    def remove(self, i: int) -> None:
        p, t = self.people[i], self.table_of.pop(i)
        self.svc[t][p.service_key] -= 1
        if p.municipality:
            self.muni[t][p.municipality] -= 1
        if p.unit:
            self.unit[t][p.unit] -= 1
        self.reps[t] -= p.is_representative
        self.members[t].remove(i)


def _side_gain(c: Counter[str], out: str | None, inn: str | None) -> int:
    """Change in distinct values at one table when `out` leaves and `inn` arrives."""
    if out == inn:
        return 0
    g = 0
    if out is not None and c[out] == 1:
        g -= 1
    if inn is not None and c[inn] == 0:
        g += 1
    return g


def _unit_gain(c: Counter[str], out: str | None, inn: str | None) -> int:
    """Change in same-unit pairs avoided (negative pairs) at one table for a swap."""
    if out == inn:
        return 0
    g = 0
    if out is not None:
        g += c[out] - 1  # pairs that disappear with `out`
    if inn is not None:
        g -= c[inn]  # pairs that `inn` creates (out already left if same unit)
    return g


def _swap_gain(s: _State, a: int, b: int, w: tuple[int, int, int, int]) -> int:
    pa, pb = s.people[a], s.people[b]
    ta, tb = s.table_of[a], s.table_of[b]
    gain = 0
    if pa.is_representative != pb.is_representative:
        # a leaves ta and b arrives: coverage at ta changes only if a was its last rep.
        if pa.is_representative:
            gain += w[0] * ((s.reps[tb] == 0) - (s.reps[ta] == 1))
        else:
            gain += w[0] * ((s.reps[ta] == 0) - (s.reps[tb] == 1))
    ka, kb = pa.service_key, pb.service_key
    gain += w[1] * (_side_gain(s.svc[ta], ka, kb) + _side_gain(s.svc[tb], kb, ka))
    ma, mb = pa.municipality, pb.municipality
    gain += w[2] * (_side_gain(s.muni[ta], ma, mb) + _side_gain(s.muni[tb], mb, ma))
    ua, ub = pa.unit, pb.unit
    gain += w[3] * (_unit_gain(s.unit[ta], ua, ub) + _unit_gain(s.unit[tb], ub, ua))
    return gain


def _greedy(s: _State, order: list[int], sizes: list[int], n: int, rng: random.Random) -> None:
    people = s.people
    room = lambda t: sizes[t] - len(s.members[t])  # noqa: E731
    reps = [i for i in order if people[i].is_representative]
    for i in reps:  # one per table first, then to the tables with the fewest
        t = min(
            (t for t in range(n) if room(t) > 0),
            key=lambda t: (s.reps[t], -room(t), t),
        )
        s.place(i, t)
    by_service: dict[str, list[int]] = {}
    for i in order:
        if not people[i].is_representative:
            by_service.setdefault(people[i].service_key, []).append(i)
    extras: list[int] = []
    # Largest demand first, onto the tables with most room: the order in which a degree
    # sequence is realisable, so every type reaches min(count, tables) distinct tables.
    for key in sorted(by_service, key=lambda k: (-min(len(by_service[k]), n), k)):
        members = by_service[key]
        spread, rest = members[:n], members[n:]
        extras.extend(rest)
        for i in spread:
            p = people[i]
            candidates = [t for t in range(n) if room(t) > 0 and s.svc[t][key] == 0]
            if not candidates:
                extras.append(i)
                continue
            t = max(
                candidates,
                key=lambda t: (
                    room(t),
                    p.municipality is None or s.muni[t][p.municipality] == 0,
                    p.unit is None or s.unit[t][p.unit] == 0,
                    -t,
                ),
            )
            s.place(i, t)
    rng.shuffle(extras)
    for i in extras:
        p = people[i]
        t = max(
            (t for t in range(n) if room(t) > 0),
            key=lambda t: (
                s.svc[t][p.service_key] == 0,
                p.municipality is None or s.muni[t][p.municipality] == 0,
                p.unit is None or s.unit[t][p.unit] == 0,
                room(t),
                -t,
            ),
        )
        s.place(i, t)


def _settled(s: _State, a: int) -> bool:
    """True when no swap can improve anything at a's own table by moving a away."""
    p, t = s.people[a], s.table_of[a]
    return (
        s.svc[t][p.service_key] == 1
        and (p.municipality is None or s.muni[t][p.municipality] == 1)
        and (p.unit is None or s.unit[t][p.unit] == 1)
        and not (p.is_representative and s.reps[t] > 1 and 0 in s.reps)
    )


def _improve(s: _State, movable: list[int], w: tuple[int, int, int, int], sweeps: int) -> None:
    # Swapping two settled people cannot gain in any part of the objective, so trying
    # the unsettled against everyone still finds every improving swap.
    for _ in range(sweeps):
        improved = False
        for a in movable:
            if _settled(s, a):
                continue
            for b in movable:
                if s.table_of[a] != s.table_of[b] and _swap_gain(s, a, b, w) > 0:
                    ta, tb = s.table_of[a], s.table_of[b]
                    s.remove(a)
                    s.remove(b)
                    s.place(a, tb)
                    s.place(b, ta)
                    improved = True
        if not improved:
            return


def evaluate(people: Sequence[Person], assignment: Mapping[int, int]) -> Seating:
    """Report on any assignment (id → table number): diversity, bounds, broken hard rules."""
    n = max(assignment.values(), default=0)
    by_id = {p.id: p for p in people}
    groups: list[list[Person]] = [[] for _ in range(n)]
    for pid, t in assignment.items():
        groups[t - 1].append(by_id[pid])
    available = Counter(p.service_key for p in people)
    distinct_available = len(available)
    tables = []
    for t, members in enumerate(groups):
        units = Counter(p.unit for p in members if p.unit)
        tables.append(
            TableReport(
                number=t + 1,
                members=sorted(p.id for p in members),
                size=len(members),
                diversity=len({p.service_key for p in members}),
                upper_bound=min(len(members), distinct_available),
                municipalities=len({p.municipality for p in members if p.municipality}),
                representatives=sum(p.is_representative for p in members),
                same_unit_pairs=sum(c * (c - 1) // 2 for c in units.values()),
            )
        )
    # A type with k people can reach at most k tables: the tighter of the two bounds.
    upper = min(sum(t.upper_bound for t in tables), sum(min(c, n) for c in available.values()))
    reps = sum(p.is_representative for p in people)
    problems = []
    if n and reps < n:
        problems.append(f"{reps} brukerrepresentanter til {n} bord: {n - reps} bord får ingen.")
    covered = sum(1 for t in tables if t.representatives > 0)
    if covered < min(reps, n):
        problems.append(
            f"Bare {covered} av {n} bord har en brukerrepresentant, selv om det er {reps}."
        )
    return Seating(
        assignment=dict(assignment),
        tables=tables,
        diversity=sum(t.diversity for t in tables),
        upper_bound=upper,
        problems=problems,
    )


def seat(
    people: Sequence[Person],
    *,
    min_size: int = 6,
    max_size: int = 8,
    seed: int = 0,
    locks: Mapping[int, int] | None = None,
    tables: int | None = None,
    sweeps: int = 6,
) -> Seating:
    """Seat everyone at tables (numbered from 1); raises SeatingInfeasible for bad sizes/locks."""
    locks = dict(locks or {})
    ids = [p.id for p in people]
    if len(set(ids)) != len(ids):
        raise SeatingInfeasible("Samme deltaker er med to ganger.", field="participants")
    known = set(ids)
    for pid in locks:
        if pid not in known:
            raise SeatingInfeasible(f"Deltaker {pid} er ikke påmeldt.", field="locks")
    n = len(table_sizes(len(people), min_size, max_size, tables))
    locks0 = {}
    for pid, t in locks.items():
        if not 1 <= t <= n:
            raise SeatingInfeasible(f"Bord {t} finnes ikke; det blir {n} bord.", field="locks")
        locks0[pid] = t - 1
    sizes = _sizes_with_locks(len(people), min_size, max_size, n, Counter(locks0.values()))
    _check_locked_representatives(people, locks0, sizes)

    rng = random.Random(seed)
    state = _State(people, n)
    index = {p.id: i for i, p in enumerate(people)}
    for pid, t in locks0.items():
        state.place(index[pid], t)
    order = [i for i in range(len(people)) if people[i].id not in locks0]
    rng.shuffle(order)
    _greedy(state, order, sizes, n, rng)
    w_unit = 1
    w_muni = 4 * max_size + 1  # more than any one swap can change the unit pairs
    w_svc = 5 * w_muni
    w_rep = 5 * w_svc
    _improve(state, order, (w_rep, w_svc, w_muni, w_unit), sweeps)
    assignment = {people[i].id: t + 1 for i, t in state.table_of.items()}
    return evaluate(people, assignment)


def random_seating(
    people: Sequence[Person], *, min_size: int = 6, max_size: int = 8, seed: int = 0
) -> Seating:
    """A uniformly random assignment with the same table sizes: the baseline to beat."""
    sizes = table_sizes(len(people), min_size, max_size)
    ids = [p.id for p in people]
    random.Random(seed).shuffle(ids)
    assignment, pos = {}, 0
    for t, size in enumerate(sizes):
        for pid in ids[pos : pos + size]:
            assignment[pid] = t + 1
        pos += size
    return evaluate(people, assignment)
