"""Benchmark of public reads: cold server time, and warm throughput against the limit.

    DATABASE_URL=sqlite:///var/bench.db python -m bench.generate
    DATABASE_URL=sqlite:///var/bench.db python -m bench.views [--runs 50] [--seconds 10]
    python -m bench.views --backend pg --skip-cold     # a throwaway PostgreSQL cluster
    python -m bench.views --targets view,service-map,embed --encoding gzip

Cold: `build_view` called directly (no view cache), median of N runs, with the process's
Markdown memo and decoded layer snapshots as a running server holds them; with the memo
cleared before each run; and "process cold", memo and decoded layers cleared (the first
view a fresh worker builds).

Warm: the product (`app.main:create_app`, one uvicorn worker: uvloop, httptools, no access
log) pinned to core 0, wrk pinned to core 1, 16 connections on loopback. **The limit** is a
separate bare FastAPI process (`bench.limit`) serving the very bytes and headers the
product answered, pinned the same way; every target's figure is its ratio to that limit,
measured alternately in the same run. Second lines: a bare Starlette app, a raw ASGI app,
and the old in-process control (a route of the product's own app returning the same bytes,
which pays every per-request cost the product pays). Each line reports req/s, wrk's p50 and
p99, and the product worker's RSS afterwards.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text
from starlette.responses import Response

from app.core.db import open_session
from app.pathways.lookups import pathways_by_status
from app.texts import markdown, merged, snapshots

ROOT = Path(__file__).resolve().parents[1]

# What the warm part measures, by name: a path under /v1 for the locality `{code}`.
TARGETS = {
    "view": "/v1/localities/{code}/pathways/forlop-05",
    "base": "/v1/pathways/forlop-05",
    "service-map": "/v1/localities/{code}/service-map",
    "embed": "/v1/localities/{code}/pathways/forlop-05/embed",
}
LIMITS = ("fastapi", "starlette", "raw")


def pick_locality() -> str:
    """A municipality of the dataset (the first by code)."""
    with open_session(write=False) as session:
        rows = pathways_by_status(session, statuses=["published"])
        assert rows, "no pathways: run bench.generate first"
        return str(session.execute(
            text("SELECT code FROM locality WHERE kind = 'municipality' ORDER BY code LIMIT 1")
        ).scalar_one())  # fmt: skip


SLUG = "forlop-01"  # the cold figures: the 40-service pathway


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
    """The product's app plus the in-process control: a route returning the bytes of
    `BENCH_CONTROL_PATH` as the product answered them (second line only)."""
    from app.main import create_app

    app = create_app()
    path = os.environ.get("BENCH_CONTROL_PATH")
    if not path:
        return app
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        got = client.get(path, headers={"Accept-Encoding": "identity"})
    body, headers = got.content, {k: got.headers[k] for k in ("etag", "cache-control")}

    @app.get("/bench/control", include_in_schema=False)
    async def control() -> Response:
        return Response(body, media_type=got.headers["content-type"], headers=headers)

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


def pinned(core: int, cmd: list[str]) -> list[str]:
    """`cmd` on one core when the machine has two or more (server 0, client 1)."""
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", str(core), *cmd]
    return cmd


@dataclass
class Run:
    """One wrk run: requests per second and latency percentiles (ms)."""

    rps: float
    p50_ms: float
    p99_ms: float

    def row(self) -> str:
        return f"{self.rps:8.0f} req/s  p50 {self.p50_ms:6.2f} ms  p99 {self.p99_ms:6.2f} ms"


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> Run:
    """wrk on core 1; any answer other than 200 or 304 fails the run."""
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run(pinned(1, cmd), capture_output=True, text=True, check=True).stdout
    assert "Non-2xx or 3xx responses" not in out, out
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    assert rps and p50 and p99, out
    return Run(float(rps.group(1)), _ms(*p50.groups()), _ms(*p99.groups()))


@contextmanager
def served(
    target: str, env: dict[str, str], workers: int = 1
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """uvicorn serving the factory `target` on a free port: one worker pinned to core 0,
    or `workers` unpinned (they need every core)."""
    port = _free_port()
    cmd = [sys.executable, "-m", "uvicorn", target, "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--no-access-log", "--loop",
           "uvloop", "--http", "httptools", "--log-level", "warning"]  # fmt: skip
    cmd = pinned(0, cmd) if workers == 1 else cmd
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"{target} exited"
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, f"{target} did not start"
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fetch(url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """The answer and its bytes as they came over the wire (not decompressed)."""
    with httpx.stream("GET", url, headers=headers, timeout=60) as got:
        return got, b"".join(got.iter_raw())


def _write_answers(folder: Path, base: str, paths: list[str], headers: dict[str, str]) -> None:
    """The product's answers, for the bare apps to serve byte for byte."""
    for i, path in enumerate(paths):
        got, raw = fetch(base + path, headers)
        assert got.status_code == 200, (path, got.status_code)
        kept = {k: got.headers[k] for k in ("etag", "cache-control", "vary", "content-encoding",
                                            "content-language") if k in got.headers}  # fmt: skip
        media_type = got.headers["content-type"]
        (folder / f"{i}.body").write_bytes(raw)
        (folder / f"{i}.json").write_text(
            json.dumps({"path": path, "headers": kept, "media_type": media_type})
        )


