"""Load benchmark: mixed public reads and editor writes, then a check of every write in the DB.

    .venv/bin/python -m bench.load [--clients 64] [--seconds 60] [--workers 2] [--backend pg|sqlite]

Starts a throwaway PostgreSQL cluster (or a SQLite file), migrates it, loads the demo data,
creates keys for editors of several municipalities and of the region, and serves the app
with uvicorn (N workers, no access log) on loopback. A bounded async client then runs for
the given time: 90 % public reads (merged views and service maps, a quarter of them
revalidating with If-None-Match) and 10 % writes (layer PUTs with If-Match / If-None-Match: *
and change proposals), each write carrying a unique marker in its text. 412 and 409 from
colliding editors are expected. Afterwards the database is searched for every marker: an
acknowledged write must be there exactly once, a refused one not at all, and the change log
must have no gap in `seq` and exactly one entry per acknowledged write. Exits 1 when any
target (no 5xx, no lost, duplicated or phantom write, no gap) is missed.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.core.auth import hash_token, new_token
from app.core.db import build_engine
from app.core.migrate import upgrade
from app.models import ApiKey
from bench.load_check import Results, Write, last_seq, missed, report, verify

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("role", "assessment", "measures", "evaluation", "collaboration", "referral")
REGION = "helse-vest"
# Municipalities in three health communities, and the region: editors that collide.
EDITOR_LAYERS = ("4601", "4601", "4624", "1106", "1103", REGION)
SLOTS_PER_EDITOR = 6
WRITE_SHARE = 0.10
PROPOSAL_SHARE = 0.3  # of the writes
REVALIDATE_SHARE = 0.25  # of the reads
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {"uvicorn.error": {"level": "INFO"}, "uvicorn.access": {"level": "WARNING"}},
}
MUNICIPALITIES = "SELECT code FROM locality WHERE kind = 'municipality' ORDER BY code"
PATHWAY_SERVICES = (
    "SELECT p.slug, st.code FROM pathway_service_type x JOIN pathway p ON p.id = x.pathway_id"
    " JOIN service_type st ON st.id = x.service_type_id"
    " WHERE p.status = 'published' ORDER BY p.slug, st.code"
)


@dataclass(frozen=True)
class Editor:
    """A key and the layer it writes; `slots` are (pathway, service type, section)."""

    name: str
    token: str
    layer: str
    slots: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Target:
    """What the workload reads and writes, found in the seeded database."""

    municipalities: list[str]
    pathways: dict[str, list[str]]  # slug → service type codes
    editors: list[Editor]


# --- setting up ------------------------------------------------------------------------


def prepare(engine: Engine, rng: random.Random, layers: tuple[str, ...] = EDITOR_LAYERS) -> Target:
    """Load the demo data (as `forlop seed --demo`) and create the editors' keys (one per
    entry of `layers`)."""
    from app.commit_hooks import install_session_hooks
    from app.demo.events import seed_events_demo
    from app.demo.maps import seed_maps_demo
    from app.demo.rounds import seed_rounds_demo
    from app.demo.seed import seed_demo

    # As `forlop seed --demo`: the commits also build the layer snapshots and the search
    # index (without them every read falls back to the history).
    install_session_hooks()
    with Session(engine.execution_options(forlop_write=True), expire_on_commit=False) as s:
        seed_demo(s)
        seed_events_demo(s)
        seed_rounds_demo(s)
        seed_maps_demo(s)
    with Session(engine, expire_on_commit=False) as s:
        ids = dict(s.execute(text("SELECT code, id FROM locality")).all())
        municipalities = list(s.execute(text(MUNICIPALITIES)).scalars())
        pathways: dict[str, list[str]] = {}
        for slug, code in s.execute(text(PATHWAY_SERVICES)):
            pathways.setdefault(slug, []).append(code)
        editors = []
        all_slots = [(p, st, sec) for p, sts in pathways.items() for st in sts for sec in SECTIONS]
        for i, layer in enumerate(layers):
            if layer not in ids:
                continue
            token, name = new_token(), f"load-editor-{i}-{layer}"
            s.add(
                ApiKey(
                    name=name, role="editor", locality_id=ids[layer], token_hash=hash_token(token)
                )
            )
            slots = rng.sample(all_slots, SLOTS_PER_EDITOR)
            editors.append(Editor(name=name, token=token, layer=layer, slots=slots))
        s.commit()
    return Target(municipalities=municipalities, pathways=pathways, editors=editors)


@contextmanager
def database(backend: str) -> Iterator[str]:
    """A fresh empty database: a throwaway PostgreSQL cluster, or a temporary SQLite file."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="forlop-load-") as tmp:
            yield f"sqlite:///{tmp}/load.db"
        return
    sys.path.insert(0, str(ROOT))
    from tests.pg import create_cluster

    cluster = create_cluster()
    try:
        admin = build_engine(cluster.url()).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE forlop_load"))
        admin.dispose()
        yield cluster.url("forlop_load")
    finally:
        cluster.destroy()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    proc: subprocess.Popen[bytes]
    base: str
    workers: int

    log: Path
    # With `reuseport`: the other worker processes (each its own uvicorn).
    others: tuple[subprocess.Popen[bytes], ...] = ()

    @property
    def processes(self) -> list[subprocess.Popen[bytes]]:
        return [self.proc, *self.others]

    def wait_ready(self) -> None:
        """Until every worker has started and /v1/ready answers 200."""
        _wait_ready(self)


