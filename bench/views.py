"""Benchmark of the merged view: cold server time, warm throughput against a control, RSS.

    DATABASE_URL=sqlite:///var/bench.db python -m bench.generate
    DATABASE_URL=sqlite:///var/bench.db python -m bench.views [--runs 50] [--seconds 10]

Cold: `build_view` called directly (no view cache), median of N runs, with the process's
Markdown memo and decoded layer snapshots as a running server holds them; with the memo
cleared before each run; and "process cold", memo and decoded layers cleared (the first
view a fresh worker builds). Warm: one uvicorn worker
(uvloop, httptools, no access log) serving the cached view and, in the same process, a
control route returning the same bytes precomputed; wrk (or a bounded httpx client) on
loopback, alternating the two; the ratio is what counts.
"""

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

from fastapi import FastAPI
from starlette.responses import Response

from app.core.db import open_session
from app.pathways.lookups import pathways_by_status
from app.texts import markdown, merged, snapshots

SLUG = "forlop-01"


def pick_locality() -> str:
    """A municipality of the dataset (the first by code)."""
    with open_session(write=False) as session:
        rows = pathways_by_status(session, statuses=["published"])
        assert rows, "no pathways: run bench.generate first"
        from sqlalchemy import text

        return str(session.execute(
            text("SELECT code FROM locality WHERE kind = 'municipality' ORDER BY code LIMIT 1")
        ).scalar_one())  # fmt: skip


def cold(code: str, runs: int) -> dict[str, float]:
    """Median server time of building the view (ms): process caches kept, memo cleared,
    memo and decoded layers cleared."""
    kinds: dict[int, list[float]] = {0: [], 1: [], 2: []}
    for i in range(runs * 3):
        kind = i % 3
        if kind:
            markdown.render.cache_clear()
        if kind == 2:
            snapshots.cache.clear()
        with open_session(write=False) as session:
            started = time.perf_counter()
            built = merged.build_view(session, code=code, slug=SLUG, lang="nb")
            elapsed = (time.perf_counter() - started) * 1000
        kinds[kind].append(elapsed)
    return {
        "median_ms": statistics.median(kinds[0][1:]),
        "median_ms_markdown_cold": statistics.median(kinds[1]),
        "median_ms_process_cold": statistics.median(kinds[2]),
        "bytes": len(built.body),
    }


def bench_app() -> FastAPI:
    """The app plus the view routes (if not mounted yet) and a control route of the same bytes."""
    from app.main import create_app
    from app.texts import router_merged

    app = create_app()
    paths = {getattr(r, "path", None) for r in app.router.routes}
    if "/v1/localities/{code}/pathways/{slug}" not in paths:
        app.include_router(router_merged.router, prefix="/v1")
    code = os.environ["BENCH_LOCALITY"]
    with open_session(write=False) as session:
        body = merged.build_view(session, code=code, slug=SLUG, lang="nb").body
    from app.core.http import etag_of

    tag = etag_of(body)

    @app.get("/bench/control", include_in_schema=False)
    async def control() -> Response:
        return Response(body, media_type="application/json",
                        headers={"ETag": tag, "Cache-Control": "public, max-age=60"})  # fmt: skip

    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _wrk(url: str, seconds: int, connections: int) -> float:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        cmd = ["taskset", "-c", "1", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not non2xx, out
    return float(match.group(1)) if match else float("nan")


async def _httpx(url: str, seconds: int, connections: int) -> float:
    import httpx

    done = 0
    stop = time.perf_counter() + seconds
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=connections)) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop:
                r = await client.get(url)
                assert r.status_code == 200
                done += 1

        await asyncio.gather(*(worker() for _ in range(connections)))
    return done / seconds


def warm(code: str, seconds: int, connections: int) -> dict[str, Any]:
    """Throughput of the cached view and of the control, alternating, in one server."""
    port = _free_port()
    env = {**os.environ, "BENCH_LOCALITY": code}
    cmd = [sys.executable, "-m", "uvicorn", "bench.views:bench_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-access-log",
           "--loop", "uvloop", "--http", "httptools", "--log-level", "warning"]  # fmt: skip
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        cmd = ["taskset", "-c", "0", *cmd]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    view_url = f"{base}/v1/localities/{code}/pathways/{SLUG}"
    try:
        import httpx

        for _ in range(200):
            try:
                if httpx.get(view_url, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        control = httpx.get(f"{base}/bench/control").content
        assert httpx.get(view_url).content == control, "the view and the control differ"
        use_wrk = shutil.which("wrk") is not None
        load = (lambda u: _wrk(u, seconds, connections)) if use_wrk else (
            lambda u: asyncio.run(_httpx(u, seconds, connections)))  # fmt: skip
        results: dict[str, list[float]] = {"view": [], "control": []}
        for _ in range(2):
            results["view"].append(load(view_url))
            results["control"].append(load(f"{base}/bench/control"))
        view_rps, control_rps = max(results["view"]), max(results["control"])
        return {
            "client": "wrk" if use_wrk else "httpx",
            "view_rps": round(view_rps),
            "control_rps": round(control_rps),
            "ratio": round(view_rps / control_rps, 3),
            "runs": results,
            "rss_mb": round(_rss_mb(server.pid), 1),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--skip-warm", action="store_true")
    args = parser.parse_args()
    code = pick_locality()
    print(f"locality {code}, pathway {SLUG}")
    print("cold:", cold(code, args.runs))
    if not args.skip_warm:
        print("warm:", warm(code, args.seconds, args.connections))


if __name__ == "__main__":
    main()
