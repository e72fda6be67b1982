#!/usr/bin/env python3
"""A receiver of Forløp webhooks that verifies every delivery (Standard Webhooks).

    pip install standardwebhooks
    FORLOP_WEBHOOK_SECRET=whsec_… python3 examples/webhook_receiver.py --port 8085

Put it behind your HTTPS proxy and subscribe its public URL:

    curl -X POST https://forlop.example.no/v1/webhooks \\
         -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\
         -d '{"url": "https://intranett.example.no/hooks/forlop", "event_kinds": ["text.*"]}'

What it does with each delivery:

1. Verifies `webhook-signature` over `webhook-id`, `webhook-timestamp` and the raw body
   with the secret (the `standardwebhooks` package; a timestamp more than five minutes
   off is refused too). A bad signature gets 400 and is never acted on.
2. Deduplicates on `webhook-id`: delivery is at-least-once, a retry carries the same id.
3. Answers 204 at once and leaves slow work to a queue (here: prints one line), because
   Forløp waits five seconds at most and retries anything but a 2xx.
"""

import argparse
import contextlib
import json
import os
import sys
from collections import OrderedDict
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

MAX_BODY = 1024 * 1024


def describe(event: dict[str, Any]) -> str:
    """One line saying what the change means for the intranet."""
    data = event["data"]
    if event["type"] == "webhook.ping":
        return f"ping from subscription {data['subscription']}"
    what = f"{event['type']} {data['id']} in {data.get('locality') or 'every locality'}"
    if data.get("tombstone"):
        what += ": gone, drop your copy"
    elif data.get("cause") == "scheduled":
        what += f": a scheduled revision took effect at {data['at']}"
    impact = data.get("impact") or {}
    views = [v["locality"] or "every locality" for v in impact.get("views", [])]
    if views:
        what += f"; fetch again: {', '.join(views[:10])}{' …' if len(views) > 10 else ''}"
    stale = impact.get("stale_overrides", [])
    if stale:
        what += f"; {len(stale)} local text(s) must be looked at again"
    return what


def make_server(
    secret: str, on_event: Callable[[dict[str, Any]], None], *, host: str, port: int
) -> ThreadingHTTPServer:
    """A server that hands each verified, first-seen event to `on_event`."""
    verifier = Webhook(secret)
    seen: OrderedDict[str, None] = OrderedDict()  # the last 10,000 message ids

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # no request lines with URLs in logs
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY:
                return self._answer(413)
            body = self.rfile.read(length)
            try:
                event = verifier.verify(body, dict(self.headers))
            except WebhookVerificationError:
                return self._answer(400)
            msg_id = self.headers["webhook-id"]
            if msg_id in seen:
                return self._answer(204)  # a retry of what we already have
            seen[msg_id] = None
            if len(seen) > 10_000:
                seen.popitem(last=False)
            self._answer(204)
            on_event(event)
            return None

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return ThreadingHTTPServer((host, port), Handler)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8085)
    parser.add_argument("--json", action="store_true", help="print each event as JSON")
    args = parser.parse_args()
    secret = os.environ.get("FORLOP_WEBHOOK_SECRET")
    if not secret:
        print("set FORLOP_WEBHOOK_SECRET to the subscription's whsec_… secret", file=sys.stderr)
        return 2

    def show(event: dict[str, Any]) -> None:
        print(json.dumps(event, ensure_ascii=False) if args.json else describe(event), flush=True)

    server = make_server(secret, show, host=args.host, port=args.port)
    print(f"listening on http://{args.host}:{args.port}/", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