@contextmanager
def server(
    url: str, workers: int, log: Path, *, root: Path = ROOT, reuseport: bool = False
) -> Iterator[Server]:
    """uvicorn serving the app (of the checkout at `root`) on loopback until the block ends.

    The workers start importing at once; `wait_ready` before sending the load. By default
    `uvicorn --workers N`: the workers accept from one shared socket, and long-lived
    connections can fall unevenly on them. `reuseport`: N uvicorn processes, each with its
    own socket on the port (SO_REUSEPORT), among which the kernel spreads connections
    evenly by their addresses, as a load balancer in front of N processes would.
    """
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "FORLOP_LOG_FORMAT": "text"}
    # The app hands uvicorn's loggers to its root handler, which revives the access log
    # `--no-access-log` turned off; a WARNING level keeps it quiet, startup lines still show.
    config = log.with_suffix(".json")
    config.write_text(json.dumps(LOG_CONFIG))
    common = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory",
              "--no-access-log", "--log-config", str(config)]  # fmt: skip
    sockets: list[socket.socket] = []
    with log.open("wb") as out:
        if reuseport:
            procs = []
            for _ in range(workers):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                sock.bind(("127.0.0.1", port))
                sock.listen(2048)
                sockets.append(sock)
                cmd = [*common, "--fd", str(sock.fileno())]
                procs.append(subprocess.Popen(cmd, env=env, cwd=root, stdout=out,
                                              stderr=subprocess.STDOUT,
                                              pass_fds=(sock.fileno(),)))  # fmt: skip
        else:
            cmd = [*common, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
            procs = [subprocess.Popen(cmd, env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT)]
        base = f"http://127.0.0.1:{port}"
        try:
            yield Server(procs[0], base, workers, log, tuple(procs[1:]))
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for sock in sockets:
                sock.close()
            config.unlink(missing_ok=True)


def _wait_ready(srv: Server) -> None:
    deadline = time.monotonic() + 180
    while True:
        for proc in srv.processes:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not become ready within 180 s")
        # Workers share the socket: one ready worker would take all the early load.
        started = srv.log.read_text(errors="replace").count("Application startup complete")
        if started >= srv.workers:
            try:
                if httpx.get(f"{srv.base}/v1/ready", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.2)


# --- the workload ----------------------------------------------------------------------


class Workload:
    """The clients' shared state: what they know of ETags, and what they recorded."""

    def __init__(self, target: Target, run_id: str, seed: int, write_share: float) -> None:
        self.target = target
        self.write_share = write_share
        self.run_id = run_id
        self.rng = random.Random(seed)
        self.read_etags: dict[str, str] = {}
        self.slot_etags: dict[tuple[str, str, str, str], str] = {}
        self.results = Results()
        self._n = 0

    def marker(self) -> str:
        self._n += 1
        return f"lt{self.run_id}x{self._n:07d}"

    def _count(self, status: int, what: str, detail: str = "") -> None:
        self.results.statuses[str(status) if status else "error"] += 1
        if (status == 0 or status >= 500) and len(self.results.failures) < 10:
            self.results.failures.append(f"{what} → {status or 'no answer'} {detail}".strip())

    async def read(self, client: httpx.AsyncClient) -> None:
        code = self.rng.choice(self.target.municipalities)
        if self.rng.random() < 2 / 3:
            url = f"/v1/localities/{code}/pathways/{self.rng.choice(list(self.target.pathways))}"
        else:
            url = f"/v1/localities/{code}/service-map"
        headers = {}
        tag = self.read_etags.get(url)
        if tag and self.rng.random() < REVALIDATE_SHARE:
            headers["If-None-Match"] = tag
        started = time.perf_counter()
        try:
            r = await client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            self._count(0, f"GET {url}", repr(exc))
            return
        self.results.reads.append((time.perf_counter() - started) * 1000)
        self._count(r.status_code, f"GET {url}", r.text[:300] if r.status_code >= 500 else "")
        if r.status_code == 200 and "etag" in r.headers:
            self.read_etags[url] = r.headers["etag"]

    async def write(self, client: httpx.AsyncClient) -> None:
        editor = self.rng.choice(self.target.editors)
        slug, st, section = self.rng.choice(editor.slots)
        auth = {"Authorization": f"Bearer {editor.token}"}
        marker = self.marker()
        # The region's layer takes only `replace`; a municipality adds to what it inherits.
        mode = "replace" if editor.layer == REGION else "append"
        body_text = f"Lasttest {marker}: ring tjenesten før første samtale."
        if self.rng.random() < PROPOSAL_SHARE:
            body = {"locality": editor.layer, "pathway": slug, "service_type": st,
                    "section": section, "mode": mode, "text": body_text,
                    "rationale": f"Lasttest {marker}"}  # fmt: skip
            rec = Write("proposal", marker, ("proposal", editor.layer, ""))
            await self._send(client, "POST", "/v1/change-proposals", rec, auth, body)
            return
        path = f"/v1/localities/{editor.layer}/pathways/{slug}/texts/{st}/{section}"
        key = (editor.layer, slug, st, section)
        tag = self.slot_etags.get(key)
        if tag is None:  # What the editor's screen would show before they edit.
            try:
                got = await client.get(path, headers=auth, params={"lang": "nb"})
            except httpx.HTTPError as exc:
                self._count(0, f"GET {path}", repr(exc))
                return
            self._count(got.status_code, f"GET {path}")
            tag = got.headers.get("etag", "*") if got.status_code in (200, 404) else None
            if tag is None:
                return
        cond = {"If-None-Match": "*"} if tag == "*" else {"If-Match": tag}
        body = {"mode": mode, "text": body_text, "lang": "nb", "status": "published",
                "note": marker}  # fmt: skip
        rec = Write("put", marker, ("text", editor.layer, f"{slug}/{st}/{section}/nb"))
        r = await self._send(client, "PUT", path, rec, {**auth, **cond}, body)
        if r is not None and r.status_code in (200, 201):
            self.slot_etags[key] = r.headers["etag"]
        elif r is not None and r.status_code == 412:
            self.slot_etags.pop(key, None)

    async def _send(
        self, client: httpx.AsyncClient, method: str, path: str, rec: Write,
        headers: dict[str, str], body: dict[str, Any],
    ) -> httpx.Response | None:  # fmt: skip
        rec.what = f"{method} {path}"
        self.results.writes.append(rec)
        started = time.perf_counter()
        try:
            r = await client.request(method, path, headers=headers, json=body)
        except httpx.HTTPError as exc:
            self._count(0, f"{method} {path} {rec.marker}", repr(exc))
            return None
        self.results.writes_ms.append((time.perf_counter() - started) * 1000)
        rec.status = r.status_code
        detail = r.text[:300] if r.status_code >= 500 else ""
        self._count(r.status_code, f"{method} {path} {rec.marker}", detail)
        if rec.kind == "proposal" and r.status_code == 201:
            rec.proposal_id = int(r.json()["id"])
            rec.entity_key = ("proposal", rec.entity_key[1], str(rec.proposal_id))
        return r

    async def run(self, base: str, clients: int, seconds: float) -> Results:
        # Idle connections are dropped before uvicorn's 5 s keep-alive closes them, else a
        # request sent on a connection the server is closing fails with a ReadError.
        limits = httpx.Limits(
            max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=3
        )
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            stop = time.perf_counter() + seconds

            async def one_client() -> None:
                while time.perf_counter() < stop:
                    if self.rng.random() < self.write_share:
                        await self.write(client)
                    else:
                        await self.read(client)

            started = time.perf_counter()
            await asyncio.gather(*(one_client() for _ in range(clients)))
            self.results.elapsed = time.perf_counter() - started
        return self.results


def run(
    backend: str,
    clients: int,
    seconds: float,
    workers: int,
    *,
    seed: int = 7,
    write_share: float = WRITE_SHARE,
) -> dict[str, int]:
    """The whole benchmark; returns its figures (see `missed`)."""
    run_id = secrets.token_hex(3)
    with database(backend) as url:
        engine = build_engine(url)
        started = time.perf_counter()
        upgrade(engine)
        log = Path(tempfile.gettempdir()) / f"forlop-load-{run_id}.log"
        # The workers import while the demo data loads: the app reads nothing at startup.
        with server(url, workers, log) as srv:
            target = prepare(engine, random.Random(seed))
            start_seq = last_seq(engine)
            print(f"{backend}: migrated and seeded in {time.perf_counter() - started:.1f} s; "
                  f"{len(target.municipalities)} municipalities, {len(target.pathways)} "
                  f"pathways, {len(target.editors)} editors")  # fmt: skip
            srv.wait_ready()
            print(f"{clients} clients for {seconds:g} s against {workers} worker(s) at {srv.base}")
            workload = Workload(target, run_id, seed, write_share)
            cpu = time.process_time()
            results = asyncio.run(workload.run(srv.base, clients, seconds))
            # On a small machine the client competes with the workers for the CPUs.
            print(f"client CPU: {time.process_time() - cpu:.1f} s of {results.elapsed:.1f} s")
        checks = verify(engine, results, run_id, start_seq)
        engine.dispose()
    figures = report(results, checks)
    if missed(figures):
        print(f"server log: {log}")
        print(log.read_text(errors="replace")[-8000:])
    else:
        log.unlink(missing_ok=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["pg", "sqlite"], default="pg")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write-share", type=float, default=WRITE_SHARE)
    args = parser.parse_args()
    figures = run(
        args.backend,
        args.clients,
        args.seconds,
        args.workers,
        seed=args.seed,
        write_share=args.write_share,
    )
    failed = missed(figures)
    print(f"targets missed: {failed}" if failed else "targets met")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
