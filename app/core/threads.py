"""The worker threads a process runs its requests in.

FastAPI runs every `def` route (each that reads or writes the database) in anyio's thread
pool, 40 threads by default. Under mixed load on two cores those 40 runnable threads share
one GIL: a thread coming back from a database round trip waits for it behind the others,
so every request holds its connection, its row locks and the change log's lock longer,
and a fifth of the CPU went to switching threads (25,000 context switches a second). With
a few threads the same requests run one after another, each finishing sooner; the event
loop, which answers cached reads itself, gets the GIL back sooner too. A write can wait
for a lock while it holds a thread, so writes also take one of a few slots first: with
few threads, writes waiting on a lock would otherwise leave none for the reads they made
stale. `bench.mixed` measured 6 threads with 3 write slots at 1.2–1.6 times the rate of
40 threads, with a third of the read p99 (README, "Performance").
"""

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import anyio.to_thread

from app.core.write_guard import WRITE_METHODS


def limit_worker_threads(count: int) -> None:
    """At most `count` requests of this event loop run in threads at once (the rest wait)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = count


def lifespan_with_threads(count: int, switch_interval_ms: float) -> Any:
    """A lifespan that sets the thread limit when the server starts its event loop, and how
    long a thread may hold the GIL while another waits for it (`sys.setswitchinterval`;
    Python's default is 5 ms). A request's Python mostly runs a few milliseconds between
    two round trips: with 20 ms it runs to its next round trip instead of being preempted
    for another thread that will be preempted in turn. `bench.mixed`: 553–767 req/s in
    four runs with 20 ms, 405–737 in ten with 5 ms (README, "Performance")."""

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        limit_worker_threads(count)
        sys.setswitchinterval(switch_interval_ms / 1000)
        yield

    return lifespan


class WriteSlotsMiddleware:
    """At most `slots` writes of this process run at once; the others wait on the event
    loop, holding no thread. A write can wait for a row lock or the change log's lock
    while it holds a thread; with a few threads, writes waiting so would leave none for
    the reads a write makes stale (their rebuilds run in threads too)."""

    def __init__(self, app: Any, *, slots: int) -> None:
        self.app = app
        self.slots = slots
        self._semaphore: anyio.Semaphore | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:  # made in the server's event loop, on first use
            self._semaphore = anyio.Semaphore(self.slots)
        async with self._semaphore:
            await self.app(scope, receive, send)
