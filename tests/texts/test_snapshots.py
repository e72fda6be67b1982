"""Layer snapshots give the history's answer, and are used only while they are whole."""

import random
from datetime import timedelta

from sqlalchemy import insert
from sqlmodel import select

from app.localities.lookups import chain_of
from app.models import LayerSnapshot, TextRevision
from app.models.base import utcnow
from app.texts import merged, queries, snapshots
from app.texts.merge import SECTIONS
from tests.factories import random_revision

NOW = utcnow()


def _row(world, rng, i: int, loc) -> dict:
    valid_from = None
    if rng.random() < 0.3:  # some long passed, some scheduled days ahead
        valid_from = NOW + timedelta(days=rng.randrange(-8, 8))
    # Few distinct times, so (effective, id) ties are common.
    created = NOW - timedelta(days=rng.randrange(10))
    return random_revision(
        world, rng, loc, created=created, valid_from=valid_from, text=f"**Tekst** {i}"
    )


def _bulk_history(session, world, seed: int, n: int = 250) -> None:
    rng = random.Random(seed)
    layers = [world.region, world.bergen, world.m4601, world.m4624]
    rows = [_row(world, rng, i, rng.choice(layers)) for i in range(n)]
    session.execute(insert(TextRevision.__table__), rows)  # type: ignore[attr-defined]
    session.commit()


def _layers(session, code: str = "4601") -> list[tuple[int, str]]:
    return [(loc.id, loc.code) for loc in chain_of(session, code)]


def _expected(session, world, layers, at):
    """The history's answer, for the sections snapshots hold, drafts left out."""
    loaded = queries.load_current(session, world.pathway.id, layers, at=at)
    rows = queries.load_rows(session, world.pathway.id, [i for i, _ in layers], at=at)
    future = sorted(
        r.valid_from
        for r in rows
        if r.status == "published" and r.section in SECTIONS and r.valid_from and r.valid_from > at
    )
    current = {k: v for k, v in loaded.current.items() if k[2] in SECTIONS}
    marks = {k: v for k, v in loaded.marks.items() if k[2] in SECTIONS}
    return current, marks, future


def test_same_answer_as_the_history_now_and_at_scheduled_times(session, world):
    for seed in (1, 2, 3):
        _bulk_history(session, world, seed)
        assert snapshots.refresh(session) > 0
        session.commit()
        for code in ("4601", "4624", "bergen", "helse-vest"):
            layers = _layers(session, code)
            for days in (0.01, 1, 3, 6, 30):
                at = utcnow() + timedelta(days=days)
                got = snapshots.read(session, [world.pathway.id], layers, at=at)
                current, marks, future = _expected(session, world, layers, at)
                assert got[world.pathway.id].current == current, (seed, code, days)
                assert got[world.pathway.id].marks == marks, (seed, code, days)
                assert sorted(got[world.pathway.id].valid_froms) == future


def test_a_write_past_the_hook_leaves_the_snapshot_unused_not_wrong(session, world):
    _bulk_history(session, world, seed=7)
    layers = _layers(session)
    # Bulk rows: no snapshot yet, so the reader declines and the history answers.
    assert snapshots.read(session, [world.pathway.id], layers, at=utcnow()) == {}
    snapshots.refresh(session)
    session.commit()
    assert world.pathway.id in snapshots.read(session, [world.pathway.id], layers, at=utcnow())
    extra = _row(world, random.Random(1), 999, world.m4601)
    extra.update(section="role", mode="replace", text="Ny lokal tekst", status="published")
    extra.update(valid_from=None, created_at=utcnow())
    session.execute(insert(TextRevision.__table__), [extra])  # type: ignore[attr-defined]
    session.commit()
    at = utcnow()
    assert snapshots.read(session, [world.pathway.id], layers, at=at) == {}
    loaded = merged.current(session, world.pathway.id, layers, at=at)
    assert loaded.current == _expected(session, world, layers, at)[0] | {
        k: v for k, v in loaded.current.items() if k[2] not in SECTIONS
    }
    assert any(e.text == "Ny lokal tekst" for e in loaded.current.values())


