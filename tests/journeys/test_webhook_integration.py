"""Journey 5, step 3 (push): Bergen's intranet receives signed webhooks instead of polling.

People: Ingrid, who runs Bergen kommune's intranet integration (an editor key for 4601,
used only for the subscription); Randi, the regional editor (helse-vest); Morten, Bergen's
municipal editor (4601). The deliverer runs in the background as inside `forlop serve`;
the intranet's receiver verifies every delivery with the `standardwebhooks` package.
"""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from app.core.config import get_settings
from app.models.base import utcnow
from app.webhooks import worker
from tests.webhooks.receiver import Receiver, wait_for

TEXT = "/v1/localities/{code}/pathways/angst/texts/helsestasjon/assessment"


@pytest.fixture
def intranet() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.release.set()
    r.stop()


@pytest.fixture
def deliverer(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The background deliverer, polling every 20 ms with short backoff."""
    for name, value in {
        "POLL_SECONDS": "0.02",
        "RETRY_BASE_SECONDS": "0.02",
        "RETRY_MAX_SECONDS": "0.1",
        "TIMEOUT_SECONDS": "1",
    }.items():
        monkeypatch.setenv(f"FORLOP_WEBHOOK_{name}", value)
    get_settings.cache_clear()
    stop = worker.start_thread()
    yield
    stop.set()


def test_bergens_intranet_follows_the_pathway_by_webhooks(client, world, auth, intranet, deliverer):
    ingrid, randi, morten = (
        auth("editor", "4601"),
        auth("editor", "helse-vest"),
        auth("editor", "4601"),
    )

    # Ingrid subscribes the intranet to Bergen's texts of the anxiety pathway.
    wrong = client.post(
        "/v1/webhooks",
        json={"url": intranet.url, "event_kinds": ["text.changed"], "pathways": ["angst"]},
        headers=ingrid,
    )
    assert wrong.status_code == 422 and "text.changed" in wrong.json()["detail"]
    elsewhere = client.post(
        "/v1/webhooks",
        json={"url": intranet.url, "event_kinds": ["text.*"], "locality": "4624"},
        headers=ingrid,
    )
    assert elsewhere.status_code == 403
    made = client.post(
        "/v1/webhooks",
        json={"url": intranet.url, "event_kinds": ["text.*"], "pathways": ["angst"]},
        headers=ingrid,
    )
    assert made.status_code == 201, made.json()
    sub = made.json()
    intranet.secret = sub["secret"]  # shown once: the intranet stores it
    assert sub["locality"] == "4601"
    ping = client.post(f"/v1/webhooks/{sub['id']}/ping", headers=ingrid)
    assert ping.json()["status"] == "delivered"
    assert intranet.received[-1]["type"] == "webhook.ping"

    # Randi publishes a new regional text: the intranet learns Bergen's view changed.
    r = client.put(
        TEXT.format(code="helse-vest"),
        json={"mode": "replace", "text": "Kartlegg angst med SCARED.", "lang": "nb",
              "status": "published"},
        headers={**randi, "If-None-Match": "*"},
    )  # fmt: skip
    assert r.status_code == 201
    base_etag = r.headers["etag"]
    got = wait_for(lambda: intranet.of_type("text.upsert"))
    change = got[0]["data"]
    assert (change["locality"], change["pathway"]) == ("helse-vest", "angst")
    assert {"locality": "4601", "pathway": "angst"} in change["impact"]["views"]

    # Morten adds Bergen's own words; then Randi rewrites the base: his override is stale,
    # and the intranet is told so.
    r = client.put(
        TEXT.format(code="4601"),
        json={"mode": "append", "text": "I Bergen: ring helsestasjonen.", "lang": "nb",
              "status": "published"},
        headers={**morten, "If-None-Match": "*"},
    )  # fmt: skip
    assert r.status_code == 201
    override = r.json()["revision"]
    r = client.put(
        TEXT.format(code="helse-vest"),
        json={"mode": "replace", "text": "Kartlegg angst med SCARED og samtale.", "lang": "nb",
              "status": "published"},
        headers={**randi, "If-Match": base_etag},
    )  # fmt: skip
    assert r.status_code == 200, r.json()
    wait_for(lambda: len(intranet.of_type("text.upsert")) >= 3)
    rewrite = intranet.of_type("text.upsert")[2]["data"]
    assert rewrite["locality"] == "helse-vest"
    assert [(s["locality"], s["revision"]) for s in rewrite["impact"]["stale_overrides"]] == [
        ("4601", override)
    ]

    # Morten schedules a change, then calls it off: the intranet hears of the calling off.
    soon = utcnow() + timedelta(seconds=60)
    scheduled = client.put(
        TEXT.format(code="4601").replace("assessment", "measures"),
        json={"mode": "replace", "text": "Nytt fra 1. januar.", "lang": "nb",
              "status": "published", "valid_from": soon.isoformat()},
        headers={**morten, "If-None-Match": "*"},
    )  # fmt: skip
    assert scheduled.status_code == 201, scheduled.json()
    rev = scheduled.json()["revision"]
    call_off = TEXT.format(code="4601").replace("assessment", "measures") + f"/revisions/{rev}"
    r = client.delete(call_off, headers={**morten, "If-Match": "*"})
    assert r.status_code == 204, r.text
    cancel = wait_for(lambda: intranet.of_type("text.cancel"))[0]["data"]
    assert cancel["locality"] == "4601" and cancel["impact"]["views"] == []

    # A scheduled change takes effect by itself, and the intranet is told at that moment.
    later = utcnow() + timedelta(seconds=1.5)
    r = client.put(
        TEXT.format(code="4601").replace("assessment", "collaboration"),
        json={"mode": "replace", "text": "Samarbeid fra i morgen.", "lang": "nb",
              "status": "published", "valid_from": later.isoformat()},
        headers={**morten, "If-None-Match": "*"},
    )  # fmt: skip
    assert r.status_code == 201
    effect = wait_for(
        lambda: [g for g in intranet.of_type("text.upsert") if g["data"]["cause"] == "scheduled"]
    )[0]
    assert utcnow() >= later
    assert effect["data"]["id"].startswith("angst/helsestasjon/collaboration/nb@r")

    # The intranet is down for a while; Morten removes Bergen's override meanwhile.
    intranet.stop()
    etag = client.get(TEXT.format(code="4601"), headers=morten).headers["etag"]
    r = client.delete(TEXT.format(code="4601"), headers={**morten, "If-Match": etag})
    assert r.status_code == 204
    wait_for(
        lambda: any(
            d["status"] == "pending" and d["attempts"] >= 2
            for d in client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=ingrid).json()[
                "items"
            ]
        )
    )
    intranet.start()
    tomb = wait_for(lambda: intranet.of_type("text.delete"))[0]["data"]
    assert tomb["tombstone"] is True and tomb["locality"] == "4601"

    # Ingrid's delivery log: everything delivered, nothing refused by the intranet's check.
    log = client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=ingrid).json()["items"]
    assert log and {d["status"] for d in log} == {"delivered"}
    assert intranet.refused == 0
    # The feed tells a polling script the same changes; its impact is computed when asked,
    # and Morten's stale override is gone by now.
    feed = client.get("/v1/changes", params={"include": "impact", "locality": "4601"}).json()
    by_seq = {i["seq"]: i for i in feed["items"]}
    assert by_seq[rewrite["seq"]]["kind"] == "text.upsert"
    assert by_seq[rewrite["seq"]]["impact"] == {**rewrite["impact"], "stale_overrides": []}
    assert by_seq[tomb["seq"]]["tombstone"] is True
