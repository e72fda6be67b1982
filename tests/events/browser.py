"""A headless Chromium driven over the DevTools protocol, and the app served by uvicorn.

Just enough to open a page, read its DOM, fill a form as a person would (the automation
sets the values; the page itself has no script), submit it and take screenshots.
"""

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from websockets.sync.client import ClientConnection, connect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Ports of this work's range (issue 21: 10100-10199), tried in turn.
PORTS = range(10100, 10200)


def _bound_socket() -> socket.socket:
    """A socket bound to the first free port of the range, held so no one else takes it."""
    for port in PORTS:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        return sock
    raise RuntimeError("no free port in 10100-10199")


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a thread; yields its base URL."""
    sock = _bound_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Page:
    """One tab: navigate, evaluate, screenshot."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.send("Page.enable")
        self.send("Network.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=30))
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def _wait_load(self) -> None:
        """Until the page's load event (the events since the navigation are kept)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any(ev.get("method") == "Page.loadEventFired" for ev in self.events):
                return
            self.events.append(json.loads(self.ws.recv(timeout=30)))
        raise TimeoutError("page did not load")

    def last_status(self) -> int | None:
        """The HTTP status of the last document loaded."""
        status = None
        for ev in self.events:
            if (
                ev.get("method") == "Network.responseReceived"
                and ev["params"].get("type") == "Document"
            ):
                status = ev["params"]["response"]["status"]
        return status

    def goto(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)
        self._wait_load()

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def html(self) -> str:
        return str(self.eval("document.documentElement.outerHTML"))

    def text(self) -> str:
        return str(self.eval("document.body.innerText"))

    def submit(self, selector: str = "form") -> None:
        """Submit the form as its button would, and wait for the answer page."""
        self.events.clear()
        self.eval(f"document.querySelector({json.dumps(selector)}).requestSubmit()")
        self._wait_load()

    def screenshot(self, path: Path, width: int) -> None:
        """A full-page PNG at this CSS width (390: a phone, 1280: a desktop)."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=800,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        height = int(self.eval("document.documentElement.scrollHeight"))
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=min(max(height, 400), 4000),
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        shot = self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        self.send("Emulation.clearDeviceMetricsOverride")


@contextmanager
def chromium() -> Iterator[Page]:
    """A fresh headless Chromium with one tab; killed afterwards."""
    profile = tempfile.mkdtemp(prefix="forlop-chromium-")
    proc = subprocess.Popen(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        tab = next(t for t in targets if t["type"] == "page")
        with connect(tab["webSocketDebuggerUrl"], max_size=2**26, open_timeout=20) as ws:
            yield Page(ws)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