def test_a_moment_before_the_snapshot_reads_the_history(session, world):
    _bulk_history(session, world, seed=4)
    snapshots.refresh(session)
    session.commit()
    layers = _layers(session)
    past = utcnow() - timedelta(days=2)
    assert snapshots.read(session, [world.pathway.id], layers, at=past) == {}


def test_a_read_of_now_begun_before_a_rebuild_moves_to_the_snapshot(session, world):
    """A write's rebuild lands while a read of "now" runs: the read takes the newer
    snapshot, as a read a moment later would (only for `latest`; a moment asked for,
    `as_of`, still reads the history)."""
    began = utcnow()
    _bulk_history(session, world, seed=5)
    snapshots.refresh(session)
    session.commit()
    layers = _layers(session)
    assert snapshots.read(session, [world.pathway.id], layers, at=began) == {}
    got = snapshots.read(session, [world.pathway.id], layers, at=began, latest=True)
    built = max(session.exec(select(LayerSnapshot.built_at)).all())
    current, marks, _ = _expected(session, world, layers, built)
    assert got[world.pathway.id].current == current
    assert got[world.pathway.id].marks == marks


def test_edits_over_http_keep_the_snapshots_whole(client, world, auth, session):
    h = auth("editor", "4601")
    url = "/v1/localities/4601/pathways/angst/texts/helsestasjon/role"
    body = {"mode": "replace", "lang": "nb", "status": "published", "text": "Første *tekst*."}
    first = client.put(url, json=body, headers={**h, "If-None-Match": "*"})
    assert first.status_code == 201
    second = client.put(
        url, json={**body, "text": "Andre tekst."}, headers={**h, "If-Match": first.headers["etag"]}
    )
    assert second.status_code == 200
    layers = _layers(session)
    got = snapshots.read(session, [world.pathway.id], layers, at=utcnow() + timedelta(seconds=1))
    assert got[world.pathway.id].current[("4601", "helsestasjon", "role", "nb")].text == (
        "Andre tekst."
    )
    view = client.get("/v1/localities/4601/pathways/angst").json()
    role = next(
        s
        for svc in view["services"]
        if svc["service_type"]["code"] == "helsestasjon"
        for s in svc["sections"]
        if s["key"] == "role"
    )
    assert role["text"] == "Andre tekst." and role["html"] == "<p>Andre tekst.</p>"
    # A draft is a revision too: the snapshot follows, and the public view does not change.
    draft = client.put(
        url,
        json={**body, "text": "Utkast.", "status": "draft"},
        headers={**h, "If-Match": second.headers["etag"]},
    )
    assert draft.status_code == 200
    got = snapshots.read(session, [world.pathway.id], layers, at=utcnow() + timedelta(seconds=1))
    assert got[world.pathway.id].current[("4601", "helsestasjon", "role", "nb")].text == (
        "Andre tekst."
    )


def _statements(session):
    """A list that collects the SQL statements the session's engine runs from now on."""
    from sqlalchemy import event

    seen: list[str] = []
    engine = session.get_bind().engine

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    return seen, lambda: event.remove(engine, "before_cursor_execute", note)


def test_decoded_layers_are_kept_and_checked_on_every_read(session, world):
    _bulk_history(session, world, seed=5)
    snapshots.refresh(session)
    session.commit()
    snapshots.cache.clear()
    layers = _layers(session)
    at = utcnow() + timedelta(seconds=1)
    seen, stop = _statements(session)
    try:
        first = snapshots.read(session, [world.pathway.id], layers, at=at)
        cold = len(seen)
        seen.clear()
        again = snapshots.read(session, [world.pathway.id], layers, at=at)
        warm = len(seen)
    finally:
        stop()
    assert (cold, warm) == (2, 1)  # heads and bodies, then heads only
    assert again == first and first[world.pathway.id].current
    # A revision written past the hook (another process, SQL by hand): the held decoded
    # layer no longer matches what the database says, so the history answers.
    extra = _row(world, random.Random(2), 1000, world.m4601)
    extra.update(section="role", mode="replace", text="Fra en annen prosess", status="published")
    extra.update(valid_from=None, created_at=utcnow())
    session.execute(insert(TextRevision.__table__), [extra])  # type: ignore[attr-defined]
    session.commit()
    at = utcnow() + timedelta(seconds=1)
    assert snapshots.read(session, [world.pathway.id], layers, at=at) == {}
    snapshots.refresh(session)
    session.commit()
    got = snapshots.read(session, [world.pathway.id], layers, at=utcnow() + timedelta(seconds=1))
    assert got[world.pathway.id].current[(
        "4601", extra_code(world, extra), "role", extra["lang"]
    )].text == "Fra en annen prosess"  # fmt: skip


