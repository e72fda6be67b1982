"""Seating over several group tasks: rules per session, few repeated pairs, honest bounds."""

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings

from app.demo.participants import realistic_people
from app.events.seating import Person, SeatingInfeasible, seat
from app.events.seating_sessions import repeated_lower_bounds, seat_sessions
from tests.events.test_seating import crowds


def repeats(plan) -> list[int]:
    """Repeated pairs per session, counted here from the tables alone."""
    met: set[tuple[int, int]] = set()
    out = []
    for s in plan.sessions:
        pairs = {p for t in s.seating.tables for p in combinations(sorted(t.members), 2)}
        out.append(len(pairs & met))
        met |= pairs
    return out


def test_three_sessions_for_300_people_meet_only_new_people():
    people = realistic_people(300, seed=1)
    plan = seat_sessions(people, sessions=3, min_size=6, max_size=8, seed=1)
    assert repeats(plan) == [s.repeated_pairs for s in plan.sessions] == [0, 0, 0]
    for s in plan.sessions:
        assert all(6 <= t.size <= 8 for t in s.seating.tables)
        assert sorted(s.seating.assignment) == sorted(p.id for p in people)
        # Services per table as good as a fresh seating of its own.
        alone = seat(people, min_size=6, max_size=8, seed=1 + s.number - 1)
        assert s.seating.diversity >= alone.diversity
    reps = sum(p.is_representative for p in people)
    assert plan.min_tables_without_representative == 3 * max(
        0, len(plan.sessions[0].seating.tables) - reps
    )
    assert plan.tables_without_representative == plan.min_tables_without_representative


def test_a_small_group_cannot_avoid_repeats_and_the_bound_says_so():
    people = [
        Person(id=i, kind="youth" if i % 6 == 0 else "professional", service_type=f"s{i % 5}")
        for i in range(12)
    ]
    plan = seat_sessions(people, sessions=3, min_size=6, max_size=6)
    # Two tables of 6: 30 pairs per session, 66 pairs in all -> 3 * 30 - 66 = 24 repeats.
    assert plan.repeated_lower_bound == 24
    # Each earlier table of 6 spread over two tables still shares 3 + 3 pairs.
    assert [s.repeated_lower_bound for s in plan.sessions] == [0, 12, 12]
    assert plan.repeated_pairs == sum(repeats(plan)) >= 24
    assert plan.tables_without_representative == 0  # two representatives, two tables


def test_lower_bounds_by_person_and_by_spreading_a_table():
    # 10 people at two tables of 5 for 4 sessions: each meets 16 > 9 others.
    assert repeated_lower_bounds(10, [5, 5], 4)[1] >= 10 * (4 * 4 - 9) // 2
    # 29 at tables of 8, 7, 7, 7: an earlier table of 8 over 4 tables keeps 4 pairs, of 7: 3.
    each, day = repeated_lower_bounds(29, [8, 7, 7, 7], 3)
    assert each == [0, 13, 13] and day == 26
    assert repeated_lower_bounds(300, [8] * 36 + [7] * 6, 3) == ([0, 0, 0], 0)


def test_a_small_crowd_reaches_the_bound_in_the_second_session():
    kinds = ["professional"] * 23 + ["youth", "parent", "user_org", "parent", "youth", "parent"]
    people = [
        Person(id=i, kind=k, service_type=["a", "b", "c"][i % 3] if k == "professional" else None)
        for i, k in enumerate(kinds)
    ]
    plan = seat_sessions(people, sessions=3, seed=0)
    assert plan.sessions[1].repeated_pairs == plan.sessions[1].repeated_lower_bound == 13
    assert plan.repeated_pairs <= 1.5 * plan.repeated_lower_bound


def test_too_few_representatives_is_reported_not_hidden():
    people = [Person(id=i, kind="professional", service_type=f"s{i % 4}") for i in range(20)]
    people.append(Person(id=99, kind="parent"))
    plan = seat_sessions(people, sessions=2, min_size=6, max_size=8)
    tables = len(plan.sessions[0].seating.tables)
    assert plan.min_tables_without_representative == 2 * (tables - 1)
    assert plan.tables_without_representative == plan.min_tables_without_representative
    assert any("får ingen" in p for p in plan.problems)


def test_a_stored_seating_is_kept_as_the_first_session():
    people = realistic_people(40, seed=3)
    first = seat(people, min_size=6, max_size=8, seed=9).assignment
    plan = seat_sessions(people, sessions=2, seed=0, first=first)
    assert plan.sessions[0].seating.assignment == first
    assert plan.sessions[1].seating.assignment != first


def test_deterministic_for_a_seed_and_refuses_silly_session_counts():
    people = realistic_people(50, seed=2)
    a = seat_sessions(people, sessions=3, seed=5)
    b = seat_sessions(people, sessions=3, seed=5)
    assert [s.seating.assignment for s in a.sessions] == [s.seating.assignment for s in b.sessions]
    for n in (0, 7):
        with pytest.raises(SeatingInfeasible):
            seat_sessions(people, sessions=n)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds())
def test_every_session_keeps_the_hard_rules(crowd):
    people, lo, hi = crowd
    plan = seat_sessions(people, sessions=3, min_size=lo, max_size=hi, seed=0)
    reps = sum(p.is_representative for p in people)
    for s in plan.sessions:
        tables = s.seating.tables
        assert all(lo <= t.size <= hi for t in tables)
        assert sum(1 for t in tables if t.representatives) == min(reps, len(tables))
        assert s.repeated_pairs >= s.repeated_lower_bound
    assert repeats(plan) == [s.repeated_pairs for s in plan.sessions]
