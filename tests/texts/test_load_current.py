"""The two-phase load gives the merge core's answer over every revision, on SQLite and PG."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, insert

from app.localities.lookups import chain_of
from app.models import TextRevision
from app.texts import queries
from app.texts.merge import current_entries, substantive_marks
from tests.factories import random_revision

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _random_history(session, world, seed: int) -> None:
    """Revisions over every layer of the 4601 chain, with ties, drafts, schedules, tombstones."""
    rng = random.Random(seed)
    layers = [world.region, world.bergen, world.m4601, world.m4624]
    rows = []
    for i in range(300):
        loc = rng.choice(layers)
        # Few distinct times, so (effective, id) ties are common.
        created = T0 + timedelta(days=rng.randrange(10))
        valid_from = T0 + timedelta(days=rng.randrange(15)) if rng.random() < 0.3 else None
        rows.append(
            random_revision(
                world, rng, loc, created=created, valid_from=valid_from, text=f"tekst {i}"
            )
        )
    session.execute(insert(TextRevision.__table__), rows)  # type: ignore[attr-defined]
    session.commit()


def test_same_answer_as_the_merge_core_over_all_rows(session, world):
    _random_history(session, world, seed=3)
    chain = chain_of(session, "4601")
    layers = [(loc.id, loc.code) for loc in chain]
    ids = [loc.id for loc in chain]
    for day in (0, 3, 7, 9, 12, 20):
        at = T0 + timedelta(days=day, hours=1)
        rows = queries.load_rows(session, world.pathway.id, ids, at=at)
        for preview in (False, True):
            loaded = queries.load_current(session, world.pathway.id, layers, at=at, preview=preview)
            expected = current_entries(rows, at=at, preview=preview)
            assert loaded.current == expected, (day, preview)
            assert loaded.marks == substantive_marks(rows, at=at)
            future = sorted(r.valid_from for r in rows if r.valid_from and r.valid_from > at)
            assert sorted(loaded.valid_froms) == future
        links = queries.load_current(session, world.pathway.id, layers, at=at, texts="links")
        for key, entry in links.current.items():
            want = expected_text = current_entries(rows, at=at)[key].text
            if key[2] != "links":
                want = None if entry.mode == "hide" else ""
            assert entry.text == want, (key, expected_text)


def test_two_queries_and_texts_of_winners_only(session, world):
    _random_history(session, world, seed=5)
    chain = chain_of(session, "4601")
    statements: list[str] = []

    def listener(*args):
        statements.append(args[2])

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        loaded = queries.load_current(
            session,
            world.pathway.id,
            [(loc.id, loc.code) for loc in chain],
            at=T0 + timedelta(days=30),
        )
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 2
    assert "text_revision.text" not in statements[0]
    assert loaded.current
