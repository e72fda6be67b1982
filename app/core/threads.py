"""The worker threads a process runs its requests in.

FastAPI runs every `def` route (each that reads or writes the database) in anyio's thread
pool, 40 threads by default. Under mixed load on two cores those 40 runnable threads share
one GIL: a thread coming back from a database round trip waits for it behind the others,
so every request holds its connection, its row locks and the change log's lock longer,
and a fifth of the CPU went to switching threads (25,000 context switches a second). With
a few threads the same requests run one after another, each finishing sooner; the event
loop, which answers cached reads itself, gets the GIL back sooner too. `bench.mixed`
measured 4 threads at 1.5 times the rate of 40 (README, "Performance").
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread


def limit_worker_threads(count: int) -> None:
    """At most `count` requests of this event loop run in threads at once (the rest wait)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = count


def lifespan_with_threads(count: int) -> Any:
    """A lifespan that sets the thread limit when the server starts its event loop."""

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        limit_worker_threads(count)
        yield

    return lifespan
