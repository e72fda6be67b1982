"""A webhook receiver on loopback for tests: verifies every delivery with the
`standardwebhooks` package, as an integrator would, and can fail, hang, redirect or go down."""

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


class Receiver:
    """Collects verified deliveries; `mode` says how it answers: ok, fail, hang, redirect."""

    def __init__(self) -> None:
        self.secret: str | None = None
        self.mode = "ok"
        self.release = threading.Event()  # ends a hang
        self.received: list[dict[str, Any]] = []  # verified: id, type, data, headers
        self.refused = 0  # bad signatures
        self.requests = 0
        self.hung = threading.Event()  # set once a request is hanging
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver.lock:
                    receiver.requests += 1
                    mode = receiver.mode
                if mode == "hang":
                    receiver.hung.set()
                    receiver.release.wait(15)
                if mode == "fail":
                    return self._answer(503)
                if mode == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "http://127.0.0.1:1/elsewhere")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                try:
                    assert receiver.secret is not None
                    payload = Webhook(receiver.secret).verify(body, dict(self.headers))
                except (WebhookVerificationError, AssertionError):
                    with receiver.lock:
                        receiver.refused += 1
                    return self._answer(400)
                with receiver.lock:
                    receiver.received.append(
                        {"id": self.headers["webhook-id"], **payload, "raw": body}
                    )
                return self._answer(204)

            def _answer(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Down: connections are refused until `start` again (same port)."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def ids(self) -> list[str]:
        with self.lock:
            return [r["id"] for r in self.received]

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.received if r["type"] == kind]


def wait_for(check: Callable[[], Any], *, timeout: float = 15.0, step: float = 0.02) -> Any:
    """Poll until `check()` is truthy; its value, or an AssertionError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {check}")


def dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)
