"""The worker threads: the app caps how many requests run in threads at once."""

import sys

import anyio
import anyio.to_thread
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.core.threads import WriteSlotsMiddleware
from app.main import create_app


def _limit() -> int:
    return int(anyio.to_thread.current_default_thread_limiter().total_tokens)


def test_the_app_runs_its_requests_in_the_configured_threads(monkeypatch):
    monkeypatch.setenv("FORLOP_WORKER_THREADS", "3")
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as client:
            assert client.portal is not None
            assert client.portal.call(_limit) == 3
            assert client.get("/v1/health").status_code == 200
    finally:
        get_settings.cache_clear()


def test_six_threads_unless_told():
    assert get_settings().worker_threads == 6
    with TestClient(create_app()) as client:
        assert client.portal is not None
        assert client.portal.call(_limit) == 6


def test_the_app_sets_the_gil_switch_interval(monkeypatch):
    before = sys.getswitchinterval()
    monkeypatch.setenv("FORLOP_SWITCH_INTERVAL_MS", "12.5")
    get_settings.cache_clear()
    try:
        with TestClient(create_app()):
            assert abs(sys.getswitchinterval() - 0.0125) < 1e-6
    finally:
        sys.setswitchinterval(before)
        get_settings.cache_clear()


def _counting_app(seen: list[int]):
    """An ASGI app whose every request sleeps a moment, counting how many run at once."""
    running = [0]

    async def app(scope, receive, send):
        running[0] += 1
        seen.append(running[0])
        await anyio.sleep(0.05)
        running[0] -= 1
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return app


def _requests(app, methods: list[str]) -> None:
    async def one(method: str) -> None:
        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(_message):
            return None

        scope = {"type": "http", "method": method, "path": "/x", "headers": []}
        await app(scope, receive, send)

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for method in methods:
                group.start_soon(one, method)

    anyio.run(main)


def test_writes_wait_for_a_slot_and_reads_do_not():
    seen: list[int] = []
    _requests(WriteSlotsMiddleware(_counting_app(seen), slots=2), ["PUT"] * 5 + ["POST"] * 3)
    assert max(seen) == 2 and len(seen) == 8
    seen.clear()
    _requests(WriteSlotsMiddleware(_counting_app(seen), slots=2), ["GET"] * 5)
    assert max(seen) == 5
