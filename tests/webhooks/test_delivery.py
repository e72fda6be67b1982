"""Delivery to a verifying receiver on loopback: signed payloads with impact, filters,
retries while the receiver is down, giving up after the window, redelivery, ping."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.changes.log import record_call_off
from app.core.config import get_settings
from app.core.db import open_session
from app.models import WebhookDelivery, WebhookEvent
from app.models.base import utcnow
from app.webhooks import worker
from tests.webhooks.receiver import Receiver, wait_for

TEXT = "/v1/localities/{code}/pathways/angst/texts/{st}/{section}"


@pytest.fixture
def fast(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff in hundredths of a second and a short window, so retries fit in a test."""
    for name, value in {
        "RETRY_BASE_SECONDS": "0.01",
        "RETRY_MAX_SECONDS": "0.05",
        "RETRY_WINDOW_SECONDS": "60",
        "TIMEOUT_SECONDS": "1",
    }.items():
        monkeypatch.setenv(f"FORLOP_WEBHOOK_{name}", value)
    get_settings.cache_clear()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.release.set()
    r.stop()


def subscribe(client, headers, receiver: Receiver, **body):
    data = {"url": receiver.url, "event_kinds": ["*"], **body}
    r = client.post("/v1/webhooks", json=data, headers=headers)
    assert r.status_code == 201, r.json()
    receiver.secret = r.json()["secret"]
    return r.json()


def put(client, h, code, text, st="helsestasjon", section="role", **extra):
    body = {"mode": "replace", "text": text, "lang": "nb", "status": "published", **extra}
    r = client.put(
        TEXT.format(code=code, st=st, section=section),
        json=body,
        headers={**h, "If-None-Match": "*"},
    )
    assert r.status_code == 201, r.json()
    return r


def drain(rounds: int = 50) -> None:
    """Run the deliverer until nothing is waiting (or due)."""
    for _ in range(rounds):
        if not worker.tick(get_settings()):
            return


def test_a_publication_arrives_signed_with_its_impact(client, world, auth, fast, receiver):
    admin = auth("admin")
    sub = subscribe(client, auth("editor", "bergen"), receiver, event_kinds=["text.*"])
    assert sub["locality"] == "bergen"  # the key's scope by default
    put(client, admin, "helse-vest", "Regional tekst.")
    local = put(client, admin, "4624", "Bjørnafjordens tekst.")
    # A substantive change of the base leaves 4624's override stale.
    base = client.get(TEXT.format(code="helse-vest", st="helsestasjon", section="role"))
    r = client.put(
        TEXT.format(code="helse-vest", st="helsestasjon", section="role"),
        json={"mode": "replace", "text": "Ny regional tekst.", "lang": "nb", "status": "published"},
        headers={**admin, "If-Match": base.headers["etag"]},
    )
    assert r.status_code == 200, r.json()
    drain()
    got = receiver.received
    assert [(g["type"], g["data"]["locality"]) for g in got] == [
        ("text.upsert", "helse-vest"),
        ("text.upsert", "4624"),
        ("text.upsert", "helse-vest"),
    ]
    assert receiver.refused == 0
    assert len(set(receiver.ids())) == 3
    last = got[-1]["data"]
    assert last["kind"] == "text.upsert" and last["tombstone"] is False
    assert last["id"] == "angst/helsestasjon/role/nb"
    views = {(v["locality"], v["pathway"]) for v in last["impact"]["views"]}
    assert {
        ("helse-vest", "angst"),
        ("bergen", "angst"),
        ("4601", "angst"),
        ("1106", "angst"),
    } <= views
    stale = last["impact"]["stale_overrides"]
    assert [(s["locality"], s["revision"]) for s in stale] == [("4624", local.json()["revision"])]
    # The local write changes 4624's view only.
    assert [v["locality"] for v in got[1]["data"]["impact"]["views"]] == ["4624"]


def test_filters_keep_other_places_pathways_and_kinds_out(client, world, auth, fast, receiver):
    admin = auth("admin")
    subscribe(client, auth("editor", "fonna"), receiver, event_kinds=["text.delete"])
    put(client, admin, "4601", "Bergen.")  # outside fonna
    mine = put(client, admin, "1106", "Haugesund.")  # an upsert: not subscribed
    client.delete(
        TEXT.format(code="1106", st="helsestasjon", section="role"),
        headers={**admin, "If-Match": mine.headers["etag"]},
    )
    drain()
    assert [(g["type"], g["data"]["locality"]) for g in receiver.received] == [
        ("text.delete", "1106")
    ]
    tomb = receiver.received[0]["data"]
    assert tomb["tombstone"] is True and tomb["action"] == "delete"


def test_calling_off_and_a_scheduled_revision_taking_effect(
    client, world, auth, fast, receiver, session: Session
):
    admin = auth("admin")
    subscribe(client, admin, receiver, event_kinds=["text.*"])
    soon = utcnow() + timedelta(seconds=60)
    r = put(client, admin, "4601", "Fra i morgen.", valid_from=soon.isoformat())
    rev = r.json()["revision"]
    with open_session(write=True) as s:
        record_call_off(
            s, entity_id="angst/helsestasjon/role/nb", revision=rev, locality="4601",
            pathway="angst",
        )  # fmt: skip
        s.commit()
    drain()
    assert [g["type"] for g in receiver.received] == ["text.cancel"]
    assert receiver.received[0]["data"]["impact"]["views"] == []
    # A second one takes effect by itself: the deliverer announces it at its valid_from.
    later = utcnow() + timedelta(seconds=1.5)
    r = put(client, admin, "4624", "Snart.", valid_from=later.isoformat())
    wait_for(lambda: utcnow() >= later, timeout=5)
    drain()
    due = receiver.of_type("text.upsert")
    assert len(due) == 1
    data = due[0]["data"]
    assert data["cause"] == "scheduled" and data["locality"] == "4624"
    assert data["id"].endswith(f"@r{r.json()['revision']}")
    assert due[0]["timestamp"].startswith(later.isoformat()[:19])


