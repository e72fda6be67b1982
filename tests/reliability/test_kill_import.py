"""`forlop import` killed (SIGKILL) in the middle of its transaction: nothing half-written,
the database still opens and checks out, and the import then succeeds."""

import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.backup.bundle import import_bundle
from tests.reliability.server import (
    ROOT,
    content_counts,
    engine_for,
    server_env,
    sqlite_integrity,
    sqlite_path,
    sqlite_write_locked,
)

pytestmark = pytest.mark.reliability

EXTRA_CHANGES = 60_000  # enough rows that the insert takes a while after the write lock


@pytest.fixture(scope="session")
def big_bundle(demo_bundle: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data with a long change log: an import that stays in its transaction a while."""
    bundle = orjson.loads(demo_bundle)
    table = bundle["tables"]["change_log"]
    log, columns = table["rows"], table["columns"]
    last = dict(zip(columns, log[-1], strict=True))
    # Built by column name, so a column added to the log later needs no change here.
    extra = {"entity": "locality", "action": "upsert", "entity_id": "4601", "locality": "4601"}
    log += [
        [
            {**last, "pathway": None, "cause": None, **extra, "seq": last["seq"] + i}.get(c)
            for c in columns
        ]
        for i in range(1, EXTRA_CHANGES)
    ]
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_bytes(orjson.dumps(bundle))
    return path


def _mid_transaction(url: str, backend: str, probe) -> bool:  # type: ignore[no-untyped-def]
    """The import holds its write transaction and has written a good part of its rows."""
    if backend == "sqlite":
        wal = sqlite_path(url).with_name(sqlite_path(url).name + "-wal")
        # Uncommitted pages spill into the WAL once the page cache is full.
        return wal.exists() and wal.stat().st_size > 2_000_000 and sqlite_write_locked(url)
    done = probe.execute(
        text(
            "SELECT coalesce(max(p.tuples_processed), 0) FROM pg_stat_progress_copy p"
            " JOIN pg_stat_activity a ON a.pid = p.pid WHERE a.datname = current_database()"
        )
    ).scalar_one()
    return int(done) > 5_000


def test_import_killed_mid_transaction(backend, empty_db, big_bundle: Path, tmp_path: Path):
    before = content_counts(empty_db)
    assert sum(before.values()) == 0
    log = (tmp_path / "import.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "import", str(big_bundle)],
        cwd=ROOT,
        env=server_env(empty_db),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    probe_engine = create_engine(empty_db, isolation_level="AUTOCOMMIT")
    killed_at = None
    try:
        with probe_engine.connect() as probe:
            deadline = time.monotonic() + 180
            while process.poll() is None and time.monotonic() < deadline:
                if _mid_transaction(empty_db, backend, probe):
                    process.kill()  # SIGKILL
                    killed_at = time.monotonic()
                    break
                time.sleep(0.005)
    finally:
        process.kill()
        process.wait(timeout=30)
        probe_engine.dispose()
        log.close()
    output = (tmp_path / "import.log").read_text(errors="replace")
    assert killed_at is not None, f"the import ended before it could be killed:\n{output}"
    assert process.returncode == -9

    # Nothing half-written: no table holds a row.
    assert content_counts(empty_db) == before
    if backend == "sqlite":
        assert sqlite_integrity(empty_db) == "ok"

    # A retry loads the whole bundle.
    raw = big_bundle.read_bytes()
    with engine_for(empty_db) as engine, Session(engine, expire_on_commit=False) as session:
        counts = import_bundle(session, raw)
    assert counts["change_log"] >= EXTRA_CHANGES
    assert content_counts(empty_db) == counts
    if backend == "sqlite":
        assert sqlite_integrity(empty_db) == "ok"
