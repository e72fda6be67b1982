"""Shared fixtures: a fresh, migrated database per test on SQLite and on PostgreSQL."""

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from app.commit_hooks import install_session_hooks
from app.core.config import get_settings
from app.core.db import build_engine, get_engine, reset_engine
from app.core.migrate import upgrade
from app.texts.read_cache import close_cache
from tests import contents
from tests.factories import World, make_key, make_world
from tests.pg import Cluster, create_cluster

IN_CI = os.environ.get("CI", "").lower() == "true"

# Sessions opened without create_app (fixtures, services called directly) keep the same
# derived data on commit as the app's.
install_session_hooks()


def _keep_bytecode() -> None:
    """Let the run's later Python processes (xdist workers, uvicorn, the CLI) reuse compiled
    bytecode: under PYTHONDONTWRITEBYTECODE each compiles FastAPI, SQLAlchemy and the app
    afresh (~3 s per server start, ~10 s per worker's collection). The cache goes into the
    virtualenv, never next to the sources."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or sys.prefix == sys.base_prefix:
        return
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(sys.prefix) / "pycache"))
    sys.dont_write_bytecode = False
    sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"]


_keep_bytecode()

# Every property test runs derandomized (conventions.md): a seeded bug is caught on every
# run or on none, never in three runs of ten; no deadline, a busy machine is not a bug.
# A test's own @settings inherit this profile.
hypothesis_settings.register_profile("forlop", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile("forlop")
# Webhook receivers in tests listen on loopback over plain http: the operator's switch for
# private targets is on for the suite (tests/webhooks/test_targets.py turns it off).
os.environ.setdefault("FORLOP_WEBHOOK_ALLOW_PRIVATE", "true")
BACKENDS = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "db_content(name): start from a copy of the content tests.contents seeds as `name`",
    )


# The slowest tests, slowest first (~10-30 s each): run first, xdist deals them out in turn
# to its workers, and the many short tests fill in behind them instead of one worker
# finishing a long test alone at the end.
SLOW_FIRST = (
    "tests/fuzz/",
    "tests/reliability/test_sqlite_writers.py",
    "tests/reliability/test_pg_restart.py",
    "tests/reliability/test_kill_upload.py",
    "tests/bench/",
    "tests/reliability/test_kill_import.py",
    "tests/webhooks/test_worker_processes.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((i for i, p in enumerate(SLOW_FIRST) if item.nodeid.startswith(p)), 99)

    items.sort(key=rank)  # stable: the rest keep their order


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that touches the database runs on both backends."""
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file to copy for each test."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    engine = build_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throwaway cluster for the whole run, with a migrated template database."""
    try:
        cluster = create_cluster()
    except (RuntimeError, OSError) as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE forlop_template"))
    engine = build_engine(cluster.url("forlop_template"))
    upgrade(engine)
    engine.dispose()
    admin.dispose()
    yield cluster
    cluster.destroy()


_counter = itertools.count()
_content_sources: dict[tuple[str, str], str] = {}  # (backend, content): file or database


def _pg_admin(cluster: Cluster) -> Engine:
    return create_engine(cluster.url(), isolation_level="AUTOCOMMIT")


def _content_source(request: pytest.FixtureRequest, backend: str, content: str) -> str:
    """The template holding `content` on this backend, seeded on first use."""
    key = (backend, content)
    if key in _content_sources:
        return _content_sources[key]
    if backend == "sqlite":
        factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
        path = factory.mktemp("content") / f"{content}.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        source, url = str(path), f"sqlite:///{path}"
    else:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        source = "forlop_" + "".join(c if c.isalnum() else "_" for c in content)
        admin = _pg_admin(cluster)
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {source} TEMPLATE forlop_template"))
        admin.dispose()
        url = cluster.url(source)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        reset_engine()
        try:
            contents.RESULTS[key] = contents.SEEDERS[content]()
            if backend == "sqlite":
                with get_engine().connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            close_cache()  # the read cache's listener too (PostgreSQL)
            reset_engine()  # no connection may stay open on a template
    get_settings.cache_clear()
    _content_sources[key] = source
    return source


@pytest.fixture
def db_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh migrated database for this test (a copy of the `db_content` marker's content,
    else empty); DATABASE_URL points at it."""
    marker = request.node.get_closest_marker("db_content")
    content = marker.args[0] if marker and marker.args else None
    source = _content_source(request, backend, content) if content else None
    drop: Callable[[], None] | None = None
    if backend == "sqlite":
        path = tmp_path / "forlop.db"
        shutil.copy(source or request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        name = f"t{os.getpid()}_{next(_counter)}"
        admin = _pg_admin(cluster)
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {source or 'forlop_template'}"))
        url = cluster.url(name)

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()

    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    reset_engine()
    yield url
    reset_engine()
    get_settings.cache_clear()
    if drop is not None:
        drop()


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A session for arranging and checking, in autocommit: every read sees the latest
    commits (no SQLite snapshot held across the test) and it never holds a lock the app
    under test would wait for."""
    engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The app over HTTP (httpx), on the test's database."""
    with TestClient(contents.app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def world(session: Session) -> World:
    """A small region: two communities, three municipalities, a pathway."""
    return make_world(session)


@pytest.fixture
def auth(session: Session) -> Callable[..., dict[str, str]]:
    """Make a key and return the headers that carry it: `auth("editor", "4601")`."""

    def _auth(role: str, locality: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {make_key(session, role=role, locality=locality)}"}

    return _auth