def extra_code(world, row) -> str:
    return next(st.code for st in world.service_types.values() if st.id == row["service_type_id"])


def _written(session) -> dict:
    from sqlalchemy import func, select

    t = TextRevision.__table__.c  # type: ignore[attr-defined]
    actual = session.execute(
        select(t.pathway_id, t.locality_id, t.section, func.count()).group_by(
            t.pathway_id, t.locality_id, t.section
        )
    ).all()
    s = LayerSnapshot.__table__.c  # type: ignore[attr-defined]
    held = session.execute(select(s.pathway_id, s.locality_id, s.section, s.written)).all()
    return {"actual": {tuple(r[:3]): r[3] for r in actual},
            "held": {tuple(r[:3]): r[3] for r in held if r[3]}}  # fmt: skip


def test_the_database_counts_every_revision_written_changed_or_deleted(session, world):
    from sqlalchemy import delete, update

    _bulk_history(session, world, seed=8, n=120)
    counts = _written(session)
    assert counts["held"] == counts["actual"] and counts["actual"]
    snapshots.refresh(session)
    session.commit()
    layers = _layers(session)
    assert world.pathway.id in snapshots.read(session, [world.pathway.id], layers, at=utcnow())
    t = TextRevision.__table__  # type: ignore[attr-defined]
    victim = session.execute(select_one_id(t, world.m4601.id)).scalar_one()
    # Changing a revision in place keeps the count but makes the body unusable.
    session.execute(update(t).where(t.c.id == victim).values(text="Endret for hånd"))
    session.commit()
    assert snapshots.read(session, [world.pathway.id], layers, at=utcnow()) == {}
    assert snapshots.refresh(session) >= 1
    session.commit()
    assert world.pathway.id in snapshots.read(session, [world.pathway.id], layers, at=utcnow())
    session.execute(delete(t).where(t.c.id == victim))
    session.commit()
    counts = _written(session)
    assert counts["held"] == counts["actual"]
    assert snapshots.read(session, [world.pathway.id], layers, at=utcnow()) == {}
    snapshots.refresh(session)
    session.commit()
    assert world.pathway.id in snapshots.read(session, [world.pathway.id], layers, at=utcnow())


def select_one_id(t, locality_id: int):
    from sqlalchemy import select

    return (
        select(t.c.id)
        .where(t.c.locality_id == locality_id, t.c.section == "role")
        .order_by(t.c.id)
        .limit(1)
    )


def test_writers_of_one_layer_queue_instead_of_deadlocking(db_url, world):
    """PostgreSQL: a revision insert locks its snapshot row; the change-log lock comes last.

    One writer flushes a revision and waits; the other notes its change (record_change)
    and then writes to the same layer. Were the log's lock taken where the change is noted,
    they would wait on each other.
    """
    import threading

    from sqlmodel import Session

    from app.changes.log import record_change
    from app.core.db import get_engine

    engine = get_engine()
    flushed, failures = threading.Event(), []

    def revision(text: str) -> TextRevision:
        return TextRevision(
            locality_id=world.m4601.id, pathway_id=world.pathway.id,
            service_type_id=world.service_types["helsestasjon"].id, section="role",
            lang="nb", mode="replace", text=text, status="published", author="test",
        )  # fmt: skip

    def first() -> None:
        try:
            with Session(engine) as s:
                s.add(revision("Først"))
                s.flush()
                flushed.set()
                threading.Event().wait(0.5)
                record_change(s, entity="text", action="upsert", entity_id="a")
                s.commit()
        except Exception as exc:
            failures.append(exc)
            flushed.set()

    def second() -> None:
        flushed.wait(5)
        try:
            with Session(engine) as s:
                record_change(s, entity="text", action="upsert", entity_id="b")
                s.add(revision("Deretter"))
                s.commit()
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not failures, failures
    with Session(engine) as s:
        layers = [(loc.id, loc.code) for loc in chain_of(s, "4601")]
        got = snapshots.read(s, [world.pathway.id], layers, at=utcnow() + timedelta(seconds=1))
    # Both are in the snapshot's history; the later one is current.
    assert got[world.pathway.id].current[("4601", "helsestasjon", "role", "nb")].text == "Deretter"


