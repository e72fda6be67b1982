"""A write's notification moves the slots of the processes that have not moved them: those
of other hosts always, those of this host only when the writer could not (killed between
its commit and its counters, or stuck past the grace period)."""

import subprocess
import time

import pytest

from app.texts import freshness
from app.texts.read_cache import (
    _OWN_GRACE,
    _RING,
    OwnWrites,
    _PgListener,
    _SharedSlots,
    get_cache,
    notice,
    parse_notice,
    wait_until_live,
)
from tests.texts.test_views import put

SLOTS = frozenset({freshness.ANY, freshness.slot("angst@4601")})


@pytest.fixture
def shared(tmp_path) -> _SharedSlots:
    return _SharedSlots(str(tmp_path / "slots"))


def test_a_notice_names_its_writer_and_its_slots():
    assert parse_notice(notice(7, 42, SLOTS, pid=99)) == ((7, 42, 99), SLOTS)
    # Everything (too many slots to name), an older writer's payload, and garbage:
    many = range(freshness.SLOTS - 2000, freshness.SLOTS)
    assert parse_notice(notice(7, 1, many, pid=5)) == ((7, 1, 5), None)
    assert parse_notice("1,5") == (None, frozenset({1, 5}))
    assert parse_notice("x:y:z|1,5") == (None, None)
    assert parse_notice("") == (None, None)


def test_the_host_id_is_kept_in_the_file_and_tickets_are_unique(tmp_path):
    first = _SharedSlots(str(tmp_path / "slots"))
    again = _SharedSlots(str(tmp_path / "slots"))  # another process of this host
    other = _SharedSlots(str(tmp_path / "elsewhere"))
    assert first.host == again.host != 0
    assert other.host != first.host
    tickets = [first.ticket(), again.ticket(), first.ticket()]
    assert len(set(tickets)) == 3


def test_a_done_ticket_is_never_counted(shared):
    clock = [0.0]
    own = OwnWrites(shared, clock=lambda: clock[0], alive=lambda pid: True)
    ticket = shared.ticket()
    own.heard(ticket, 123, SLOTS)
    assert own.settle() == [] and own, "the writer has not moved its counters yet: it waits"
    before = shared.read(freshness.ANY)
    shared.bump(SLOTS, ticket)
    assert shared.read(freshness.ANY) == before + 1
    clock[0] = _OWN_GRACE + 1
    assert own.settle() == [] and not own


def test_a_ticket_whose_writer_is_gone_is_counted_at_once(shared):
    gone = {4242}
    own = OwnWrites(shared, clock=lambda: 0.0, alive=lambda pid: pid not in gone)
    own.heard(shared.ticket(), 4242, SLOTS)
    own.heard(shared.ticket(), 77, None)
    assert own.settle() == [SLOTS]
    assert own, "the living writer's ticket still waits"


def test_a_ticket_not_done_within_the_grace_is_counted(shared):
    clock = [100.0]
    own = OwnWrites(shared, clock=lambda: clock[0], alive=lambda pid: True)
    own.heard(shared.ticket(), 1, SLOTS)
    clock[0] += _OWN_GRACE - 0.1
    assert own.settle() == []
    clock[0] += 0.2
    assert own.settle() == [SLOTS] and not own


def test_a_ticket_the_ring_forgot_is_counted_not_skipped(shared):
    own = OwnWrites(shared, clock=lambda: 0.0, alive=lambda pid: False)
    ticket = shared.ticket()
    own.heard(ticket, 1, SLOTS)
    shared.bump((), ticket + _RING)  # a later write in the same ring place
    assert own.settle() == [SLOTS]


def test_the_listener_counts_other_hosts_and_holds_back_its_own(shared):
    counted: list[frozenset[int] | None] = []
    listener = _PgListener("postgresql://unused/x", counted.append, shared)  # not started
    listener.hear(notice(shared.host + 1, 5, SLOTS))
    listener.hear("3,4")  # a writer of an older version: counted
    listener.hear(notice(shared.host, shared.ticket(), SLOTS))
    assert counted == [SLOTS, frozenset({3, 4})]
    assert listener.heard == 3 and listener.own


def test_a_write_moves_its_slots_once_in_this_hosts_processes(db_url, session, world):
    assert wait_until_live()
    cache = get_cache()
    # The region's first text: which layers hold text of the pathway moves too.
    moved = freshness.written("text", world.region.code, world.pathway.slug)
    slots = sorted({*moved, freshness.text_layers(world.pathway.id)})
    before, heard = cache.token(slots), cache.heard()
    assert before is not None
    put(session, world, world.region, text="Ny tekst")
    session.commit()
    if heard is not None:  # PostgreSQL: this process hears the write's notification too
        deadline = time.monotonic() + 10
        while cache.heard() == heard and time.monotonic() < deadline:
            time.sleep(0.005)
        assert cache.heard() > heard
        time.sleep(0.1)  # the listener settles this host's tickets every 20 ms
    # Each slot moved once (the epoch not at all): counting the notification as well would
    # make every read built between the commit and the notification stale a second time.
    assert cache.token(slots) == (before[0], *(count + 1 for count in before[1:]))


def test_a_writer_killed_after_its_commit_still_moves_the_slots(db_url, session, world):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's writers move the shared counters only")
    assert wait_until_live()
    cache = get_cache()
    shared = cache._shared
    slots = freshness.of_pathway(["helse-vest"], world.pathway.slug)
    before = cache.token(slots)
    # What a writer killed between its commit and its counters leaves: its notification.
    process = subprocess.Popen(["true"])
    process.wait()
    moved = freshness.written("text", "helse-vest", world.pathway.slug)
    payload = notice(shared.host, shared.ticket(), moved, pid=process.pid)
    session.connection().exec_driver_sql("SELECT pg_notify('forlop_changes', %s)", (payload,))
    session.commit()
    deadline = time.monotonic() + 5
    while cache.token(slots) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.token(slots) != before
