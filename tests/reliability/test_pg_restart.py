"""PostgreSQL stopped and started under load: quick 503s while it is away, recovery by
itself within 5 s of its return, and no acknowledged write lost."""

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.backup.bundle import import_bundle
from app.models import TextRevision
from tests.factories import make_key
from tests.pg import Cluster, create_cluster
from tests.reliability.load import Answer, Record, SlotEditor, run_until, timed
from tests.reliability.server import engine_for, running

pytestmark = [pytest.mark.reliability, pytest.mark.pg]

FAST = 3.0  # seconds: an answer while the database is away must come quicker than this
RECOVERY = 5.0  # seconds after PostgreSQL accepts connections again
VIEW = "/v1/localities/4601/pathways/angst"


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test alone: it is stopped and started."""
    try:
        cluster = create_cluster()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield cluster
    cluster.destroy()


def _prepared(cluster: Cluster, bundle: bytes) -> str:
    from app.core.migrate import upgrade

    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE forlop"))
    admin.dispose()
    url = cluster.url("forlop")
    with engine_for(url) as engine:
        upgrade(engine)
        with Session(engine, expire_on_commit=False) as session:
            import_bundle(session, bundle)
    return url


def _is_unavailable(a: Answer) -> bool:
    return (
        a.status == 503
        and a.content_type.startswith("application/problem+json")
        and a.retry_after is not None
        and "Traceback" not in a.body
    )


def _wait_for(check, limit: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds until `check()` holds (polled every 50 ms); fails after `limit`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > limit:
            pytest.fail(f"not within {limit} s")
        time.sleep(0.05)
    return time.monotonic() - started


def test_postgres_goes_away_and_comes_back(
    own_cluster: Cluster, demo_bundle: bytes, tmp_path: Path
):
    url = _prepared(own_cluster, demo_bundle)
    with engine_for(url) as engine, Session(engine) as session:
        token = make_key(session, role="editor", locality="4601", name="reliability")
    record = Record()
    probes = Record()
    with running(url, tmp_path / "server.log") as server:
        editors = [
            SlotEditor(server.base, token, "4601", st, "measures")
            for st in ("helsestasjon", "fastlege")
        ]
        prober = SlotEditor(server.base, token, "4601", "bup", "measures")
        reader = httpx.Client(base_url=server.base, timeout=30)
        ask = httpx.Client(base_url=server.base, timeout=30)

        def read(rec: Record) -> None:
            rec.add(timed(reader, rec, "read", "GET", VIEW))

        def ready() -> Answer:
            a = timed(ask, probes, "ready", "GET", "/v1/ready")
            probes.add(a)
            return a

        stop = threading.Event()
        threads = [run_until(stop, record, e.write) for e in editors]
        threads.append(run_until(stop, record, read))
        _wait_for(lambda: len(record.acknowledged) >= 10, 10)  # the load is on
        assert ready().status == 200

        # Away: /v1/ready and every other request answer a quick 503 problem+json.
        own_cluster.stop("fast")
        stopped = time.monotonic()
        to_503 = _wait_for(lambda: ready().status == 503, FAST)
        for _ in range(3):
            probes.add(timed(ask, probes, "probe-read", "GET", VIEW))
            prober.write(probes)
            time.sleep(0.3)
        while time.monotonic() - stopped < 3:
            time.sleep(0.1)
        with record.lock:
            during = [a for a in record.answers + probes.answers if a.started > stopped]

        # Back: the same process serves again, reads and writes, without a restart.
        own_cluster.start()
        back = time.monotonic()
        recovered = _wait_for(
            lambda: (
                ready().status == 200
                and timed(ask, probes, "probe-read", "GET", VIEW).status == 200
            ),
            RECOVERY,
        )
        served = len(record.acknowledged)
        _wait_for(lambda: len(record.acknowledged) >= served + 5, 10)  # writes go on after it
        stop.set()
        for t in threads:
            t.join(timeout=30)
        assert server.process.poll() is None, "the server died"
        log = server.output()

    answers = record.answers + probes.answers
    after = [a for a in answers if a.started > back + recovered]
    failed = [a for a in during if a.status != 200]
    summary = (
        f"503 after {to_503:.2f} s; recovered {recovered:.2f} s after the start; "
        f"{len(answers)} requests, {len(during)} while away ({len(failed)} failed), "
        f"slowest failure {max((a.seconds for a in failed), default=0):.2f} s, "
        f"{len(record.acknowledged)} acknowledged writes"
    )
    print(summary)
    assert failed, "no request failed while PostgreSQL was down: " + summary
    wrong = [a for a in failed if not _is_unavailable(a)]
    assert not wrong, f"{wrong[:3]}"
    slow = [a for a in failed if a.seconds >= FAST]
    assert not slow, f"requests hung while the database was away: {slow[:3]}"
    assert not [a for a in answers if a.status >= 500 and a.status != 503]
    assert not [a for a in answers if a.status == 0], "a connection was dropped"
    assert any(a.kind == "write" and a.status in (200, 201) for a in after), summary
    assert "Traceback" not in log, log[-3000:]

    # No acknowledged write lost: every 2xx text is in the database, once.
    with engine_for(url) as engine, Session(engine) as session:
        texts = [
            t for (t,) in session.execute(
                text("SELECT text FROM text_revision WHERE text LIKE 'Pålitelighet %'")
            )
        ]  # fmt: skip
        assert session.get(TextRevision, 1) is not None
    missing = set(record.acknowledged + probes.acknowledged) - set(texts)
    assert not missing, f"acknowledged but not stored: {sorted(missing)[:5]}"
    assert len(texts) == len(set(texts))
