"""The deliverer as real processes (`forlop worker`): killed with SIGKILL mid-delivery, and
two racing. Every event ends up delivered; racing workers never send one twice."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from app.models import WebhookDelivery
from tests.webhooks.receiver import Receiver, wait_for

pytestmark = pytest.mark.reliability

TEXT = "/v1/localities/{code}/pathways/angst/texts/{st}/{section}"
SLOTS = [
    (code, st, section)
    for code in ("4601", "4624", "1106")
    for st in ("helsestasjon", "fastlege")
    for section in ("role", "assessment")
]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.release.set()
    r.stop()


@pytest.fixture
def workers(db_url: str) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def start_worker(db_url: str, started: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "FORLOP_WEBHOOK_ALLOW_PRIVATE": "true",
        "FORLOP_WEBHOOK_POLL_SECONDS": "0.05",
        "FORLOP_WEBHOOK_RETRY_BASE_SECONDS": "0.05",
        "FORLOP_WEBHOOK_RETRY_MAX_SECONDS": "0.2",
        "FORLOP_WEBHOOK_TIMEOUT_SECONDS": "0.5",
        "FORLOP_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started.append(proc)
    return proc


def publish_all(client, auth, receiver: Receiver) -> None:
    admin = auth("admin")
    r = client.post(
        "/v1/webhooks", json={"url": receiver.url, "event_kinds": ["text.upsert"]}, headers=admin
    )
    assert r.status_code == 201, r.json()
    receiver.secret = r.json()["secret"]
    for code, st, section in SLOTS:
        body = {"mode": "replace", "text": f"{code} {st}.", "lang": "nb", "status": "published"}
        r = client.put(
            TEXT.format(code=code, st=st, section=section),
            json=body,
            headers={**admin, "If-None-Match": "*"},
        )
        assert r.status_code == 201, r.json()


def expected_ids(session: Session) -> set[str]:
    return {f"msg_{d.event_id}" for d in session.exec(select(WebhookDelivery)).all()}


def all_delivered(session: Session) -> bool:
    rows = session.exec(select(WebhookDelivery)).all()
    return len(rows) == len(SLOTS) and all(d.status == "delivered" for d in rows)


def test_a_worker_killed_mid_delivery_loses_nothing(
    client, world, auth, receiver, workers, db_url, session: Session
):
    publish_all(client, auth, receiver)
    receiver.mode = "hang"
    first = start_worker(db_url, workers)
    assert receiver.hung.wait(30), "the first worker never started delivering"
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    receiver.mode = "ok"
    receiver.release.set()
    start_worker(db_url, workers)
    wait_for(lambda: all_delivered(session), timeout=40)
    ids = receiver.ids()
    assert set(ids) == expected_ids(session) and len(set(ids)) == len(SLOTS)
    # At least once: only the delivery cut off by the kill may have come twice.
    assert len(ids) - len(set(ids)) <= 1
    assert receiver.refused == 0


def test_two_workers_racing_deliver_each_event_once(
    client, world, auth, receiver, workers, db_url, session: Session
):
    publish_all(client, auth, receiver)
    start_worker(db_url, workers)
    start_worker(db_url, workers)
    wait_for(lambda: all_delivered(session), timeout=40)
    ids = receiver.ids()
    assert sorted(ids) == sorted(expected_ids(session))  # every one, none twice
    assert len(ids) == len(SLOTS)
