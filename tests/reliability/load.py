"""Clients that keep reading and writing while faults happen, and remember every answer."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

SLOT = "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}"


@dataclass
class Answer:
    kind: str
    started: float
    seconds: float
    status: int  # 0: no answer (connection refused or reset)
    content_type: str = ""
    retry_after: str | None = None
    body: str = ""
    etag: str | None = None


@dataclass
class Record:
    """Every answer, and the writes the server acknowledged."""

    answers: list[Answer] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, answer: Answer, written: str | None = None) -> None:
        with self.lock:
            self.answers.append(answer)
            if written is not None:
                self.acknowledged.append(written)


def timed(client: httpx.Client, record: Record, kind: str, method: str, url: str, **kw) -> Answer:
    """One request, its answer and how long it took; a lost connection is status 0."""
    started = time.monotonic()
    try:
        r = client.request(method, url, **kw)
        answer = Answer(
            kind,
            started,
            time.monotonic() - started,
            r.status_code,
            r.headers.get("content-type", ""),
            r.headers.get("retry-after"),
            r.text[:500],
            r.headers.get("etag"),
        )
    except httpx.HTTPError as exc:
        answer = Answer(kind, started, time.monotonic() - started, 0, body=repr(exc))
    return answer


class SlotEditor:
    """Writes one slot again and again (If-Match), each time a text of its own."""

    def __init__(self, base: str, token: str, code: str, service_type: str, section: str) -> None:
        self.client = httpx.Client(base_url=base, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}"}
        self.url = SLOT.format(code=code, slug="angst", service_type=service_type, section=section)
        self.name = f"{code}/{service_type}/{section}"
        self.etag: str | None = None
        self.known = False
        self.n = 0

    def _refresh(self, record: Record) -> None:
        a = timed(self.client, record, "read-slot", "GET", self.url, headers=self.headers)
        record.add(a)
        if a.status in (200, 404):
            self.etag = a.etag if a.status == 200 else None
            self.known = True

    def write(self, record: Record) -> Answer:
        if not self.known:
            self._refresh(record)
        self.n += 1
        text = f"Pålitelighet {self.name} nr. {self.n}"
        body = {"mode": "append", "text": text, "lang": "nb", "status": "published"}
        cond = {"If-Match": self.etag} if self.etag else {"If-None-Match": "*"}
        a = timed(
            self.client, record, "write", "PUT", self.url,
            json=body, headers={**self.headers, **cond},
        )  # fmt: skip
        ok = 200 <= a.status < 300
        record.add(a, text if ok else None)
        if ok:
            self.etag = a.etag
        else:
            self.known = False  # did it commit before the answer was lost? Ask again.
        return a


def run_until(
    stop: threading.Event, record: Record, step: Callable[[Record], object]
) -> threading.Thread:
    """Call `step(record)` in a thread until `stop` is set."""

    def loop() -> None:
        while not stop.is_set():
            step(record)
            time.sleep(0.005)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread
