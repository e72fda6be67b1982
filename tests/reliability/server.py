"""The app as a real uvicorn process on a free port, and databases prepared for it."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from app.backup.bundle import bundle_tables
from app.core.db import build_engine

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120.0  # a loaded CI runner imports the app slowly


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(url: str, **extra: str) -> dict[str, str]:
    """The environment of a server or CLI process on `url`; rate limits off (load, not abuse)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        FORLOP_LOG_LEVEL="WARNING",
        FORLOP_LOG_FORMAT="text",
        FORLOP_RATE_LIMIT_REGISTRATION="0",
        FORLOP_RATE_LIMIT_FEEDBACK="0",
        FORLOP_RATE_LIMIT_FAILED_AUTH="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Server:
    """One uvicorn (master and workers in their own process group)."""

    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def kill(self) -> None:
        """SIGKILL, no shutdown of any kind: the whole group, so no worker lives on."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(
    url: str, log: Path, *, workers: int = 1, env: dict[str, str] | None = None
) -> Server:
    """Start uvicorn on `url` and wait until it answers /v1/health."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--no-access-log", "--timeout-graceful-shutdown", "5"]
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env(url, **(env or {})),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{server.output()}")
        try:
            if httpx.get(server.base + "/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"the server did not start in {START_TIMEOUT} s:\n{server.output()}")


@contextmanager
def running(url: str, log: Path, *, workers: int = 1) -> Iterator[Server]:
    server = start_server(url, log, workers=workers)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def engine_for(url: str) -> Iterator[Engine]:
    engine = build_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def content_counts(url: str) -> dict[str, int]:
    """Rows per table of the content a bundle carries (everything but logs and keys)."""
    with engine_for(url) as engine, Session(engine) as session:
        return {
            t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in bundle_tables()
        }


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def sqlite_integrity(url: str) -> str:
    """PRAGMA integrity_check of a SQLite file, opened afresh (recovers a hot WAL first)."""
    with sqlite3.connect(sqlite_path(url), timeout=10) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def sqlite_write_locked(url: str) -> bool:
    """True while another connection holds the write lock (a writing transaction is open)."""
    conn = sqlite3.connect(sqlite_path(url), timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    else:
        conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()
