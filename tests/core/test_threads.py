"""The worker threads: the app caps how many requests run in threads at once."""

import anyio.to_thread
from fastapi.testclient import TestClient

from app.core.config import get_settings
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


def test_four_threads_unless_told():
    assert get_settings().worker_threads == 4
    with TestClient(create_app()) as client:
        assert client.portal is not None
        assert client.portal.call(_limit) == 4
