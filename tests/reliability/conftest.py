"""Databases for the fault tests: empty or with the demo data, on SQLite and PostgreSQL."""

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from app.backup.bundle import export_bundle, import_bundle
from app.demo.events import seed_events_demo
from app.demo.maps import seed_maps_demo
from app.demo.rounds import seed_rounds_demo
from app.demo.seed import seed_demo
from tests.pg import Cluster
from tests.reliability.server import engine_for

_names = itertools.count()


@pytest.fixture(scope="session")
def demo_sqlite(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo data (as `forlop seed --demo` loads it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    with engine_for(f"sqlite:///{path}") as engine:
        with Session(engine, expire_on_commit=False) as session:
            seed_demo(session)
            seed_events_demo(session)
            seed_rounds_demo(session)
            seed_maps_demo(session)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def demo_bundle(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo data as a `forlop export` bundle."""
    path = tmp_path_factory.mktemp("bundle") / "demo.json"
    with engine_for(f"sqlite:///{demo_sqlite}") as engine, Session(engine) as session:
        export_bundle(session, path)
    return path.read_bytes()


@pytest.fixture
def empty_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated, empty database of this test's own on the backend."""
    if backend == "sqlite":
        path = tmp_path / "forlop.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"rel{os.getpid()}_{next(_names)}"
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE forlop_template"))
    yield cluster.url(name)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def demo_db(empty_db: str, demo_bundle: bytes) -> str:
    """This test's own database holding the demo data."""
    with engine_for(empty_db) as engine, Session(engine, expire_on_commit=False) as session:
        import_bundle(session, demo_bundle)
    return empty_db
