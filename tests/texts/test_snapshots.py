"""Layer snapshots give the history's answer, and are used only while they are whole."""

import random
from datetime import timedelta

from sqlalchemy import insert

from app.models import TextRevision
from app.models.base import utcnow
from app.texts import queries, snapshots
from app.texts.merge import SECTIONS

NOW = utcnow()


def _row(world, rng, i: int, loc) -> dict:
    mode = rng.choice(["replace", "append", "hide", "inherit"])
    if loc is world.region:
        mode = rng.choice(["replace", "replace", "inherit"])
    valid_from = None
    if rng.random() < 0.3:  # some long passed, some scheduled days ahead
        valid_from = NOW + timedelta(days=rng.randrange(-8, 8))
    return {
        "locality_id": loc.id,
        "pathway_id": world.pathway.id,
        "service_type_id": rng.choice(list(world.service_types.values())).id,
        "section": rng.choice(["role", "measures", "links"]),
        "lang": rng.choice(["nb", "nn"]),
        "mode": mode,
        "text": None if mode in ("hide", "inherit") else f"**Tekst** {i}",
        "status": rng.choice(["published", "published", "draft"]),
        "valid_from": valid_from,
        "based_on": None,
        "change_kind": rng.choice(["substantive", "editorial"]),
        "needs_local_adaptation": rng.random() < 0.2,
        "author": "test",
        # Few distinct times, so (effective, id) ties are common.
        "created_at": NOW - timedelta(days=rng.randrange(10)),
    }


def _bulk_history(session, world, seed: int, n: int = 250) -> None:
    rng = random.Random(seed)
    layers = [world.region, world.bergen, world.m4601, world.m4624]
    rows = [_row(world, rng, i, rng.choice(layers)) for i in range(n)]
    session.execute(insert(TextRevision.__table__), rows)  # type: ignore[attr-defined]
    session.commit()


def _layers(session, code: str = "4601") -> list[tuple[int, str]]:
    return [(loc.id, loc.code) for loc in queries.chain_of(session, code)]


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
    loaded = snapshots.current(session, world.pathway.id, layers, at=at)
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
