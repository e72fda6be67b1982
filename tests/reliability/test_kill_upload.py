"""The server killed (SIGKILL) while it takes in a filled review workbook: the upload is
there whole or not at all, the database checks out, and uploading again succeeds.

The kill comes at points the test chooses inside the upload's transaction (pause points
in app/rounds/workbook_service.py, armed by a test-only variable: app/core/testhooks.py),
after every proposal is written and just before the commit: however fast the machine,
the upload is always caught in the middle, so the test proves what it claims every run."""

import io
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.core.config import get_settings
from app.core.db import reset_engine
from app.core.testhooks import PAUSE_ENV
from tests.factories import make_key
from tests.reliability.server import (
    content_counts,
    engine_for,
    sqlite_integrity,
    sqlite_write_locked,
    start_server,
)

pytestmark = pytest.mark.reliability

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Where the server is held and killed: after the proposals, and with everything but the commit.
KILL_AT = ("workbook-upload:proposals-written", "workbook-upload:before-commit")


def _filled(content: bytes) -> tuple[bytes, int]:
    """Every row of every sheet gets a proposal and a light; the number of proposals."""
    wb = load_workbook(io.BytesIO(content))
    n = 0
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows(min_row=2):
            if row[9].value and row[10].value:
                n += 1
                row[4].value, row[6].value = "gul", f"Forslag fra pålitelighetstest nr. {n}."
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), n


def _in_transaction(url: str, backend: str, probe) -> bool:  # type: ignore[no-untyped-def]
    """The server is inside the upload's transaction (PostgreSQL: it has written already)."""
    if backend == "sqlite":
        return sqlite_write_locked(url)
    found = probe.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
    ).scalar_one()
    return int(found) > 0


def _post(url: str, data: bytes, headers: dict[str, str], answers: list[object]) -> None:
    """Send the workbook; the answer, or the error when the server went away."""
    files = {"file": ("revisjon.xlsx", data, XLSX)}
    try:
        answers.append(httpx.post(url, files=files, headers=headers, timeout=60))
    except httpx.HTTPError as exc:
        answers.append(exc)


def test_upload_killed_mid_request(backend, demo_db, tmp_path: Path, monkeypatch):
    with engine_for(demo_db) as engine, Session(engine) as session:
        token = make_key(session, role="contributor", locality="4601", name="reliability")
        rid = session.execute(text("SELECT id FROM review_round")).scalar_one()
    h = {"Authorization": f"Bearer {token}"}
    url = f"/v1/review-rounds/{rid}/workbook"
    before = content_counts(demo_db)
    after_kill: list[dict[str, int]] = []
    probe_engine = create_engine(demo_db, isolation_level="AUTOCOMMIT")
    data, n = b"", 0
    try:
        for i, point in enumerate(KILL_AT):
            if not data:
                server = start_server(demo_db, tmp_path / "export.log")
                try:
                    r = httpx.get(server.base + url, params={"municipality": "4601"}, headers=h)
                    assert r.status_code == 200, r.text
                    data, n = _filled(r.content)
                finally:
                    server.kill()
            marker = tmp_path / f"paused{i}"
            server = start_server(
                demo_db, tmp_path / f"server{i}.log", env={PAUSE_ENV: f"{point}={marker}"}
            )
            answers: list[object] = []
            thread = threading.Thread(target=_post, args=(server.base + url, data, h, answers))
            try:
                with probe_engine.connect() as probe:
                    thread.start()
                    deadline = time.monotonic() + 120
                    while not marker.exists() and thread.is_alive():
                        assert time.monotonic() < deadline, "the upload never reached " + point
                        time.sleep(0.01)
                    assert marker.exists(), f"the upload answered before {point}: {answers}"
                    assert _in_transaction(demo_db, backend, probe), point
            finally:
                server.kill()
            thread.join(timeout=30)
            assert answers and isinstance(answers[0], httpx.HTTPError), answers
            after_kill.append(content_counts(demo_db))
            if backend == "sqlite":
                assert sqlite_integrity(demo_db) == "ok"
    finally:
        probe_engine.dispose()

    # Upload again, in a fresh app on the same database: it succeeds.
    monkeypatch.setenv("DATABASE_URL", demo_db)
    get_settings.cache_clear()
    reset_engine()
    from app.main import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as client:
        files = {"file": ("revisjon.xlsx", data, XLSX)}
        r = client.post(url, files=files, headers=h)
    reset_engine()
    get_settings.cache_clear()
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["rejected_rows"] == []
    assert report["created"] + report["unchanged"] == n
    full = content_counts(demo_db)
    assert full["change_proposal"] == before["change_proposal"] + n

    # Each kill came before the commit: it left nothing of the upload, not a part of it.
    outcomes = ["nothing" if c == before else "all" if c == full else "PART" for c in after_kill]
    print(f"{backend}: {n} proposals per upload; after the kills: {outcomes}")
    assert outcomes == ["nothing"] * len(KILL_AT), [
        {k: (before[k], c[k], full[k]) for k in c if c[k] != before[k]} for c in after_kill
    ]
