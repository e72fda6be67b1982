"""The pure seating optimiser: hard rules as properties, determinism, locks, quality."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.participants import realistic_people
from app.events.seating import (
    Person,
    SeatingInfeasible,
    random_seating,
    seat,
    table_sizes,
)

KINDS = ["professional", "leader", "gp", "youth", "parent", "user_org"]


@st.composite
def crowds(draw: st.DrawFn) -> tuple[list[Person], int, int]:
    """A seatable crowd and a table size range that can hold it."""
    lo = draw(st.integers(2, 7))
    hi = draw(st.integers(lo, lo + 3))
    tables = draw(st.integers(1, 12))
    n = draw(st.integers(tables * lo, tables * hi))
    people = [
        Person(
            id=i + 1,
            kind=draw(st.sampled_from(KINDS)),
            service_type=draw(st.sampled_from([None, "a", "b", "c", "d", "e", "f"])),
            municipality=draw(st.sampled_from([None, "4601", "4624", "4626"])),
            unit=draw(st.sampled_from([None, "u1", "u2"])),
        )
        for i in range(n)
    ]
    return people, lo, hi


def assert_hard_rules(people: list[Person], result, lo: int, hi: int) -> None:
    assert sorted(result.assignment) == sorted(p.id for p in people)
    sizes = Counter(result.assignment.values())
    assert all(lo <= size <= hi for size in sizes.values())
    assert sorted(sizes) == list(range(1, len(sizes) + 1))
    reps = Counter(result.assignment[p.id] for p in people if p.is_representative)
    n = len(sizes)
    if sum(reps.values()) >= n:
        assert len(reps) == n, "a table without a user representative"
    else:
        assert all(c == 1 for c in reps.values()), "two representatives while tables lack one"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds(), st.integers(0, 2**32))
def test_hard_rules_hold(crowd, seed):
    people, lo, hi = crowd
    result = seat(people, min_size=lo, max_size=hi, seed=seed)
    assert_hard_rules(people, result, lo, hi)
    assert result.diversity <= result.upper_bound
    assert sum(t.size for t in result.tables) == len(people)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds(), st.integers(0, 1000), st.data())
def test_locks_are_respected_or_refused(crowd, seed, data):
    people, lo, hi = crowd
    n = len(table_sizes(len(people), lo, hi))
    chosen = data.draw(st.lists(st.sampled_from(people), max_size=6, unique=True))
    locks = {p.id: data.draw(st.integers(1, n)) for p in chosen}
    try:
        result = seat(people, min_size=lo, max_size=hi, seed=seed, locks=locks)
    except SeatingInfeasible as exc:
        assert exc.field == "locks"
        return
    assert all(result.assignment[pid] == t for pid, t in locks.items())
    assert_hard_rules(people, result, lo, hi)


@settings(max_examples=40, deadline=None)
@given(crowds(), st.integers(0, 2**32))
def test_same_seed_same_seating(crowd, seed):
    people, lo, hi = crowd
    first = seat(people, min_size=lo, max_size=hi, seed=seed)
    again = seat(list(people), min_size=lo, max_size=hi, seed=seed)
    assert first.assignment == again.assignment


def test_table_range_that_cannot_hold_the_participants():
    with pytest.raises(SeatingInfeasible, match="17 deltakere kan ikke fylle bord på 6–8"):
        table_sizes(17, 6, 8)
    with pytest.raises(SeatingInfeasible):
        table_sizes(5, 6, 8)
    assert table_sizes(12, 6, 8) == [6, 6]
    assert table_sizes(120, 6, 8) == [8] * 15
    assert sorted(table_sizes(100, 6, 8)) == [7] * 4 + [8] * 9


def test_too_few_representatives_is_reported_and_spread():
    people = [Person(i, "professional", f"s{i % 7}", "4601") for i in range(1, 38)]
    people += [Person(100 + i, "parent", None, "4624") for i in range(3)]
    result = seat(people, seed=3)
    assert len(result.tables) == 5
    assert result.problems == ["3 brukerrepresentanter til 5 bord: 2 bord får ingen."]
    assert sorted(t.representatives for t in result.tables) == [0, 0, 1, 1, 1]


def test_locks_that_break_the_hard_rules_are_refused():
    people = [Person(i, "professional", f"s{i % 5}", "4601") for i in range(1, 15)]
    people += [Person(50, "youth"), Person(51, "parent")]
    with pytest.raises(SeatingInfeasible, match="høyst 8"):
        seat(people, locks={i: 1 for i in range(1, 10)})
    with pytest.raises(SeatingInfeasible, match="hvert bord en brukerrepresentant"):
        seat(people, locks={50: 1, 51: 1})
    with pytest.raises(SeatingInfeasible, match="Bord 3 finnes ikke"):
        seat(people, locks={1: 3})
    with pytest.raises(SeatingInfeasible, match="ikke påmeldt"):
        seat(people, locks={999: 1})


def test_beats_random_clearly_on_realistic_data():
    people = realistic_people(120, seed=7)
    assert len({p.service_key for p in people}) >= 15
    assert len({p.municipality for p in people}) == 10
    best = seat(people, seed=7)
    randoms = [random_seating(people, seed=s) for s in range(20)]
    best_random = max(r.diversity for r in randoms)
    assert best.ratio >= 0.97
    assert best.diversity >= 1.1 * best_random
    muni = sum(t.municipalities for t in best.tables)
    assert muni > max(sum(t.municipalities for t in r.tables) for r in randoms)
    assert sum(t.same_unit_pairs for t in best.tables) <= min(
        sum(t.same_unit_pairs for t in r.tables) for r in randoms
    )
    reps = sum(p.is_representative for p in people)
    covered = sum(1 for t in best.tables if t.representatives)
    assert covered == min(reps, len(best.tables))
