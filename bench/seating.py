"""Seating benchmark: 300 participants at tables of 6–8, optimiser against random, and the
same crowds over three group tasks (sessions) that should meet new people each time.

Run from the repo root: `.venv/bin/python bench/seating.py`. Target: 3 sessions under 5 s.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.demo.participants import realistic_people
from app.events.seating import random_seating, seat
from app.events.seating_sessions import seat_sessions

N, RUNS, SESSIONS = 300, 5, 3
SESSIONS_BUDGET_S = 5.0


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def main() -> None:
    """Time the optimiser on several realistic crowds and compare with random seating."""
    times, opt, rnd, bound, simple, munis, rnd_munis = [], [], [], [], [], [], []
    for seed in range(RUNS):
        people = realistic_people(N, seed=seed)
        start = time.perf_counter()
        result = seat(people, min_size=6, max_size=8, seed=seed)
        times.append(time.perf_counter() - start)
        baseline = random_seating(people, min_size=6, max_size=8, seed=seed)
        n = len(result.tables)
        opt.append(result.average_diversity)
        rnd.append(baseline.average_diversity)
        bound.append(result.upper_bound / n)
        simple.append(sum(t.upper_bound for t in result.tables) / n)
        munis.append(sum(t.municipalities for t in result.tables) / n)
        rnd_munis.append(sum(t.municipalities for t in baseline.tables) / n)
    m = statistics.mean
    print(f"seating {N} participants at {n} tables of 6–8 ({RUNS} realistic crowds)")
    print(
        f"  time: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    print(f"  service types per table, optimiser:   {m(opt):.2f}")
    print(f"  upper bound (tight, Σ min(k, tables)): {m(bound):.2f} -> {_pct(m(opt) / m(bound))}")
    print(f"  upper bound (per table min(size, D)):  {m(simple):.2f} -> {_pct(m(opt) / m(simple))}")
    print(f"  random assignment:                    {m(rnd):.2f} -> {_pct(m(rnd) / m(bound))}")
    print(f"  municipalities per table: optimiser {m(munis):.2f}, random {m(rnd_munis):.2f}")

    sessions()


def sessions() -> None:
    """Time three sessions and compare repeated pairs with a random reshuffle per session."""
    times, repeated, bound, rnd_repeated, missing, min_missing, ratio = [], [], [], [], [], [], []
    for seed in range(RUNS):
        people = realistic_people(N, seed=seed)
        start = time.perf_counter()
        plan = seat_sessions(people, sessions=SESSIONS, min_size=6, max_size=8, seed=seed)
        times.append(time.perf_counter() - start)
        repeated.append(plan.repeated_pairs)
        bound.append(plan.repeated_lower_bound)
        missing.append(plan.tables_without_representative)
        min_missing.append(plan.min_tables_without_representative)
        ratio.append(plan.diversity / plan.upper_bound)
        met: set[tuple[int, int]] = set()
        rnd = 0
        for s in range(SESSIONS):
            base = random_seating(people, min_size=6, max_size=8, seed=seed * 10 + s)
            for t in base.tables:
                ms = t.members
                pairs = {(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :]}
                rnd += len(pairs & met)
                met |= pairs
        rnd_repeated.append(rnd)
    m = statistics.mean
    worst = max(times)
    print(f"seating {N} participants over {SESSIONS} sessions ({RUNS} realistic crowds)")
    print(f"  time: median {statistics.median(times) * 1000:.0f} ms, max {worst * 1000:.0f} ms")
    print(
        f"  repeated pairs: {m(repeated):.1f} (lower bound {m(bound):.1f}), "
        f"random reshuffle {m(rnd_repeated):.1f}"
    )
    print(f"  service types per table vs upper bound: {_pct(m(ratio))}")
    print(f"  tables without representative: {m(missing):.1f} (minimum {m(min_missing):.1f})")
    verdict = "OK" if worst < SESSIONS_BUDGET_S else "TOO SLOW"
    print(f"  budget {SESSIONS_BUDGET_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
