"""Benchmark of webhook delivery on SQLite (in-process deliverer, receiver on loopback).

    .venv/bin/python -m bench.webhooks [--events 1000] [--subscriptions 3]

Measures what the outbox costs a write (a change-log entry with and without its outbox
event, per committed write) and how fast the deliverer fans out and sends: events ×
subscriptions deliveries to a receiver on loopback that answers 204 at once.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _receiver() -> tuple[ThreadingHTTPServer, list[int]]:
    count = [0]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            count[0] += 1
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--subscriptions", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    os.environ["FORLOP_WEBHOOK_ALLOW_PRIVATE"] = "true"
    os.environ["FORLOP_LOG_LEVEL"] = "WARNING"

    from app.changes.log import record_change
    from app.commit_hooks import install_session_hooks
    from app.core.config import get_settings
    from app.core.db import open_session
    from app.core.migrate import upgrade
    from app.models import ChangeLogEntry, Locality, WebhookSubscription
    from app.webhooks import worker
    from app.webhooks.service import new_secret

    install_session_hooks()  # commits keep audit and cache as in the running app
    upgrade()
    server, received = _receiver()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    with open_session(write=True) as s:
        s.add(Locality(code="helse-vest", name="Helse Vest", kind="region"))
        for i in range(args.subscriptions):
            s.add(
                WebhookSubscription(
                    url=url, event_kinds=["*"], secret=new_secret(), owner=f"bench-{i}"
                )
            )
        s.commit()

    def writes(n: int, *, outbox: bool) -> float:
        started = time.perf_counter()
        for i in range(n):
            with open_session(write=True) as s:
                if outbox:
                    record_change(s, entity="service_type", action="upsert", entity_id=f"st{i}")
                else:
                    s.add(ChangeLogEntry(entity="service_type", action="upsert", entity_id=f"x{i}"))
                s.commit()
        return (time.perf_counter() - started) / n * 1000

    plain = writes(args.events, outbox=False)
    with_outbox = writes(args.events, outbox=True)
    print(f"write + commit: {plain:.2f} ms without the outbox, {with_outbox:.2f} ms with it")

    settings = get_settings()
    started = time.perf_counter()
    while worker.tick(settings):
        pass
    took = time.perf_counter() - started
    total = args.events * args.subscriptions
    assert received[0] == total, (received[0], total)
    print(
        f"delivered {total} deliveries ({args.events} events × {args.subscriptions} "
        f"subscriptions) in {took:.1f} s: {total / took:.0f} deliveries/s"
    )
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