def test_receiver_down_for_a_while_then_everything_arrives(client, world, auth, fast, receiver):
    admin = auth("admin")
    sub = subscribe(client, admin, receiver)
    receiver.stop()
    for code in ("4601", "4624", "1106"):
        put(client, admin, code, f"Tekst for {code}.")
    drain(rounds=3)
    log = client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin).json()["items"]
    assert {d["status"] for d in log} == {"pending"} and all(d["attempts"] >= 1 for d in log)
    assert all("reach" in d["error"] for d in log)
    receiver.start()  # the same port
    wait_for(lambda: (drain(), len(receiver.received) == 3)[1], timeout=10)
    log = client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin).json()["items"]
    assert {d["status"] for d in log} == {"delivered"}
    assert sorted(g["data"]["locality"] for g in receiver.received) == ["1106", "4601", "4624"]


def test_a_day_of_failures_disables_the_subscription_visibly(
    client, world, auth, fast, receiver, monkeypatch
):
    monkeypatch.setenv("FORLOP_WEBHOOK_RETRY_WINDOW_SECONDS", "0.2")
    get_settings.cache_clear()
    admin = auth("admin")
    sub = subscribe(client, admin, receiver)
    receiver.mode = "fail"
    put(client, admin, "4601", "Tekst.")
    wait_for(
        lambda: (
            drain(),
            not client.get(f"/v1/webhooks/{sub['id']}", headers=admin).json()["enabled"],
        )[1]
    )
    seen = client.get(f"/v1/webhooks/{sub['id']}", headers=admin).json()
    assert "HTTP 503" in seen["disabled_reason"] and seen["disabled_at"]
    log = client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=admin).json()["items"]
    assert log[0]["status"] == "failed" and log[0]["response_status"] == 503
    # While disabled, new events are held, not sent; turning it on sends them.
    put(client, admin, "4624", "Mer.")
    receiver.mode = "ok"
    drain()
    assert receiver.received == []
    etag = client.get(f"/v1/webhooks/{sub['id']}", headers=admin).headers["etag"]
    r = client.patch(
        f"/v1/webhooks/{sub['id']}", json={"enabled": True}, headers={**admin, "If-Match": etag}
    )
    assert r.status_code == 200 and r.json()["disabled_reason"] is None
    drain()
    assert [g["data"]["locality"] for g in receiver.received] == ["4624"]
    # The failed one comes back by redelivery, with the same message id.
    failed = log[0]
    r = client.post(f"/v1/webhooks/{sub['id']}/deliveries/{failed['id']}/redeliver", headers=admin)
    assert r.status_code == 202 and r.json()["message_id"] == failed["message_id"]
    drain()
    assert receiver.ids()[-1] == failed["message_id"]
    assert receiver.received[-1]["data"]["locality"] == "4601"


def test_ping_and_redirects(client, world, auth, fast, receiver):
    admin = auth("admin")
    sub = subscribe(client, admin, receiver)
    r = client.post(f"/v1/webhooks/{sub['id']}/ping", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "delivered"
    assert receiver.of_type("webhook.ping")[0]["data"]["subscription"] == sub["id"]
    receiver.mode = "redirect"
    r = client.post(f"/v1/webhooks/{sub['id']}/ping", headers=admin)
    assert r.json()["status"] == "failed" and r.json()["response_status"] == 302
    assert "redirect" in r.json()["error"]
    assert receiver.requests == 2  # the redirect was not followed


def test_events_nobody_wants_leave_the_outbox(client, world, auth, fast, session: Session):
    put(client, auth("admin"), "4601", "Tekst.")
    assert session.exec(select(WebhookEvent)).all()
    drain()
    assert session.exec(select(WebhookEvent)).all() == []
    assert session.exec(select(WebhookDelivery)).all() == []


def test_finished_deliveries_leave_the_log_after_the_retention(
    client, world, auth, fast, receiver, session: Session
):
    admin = auth("admin")
    sub = subscribe(client, admin, receiver)
    put(client, admin, "4601", "Tekst.")
    drain()
    receiver.stop()
    put(client, admin, "1106", "Enda mer.")
    drain(rounds=2)  # pending: kept however old
    assert sorted(d.status for d in session.exec(select(WebhookDelivery)).all()) == [
        "delivered",
        "pending",
    ]
    assert worker.prune(get_settings(), now=utcnow() + timedelta(days=29)) == 0
    assert worker.prune(get_settings(), now=utcnow() + timedelta(days=31)) == 1
    left = session.exec(select(WebhookDelivery)).all()
    assert [d.status for d in left] == ["pending"]
    assert {e.id for e in session.exec(select(WebhookEvent)).all()} == {left[0].event_id}
    assert client.get(f"/v1/webhooks/{sub['id']}", headers=admin).json()["enabled"] is True
