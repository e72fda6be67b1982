"""Seating benchmark: 300 participants at tables of 6–8, optimiser against random.

Run from the repo root: `.venv/bin/python bench/seating.py`.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.events.sample import realistic_people
from app.events.seating import random_seating, seat

N, RUNS = 300, 5


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


if __name__ == "__main__":
    main()
