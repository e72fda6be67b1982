"""The changes feed: order, filtering, scheduled revisions, and no misses under concurrency."""

import random
import threading
import time
from datetime import timedelta

from sqlmodel import Session, select

from app.changes import service
from app.changes.log import record_change
from app.core.db import open_session
from app.models import ChangeLogEntry, TextRevision
from app.models.base import utcnow

TEXT = "/v1/localities/{code}/pathways/angst/texts/{st}/role"


def put(client, h, code, text="Tekst.", st="helsestasjon", **extra):
    data = {"mode": "replace", "text": text, "lang": "nb", "status": "published", **extra}
    return client.put(TEXT.format(code=code, st=st), json=data, headers={**h, "If-None-Match": "*"})


def feed(client, **params):
    r = client.get("/v1/changes", params=params)
    assert r.status_code == 200, r.json()
    return r.json()


def test_upserts_and_deletes_in_order(client, world, auth):
    admin = auth("admin")
    start = feed(client)["next_after"]
    put(client, admin, "helse-vest", "Basis.")
    mine = put(client, admin, "4601", "Lokalt.")
    client.delete(
        TEXT.format(code="4601", st="helsestasjon"),
        headers={**admin, "If-Match": mine.headers["etag"]},
    )
    page = feed(client, after=start)
    got = [(i["action"], i["locality"], i["pathway"], i["entity"], i["id"]) for i in page["items"]]
    assert got == [
        ("upsert", "helse-vest", "angst", "text", "angst/helsestasjon/role/nb"),
        ("upsert", "4601", "angst", "text", "angst/helsestasjon/role/nb"),
        ("delete", "4601", "angst", "text", "angst/helsestasjon/role/nb"),
    ]
    seqs = [i["seq"] for i in page["items"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert page["next_after"] == seqs[-1]
    last = seqs[-1]
    assert feed(client, after=last) == {"items": [], "next_cursor": str(last), "next_after": last}
    assert [i["seq"] for i in feed(client, after=start, limit=2)["items"]] == seqs[:2]
    assert [i["seq"] for i in feed(client, after=seqs[1], limit=2)["items"]] == seqs[2:]


def test_drafts_and_scheduled_writes_stay_out_until_public(client, world, auth, session: Session):
    admin = auth("admin")
    start = feed(client)["next_after"]
    put(client, admin, "4601", "Utkast.", status="draft")
    later = (utcnow() + timedelta(hours=1)).isoformat()
    scheduled = put(client, admin, "4624", "Fra i morgen.", valid_from=later)
    assert scheduled.status_code == 201
    assert feed(client, after=start)["items"] == []
    # An hour later the scheduled revision is announced, once.
    with open_session(write=False) as s:
        page = service.list_changes(
            s, after=start, limit=50, locality=None, now=utcnow() + timedelta(hours=2)
        )
    rev = scheduled.json()["revision"]
    assert [(i.action, i.locality, i.id) for i in page.items] == [
        ("upsert", "4624", f"angst/helsestasjon/role/nb@r{rev}")
    ]
    assert len(feed(client, after=start)["items"]) == 1


def test_scheduled_revision_written_directly_appears_once_due(client, world, session: Session):
    now = utcnow()
    rev = TextRevision(
        locality_id=world.m1106.id,
        pathway_id=world.pathway.id,
        service_type_id=world.service_types["fastlege"].id,
        section="role",
        lang="nn",
        mode="append",
        text="Frå i dag.",
        status="published",
        author="planlagt",
        created_at=now - timedelta(hours=2),
        valid_from=now - timedelta(hours=1),
    )
    session.add(rev)
    session.commit()
    first = feed(client)
    assert [(i["id"], i["locality"]) for i in first["items"]] == [
        (f"angst/fastlege/role/nn@r{rev.id}", "1106")
    ]
    assert feed(client)["items"] == first["items"]  # announced once, not again
    assert feed(client, after=first["next_after"])["items"] == []


def test_locality_filter_keeps_the_chain_and_global_changes(client, world, auth, session: Session):
    admin = auth("admin")
    for code in ("helse-vest", "bergen", "fonna", "4601", "4624", "1106"):
        assert put(client, admin, code, f"Tekst for {code}.").status_code == 201
    record_change(session, entity="service_type", action="upsert", entity_id="ppt")
    session.commit()
    seen = [(i["locality"], i["entity"]) for i in feed(client, locality="4601")["items"]]
    assert seen == [
        ("helse-vest", "text"),
        ("bergen", "text"),
        ("4601", "text"),
        (None, "service_type"),
    ]
    assert {i["locality"] for i in feed(client, locality="fonna")["items"]} == {
        "helse-vest",
        "fonna",
        None,
    }
    r = client.get("/v1/changes", params={"locality": "9999"})
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_bad_parameters_are_422(client, world):
    for params in ({"after": -1}, {"after": "x"}, {"limit": 0}, {"limit": 501}, {"locality": "Ø"}):
        r = client.get("/v1/changes", params=params)
        assert r.status_code == 422, params
        assert r.headers["content-type"] == "application/problem+json"


def test_poller_never_misses_a_change_under_concurrent_writers(world):
    """Writers commit in random interleavings; a poller following `after=` sees every seq."""
    writers, per_writer = 4, 25
    done = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            rnd = random.Random(n)
            for i in range(per_writer):
                with open_session(write=True) as s:
                    record_change(
                        s,
                        entity="text",
                        action="upsert",
                        entity_id=f"w{n}/{i}",
                        locality="4601",
                        pathway="angst",
                    )
                    time.sleep(rnd.random() / 500)
                    s.commit()  # the seq is taken here, under the log's lock, then commits
        except BaseException as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    def poll() -> None:
        after = 0
        try:
            while True:
                finished = done.is_set()
                with open_session(write=False) as s:
                    page = service.list_changes(s, after=after, limit=7, locality=None)
                seen.extend(c.seq for c in page.items)
                after = page.next_after
                if finished and not page.items:
                    return
        except BaseException as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    poller = threading.Thread(target=poll)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    poller.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    done.set()
    poller.join(timeout=120)
    assert not errors, errors
    with open_session(write=False) as s:
        logged = [e.seq for e in s.exec(select(ChangeLogEntry).order_by(ChangeLogEntry.seq))]  # type: ignore[arg-type]
    assert len(logged) == writers * per_writer
    assert seen == logged


def test_proposal_events_are_not_public(client, world, auth, session):
    from app.changes.log import record_change

    record_change(
        session, entity="proposal", action="upsert", entity_id="1", locality="4601", pathway="angst"
    )
    record_change(
        session,
        entity="text",
        action="upsert",
        entity_id="angst/fastlege/role/nb",
        locality="4601",
        pathway="angst",
    )
    session.commit()
    public = [c["entity"] for c in client.get("/v1/changes").json()["items"]]
    assert "text" in public and "proposal" not in public
    keyed = client.get("/v1/changes", headers=auth("reader", "4601")).json()["items"]
    assert "proposal" in [c["entity"] for c in keyed]
