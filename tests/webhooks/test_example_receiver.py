"""examples/webhook_receiver.py verifies, deduplicates and describes real deliveries."""

import importlib.util
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.core.config import get_settings
from app.webhooks import worker
from app.webhooks.delivery import signed_headers

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "webhook_receiver.py"


def load_example():
    spec = importlib.util.spec_from_file_location("webhook_receiver", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_receiver_takes_signed_deliveries_once(client, world, auth):
    example = load_example()
    admin = auth("admin")
    got: list[dict] = []
    # Subscribe first (the secret comes with the answer), then start the receiver on its port.
    probe = example.make_server("whsec_" + "A" * 32, got.append, host="127.0.0.1", port=0)
    port = probe.server_address[1]
    probe.server_close()
    made = client.post(
        "/v1/webhooks",
        json={"url": f"http://127.0.0.1:{port}/", "event_kinds": ["text.*"]},
        headers=admin,
    ).json()
    server = example.make_server(made["secret"], got.append, host="127.0.0.1", port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        r = client.put(
            "/v1/localities/4601/pathways/angst/texts/helsestasjon/role",
            json={"mode": "replace", "text": "Tekst.", "lang": "nb", "status": "published"},
            headers={**admin, "If-None-Match": "*"},
        )
        assert r.status_code == 201
        worker.tick(get_settings())
        # The receiver answers 204 first and acts after: wait for it (a CI run met the race).
        deadline = time.monotonic() + 10
        while not got and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [e["type"] for e in got] == ["text.upsert"]
        assert "fetch again: 4601" in example.describe(got[0])
        # A redelivery carries the same webhook-id: the example acts on it only once.
        delivery = client.get(f"/v1/webhooks/{made['id']}/deliveries", headers=admin).json()
        client.post(
            f"/v1/webhooks/{made['id']}/deliveries/{delivery['items'][0]['id']}/redeliver",
            headers=admin,
        )
        worker.tick(get_settings())
        delivery = client.get(f"/v1/webhooks/{made['id']}/deliveries", headers=admin).json()
        assert [d["status"] for d in delivery["items"]] == ["delivered", "delivered"]
        assert len(got) == 1
        # A delivery signed with another secret is refused and never acted on.
        forged = b'{"type": "text.delete", "timestamp": "2026-12-06T08:00:00Z", "data": {}}'
        headers = signed_headers("whsec_" + "B" * 32, "msg_999", forged, datetime.now(UTC))
        r = httpx.post(f"http://127.0.0.1:{port}/", content=forged, headers=headers)
        assert r.status_code == 400 and len(got) == 1
    finally:
        server.shutdown()
        server.server_close()