def test_a_write_takes_the_change_logs_lock_only_as_it_commits(db_url, world):
    """While another transaction holds the change log's lock, a write inserts its revision
    and rebuilds its layer's snapshot; only its commit waits, and its entry comes after.

    The lock orders `seq` by commit: held for the whole write it serialised every writer
    behind the slowest one (measured under mixed load: 62 ms held per write).
    """
    import threading

    from sqlmodel import Session

    from app.changes.log import lock_log, record_change
    from app.core.db import get_engine, is_postgres
    from app.models import ChangeLogEntry

    engine = get_engine()
    holding, release, flushed = threading.Event(), threading.Event(), threading.Event()
    committed: list[str] = []
    failures: list[Exception] = []
    with Session(engine) as s:
        postgres = is_postgres(s)

    def holder() -> None:
        with Session(engine) as s:
            lock_log(s)
            record_change(s, entity="text", action="upsert", entity_id="holder")
            holding.set()
            release.wait(30)
            s.commit()
            committed.append("holder")

    def writer() -> None:
        holding.wait(30)
        try:
            with Session(engine) as s:
                s.add(TextRevision(
                    locality_id=world.m4601.id, pathway_id=world.pathway.id,
                    service_type_id=world.service_types["helsestasjon"].id, section="role",
                    lang="nb", mode="replace", text="Under låsen", status="published",
                    author="test",
                ))  # fmt: skip
                record_change(s, entity="text", action="upsert", entity_id="writer")
                s.flush()
                snapshots.rebuild_pending(s)
                flushed.set()
                s.commit()
                committed.append("writer")
        except Exception as exc:  # pragma: no cover - surfaced below
            failures.append(exc)
            flushed.set()

    threads = [threading.Thread(target=holder), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    try:
        # The insert and the rebuild run while the log's lock is held elsewhere.
        assert flushed.wait(10), "the write waited for the change log's lock before committing"
        assert not failures, failures
        threading.Event().wait(0.3)
        if postgres:  # SQLite has no such lock: its writers queue on the database's
            assert committed == []  # the writer's commit waits for the lock
    finally:
        release.set()
        for t in threads:
            t.join(30)
    assert not failures, failures
    with Session(engine) as s:
        entries = s.exec(select(ChangeLogEntry).order_by(ChangeLogEntry.seq))  # type: ignore[arg-type]
        order = [e.entity_id for e in entries]
    # In commit order: on SQLite the holder's first statement came after the writer's.
    assert order[-2:] == (["holder", "writer"] if postgres else ["writer", "holder"])


def test_a_service_type_and_its_first_text_in_one_transaction(session, world):
    """The rebuild names service types from the held catalogue; one the catalogue gains in
    the same transaction (an import) is read from the database."""
    from app.core.db import open_session
    from app.models import ServiceType
    from app.texts import held_shapes
    from app.texts.read_cache import wait_until_live

    assert wait_until_live()
    with open_session(write=False) as reader:
        held = held_shapes.service_type_codes(reader)
    assert "skolehelsetjenesten-ny" not in held.values()
    st = ServiceType(code="skolehelsetjenesten-ny", name="Ny skolehelsetjeneste", level="municipal")
    session.add(st)
    session.flush()
    revision = TextRevision(locality_id=world.region.id, pathway_id=world.pathway.id,
                            service_type_id=st.id, section="role", lang="nb", mode="replace",
                            text="Ny tekst.", author="test")  # fmt: skip
    session.add(revision)
    session.commit()
    snap = session.exec(
        select(LayerSnapshot).where(
            LayerSnapshot.locality_id == world.region.id, LayerSnapshot.section == "role"
        )
    ).one()
    assert snap.revisions == snap.written
    assert "skolehelsetjenesten-ny" in snap.body
