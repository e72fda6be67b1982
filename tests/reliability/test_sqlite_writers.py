"""Many writers at once on one SQLite file, through two worker processes: every write is
answered 2xx (no "database is locked" 500s) and is in the database afterwards."""

import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.factories import make_key
from tests.reliability.load import Record, SlotEditor, timed
from tests.reliability.server import engine_for, running, sqlite_integrity

pytestmark = pytest.mark.reliability

MUNICIPALITIES = ("4601", "4624", "4626", "4627")
SERVICES = ("helsestasjon", "skole", "fastlege")
# 17 writers at once; each a few writes in a row is enough to keep them all overlapping.
EDITS = 5  # per slot
REGISTRANTS, REGISTRATIONS = 3, 8
ANSWERERS, ANSWERS = 2, 8
WRITES = (
    len(MUNICIPALITIES) * len(SERVICES) * EDITS + REGISTRANTS * REGISTRATIONS + ANSWERERS * ANSWERS
)


def test_concurrent_writers_on_one_sqlite_file(demo_sqlite: Path, tmp_path: Path):
    path = tmp_path / "writers.db"
    shutil.copy(demo_sqlite, path)
    url = f"sqlite:///{path}"
    with engine_for(url) as engine, Session(engine) as session:
        tokens = {c: make_key(session, role="editor", locality=c) for c in MUNICIPALITIES}
        organiser = make_key(session, role="editor", locality="bergen")
        event_id = session.execute(text("SELECT min(id) FROM event")).scalar_one()
    record = Record()
    with running(url, tmp_path / "server.log", workers=2) as server:
        setup = httpx.Client(base_url=server.base, timeout=30)
        h = {"Authorization": f"Bearer {organiser}"}
        q = setup.put(
            f"/v1/events/{event_id}/feedback-questions",
            json={"questions": [{"text": "Hva tar du med deg?", "kind": "text"}]},
            headers=h,
        )
        assert q.status_code == 200, q.text
        question = q.json()["questions"][0]["id"]
        issued = setup.post(
            f"/v1/events/{event_id}/feedback-tokens",
            json={"count": ANSWERERS * ANSWERS},
            headers=h,
        )
        assert issued.status_code == 201, issued.text
        links = issued.json()["tokens"]

        def edit(code: str, service: str) -> None:
            editor = SlotEditor(server.base, tokens[code], code, service, "measures")
            for _ in range(EDITS):
                editor.write(record)

        def register(k: int) -> None:
            client = httpx.Client(base_url=server.base, timeout=60)
            for i in range(REGISTRATIONS):
                email = f"deltaker{k}-{i}@eksempel.no"
                body = {"name": f"Deltaker {k}-{i}", "email": email, "municipality": "4601",
                        "kind": "professional", "service_type": "helsestasjon"}  # fmt: skip
                a = timed(client, record, "register", "POST",
                          f"/v1/events/{event_id}/registrations", json=body)  # fmt: skip
                record.add(a, email if a.status == 201 else None)

        def answer(k: int) -> None:
            client = httpx.Client(base_url=server.base, timeout=60)
            for i in range(ANSWERS):
                said = f"Svar {k}-{i}"
                body = {"answers": [{"question": question, "text": said}]}
                a = timed(client, record, "feedback", "POST",
                          f"/v1/feedback/{links[k * ANSWERS + i]}", json=body)  # fmt: skip
                record.add(a, said if a.status == 204 else None)

        stop = threading.Event()

        def read() -> None:
            client = httpx.Client(base_url=server.base, timeout=60)
            while not stop.is_set():
                record.add(
                    timed(client, record, "read", "GET", "/v1/localities/4601/pathways/angst")
                )

        started = time.monotonic()
        readers = [threading.Thread(target=read, daemon=True) for _ in range(2)]
        for t in readers:
            t.start()
        jobs = [(edit, (c, s)) for c in MUNICIPALITIES for s in SERVICES]
        jobs += [(register, (k,)) for k in range(REGISTRANTS)]
        jobs += [(answer, (k,)) for k in range(ANSWERERS)]
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            for f in [pool.submit(fn, *args) for fn, args in jobs]:
                f.result()
        stop.set()
        for t in readers:
            t.join(timeout=30)
        seconds = time.monotonic() - started
        log = server.output()

    writes = [a for a in record.answers if a.kind in ("write", "register", "feedback")]
    errors = [a for a in record.answers if a.status >= 500 or a.status == 0]
    refused = [a for a in writes if not 200 <= a.status < 300]
    print(
        f"{len(record.answers)} requests ({len(writes)} writes) from {len(jobs) + 2} clients in "
        f"{seconds:.1f} s on 2 workers: {len(errors)} errors, {len(refused)} writes refused, "
        f"slowest write {max(a.seconds for a in writes):.2f} s"
    )
    assert not errors, errors[:3]
    assert not refused, refused[:3]
    assert len(writes) == WRITES
    assert "database is locked" not in log and "Traceback" not in log, log[-3000:]

    # Every acknowledged write is there.
    with engine_for(url) as engine, Session(engine) as session:
        stored = {t for (t,) in session.execute(text("SELECT text FROM text_revision"))}
        stored |= {e for (e,) in session.execute(text("SELECT email FROM event_participant"))}
        stored |= {t for (t,) in session.execute(text("SELECT text FROM feedback_answer"))}
    missing = [w for w in record.acknowledged if w not in stored]
    assert not missing, missing[:5]
    assert len(record.acknowledged) == WRITES
    assert sqlite_integrity(url) == "ok"