def warm(
    code: str, names: list[str], seconds: int, connections: int, encoding: str | None,
    rounds: int = 2,
) -> dict[str, Any]:  # fmt: skip
    """Each target against the bare apps, alternating, best of `rounds` runs per line."""
    headers = {"Accept-Encoding": encoding or "identity"}
    paths = [TARGETS[n].format(code=code) for n in names]
    figures: dict[str, Any] = {"load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="forlop-limit-") as tmp:
        env = {"BENCH_CONTROL_PATH": paths[0]}
        with served("bench.views:bench_app", env) as (base, product):
            for path in paths:  # warm the caches, and check every answer
                httpx.get(base + path, headers=headers, timeout=60).raise_for_status()
            _write_answers(Path(tmp), base, paths, headers)
            with ExitStack() as stack:
                bases = [stack.enter_context(served(f"bench.limit:{kind}_app",
                                                    {"BENCH_LIMIT_DIR": tmp}))[0]
                         for kind in LIMITS]  # fmt: skip
                for name, path in zip(names, paths, strict=True):
                    for kind, limit_base in zip(LIMITS, bases, strict=True):
                        same = fetch(limit_base + path, headers)[1]
                        assert same == fetch(base + path, headers)[1], kind
                    runs: dict[str, list[Run]] = {}
                    for _ in range(rounds):
                        lines = [("forlop", base), *zip(LIMITS, bases, strict=True)]
                        if name == names[0]:
                            lines.append(("in-process control", base.rstrip("/")))
                        for line, url in lines:
                            full = url + ("/bench/control" if line.startswith("in-") else path)
                            runs.setdefault(line, []).append(
                                wrk(full, seconds, connections, headers)
                            )
                    best = {line: max(rs, key=lambda r: r.rps) for line, rs in runs.items()}
                    limit = best["fastapi"].rps
                    size = len(fetch(base + path, headers)[1])
                    print(f"\n{name} {path} ({size:,} bytes{', ' + encoding if encoding else ''})")
                    for line, run in best.items():
                        print(f"  {line:<19} {run.row()}  ratio to the limit {run.rps / limit:.3f}")
                    figures[name] = {line: run.__dict__ for line, run in best.items()}
                    figures[name]["ratio"] = round(best["forlop"].rps / limit, 3)
            figures["rss_mb"] = round(_rss_mb(product.pid), 1)
    figures["load_after"] = os.getloadavg()[0]
    print(f"\nproduct worker RSS {figures['rss_mb']} MB; load average "
          f"{figures['load']:.2f} before, {figures['load_after']:.2f} after")  # fmt: skip
    return figures


@contextmanager
def backend_url(backend: str, url: str | None = None) -> Iterator[str]:
    """`url` (a database holding the dataset), the configured database (SQLite), or a
    throwaway PostgreSQL cluster with the dataset."""
    if url:
        yield url
        return
    if backend == "sqlite":
        yield os.environ.get("DATABASE_URL", f"sqlite:///{ROOT}/var/bench.db")
        return
    from bench.generate import generate
    from bench.load import database

    with database("pg") as url:
        started = time.perf_counter()
        generate(url)
        print(f"PostgreSQL: dataset generated in {time.perf_counter() - started:.0f} s")
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "pg"], default="sqlite")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--targets", default="view,service-map,embed",
                        help=f"comma-separated, of: {', '.join(TARGETS)}")  # fmt: skip
    parser.add_argument("--encoding", default=None, help="Accept-Encoding to send, e.g. gzip")
    parser.add_argument("--url", help="a database that holds the dataset already")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--skip-warm", action="store_true")
    args = parser.parse_args()
    assert shutil.which("wrk") or args.skip_warm, "the warm figures need wrk"
    with backend_url(args.backend, args.url) as url:
        os.environ["DATABASE_URL"] = url
        from app.core.config import get_settings

        get_settings.cache_clear()
        code = pick_locality()
        print(f"{args.backend}: locality {code}; uptime load {os.getloadavg()}")
        if not args.skip_cold:
            print("cold:", cold(code, args.runs))
        if not args.skip_warm:
            names = [n.strip() for n in args.targets.split(",") if n.strip()]
            warm(code, names, args.seconds, args.connections, args.encoding, args.rounds)


if __name__ == "__main__":
    main()
