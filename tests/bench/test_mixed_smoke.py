"""The wrk-driven mixed load and the bare limit apps, briefly, so the scripts cannot rot."""

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench import limit, mixed


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_mixed_smoke_on_sqlite_loses_nothing() -> None:
    # A higher share of writes than the benchmark, so two seconds always hold some.
    figures = mixed.run("sqlite", connections=4, seconds=2, workers=1, write_share=0.3)

    assert figures["requests"] > 10
    assert figures["acknowledged writes"] > 0, "no write got through: the workload is broken"
    assert figures["5xx"] == 0
    assert figures["lost writes"] == 0
    assert mixed.missed(figures) == {}
    assert figures["wrk_cpu"] > 0


def test_every_limit_app_serves_the_bytes_it_was_given(tmp_path: Path, monkeypatch) -> None:
    body = b'{"services": []}' * 100
    headers = {"etag": '"abc"', "cache-control": "public, max-age=60"}
    (tmp_path / "0.body").write_bytes(body)
    (tmp_path / "0.json").write_text(
        json.dumps({"path": "/v1/x/y", "headers": headers, "media_type": "application/json"})
    )
    monkeypatch.setenv("BENCH_LIMIT_DIR", str(tmp_path))
    for factory in (limit.fastapi_app, limit.starlette_app, limit.raw_app):
        with TestClient(factory()) as client:
            got = client.get("/v1/x/y")
            assert got.status_code == 200 and got.content == body, factory.__name__
            assert got.headers["etag"] == '"abc"'
            assert got.headers["content-type"] == "application/json"
            assert client.get("/v1/other").status_code == 404
