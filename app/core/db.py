"""The engine, sessions, and the per-dialect settings the rest of the code relies on."""

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.core.config import get_settings


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and drive them with psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def build_engine(url: str) -> Engine:
    """An engine tuned for the dialect: WAL and foreign keys on SQLite, a bounded pool on PG."""
    settings = get_settings()
    url = normalise_url(url)
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            hide_parameters=True,
            connect_args={
                "check_same_thread": False,
                "timeout": settings.sqlite_busy_timeout_ms / 1000,
            },
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
            # Let SQLAlchemy, not pysqlite, decide when a transaction begins.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={settings.sqlite_busy_timeout_ms}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # A writing transaction takes the write lock up front, so two writers queue
            # (busy timeout) instead of failing on a lock upgrade ("database is locked").
            options = conn.get_execution_options()
            if options.get("isolation_level") == "AUTOCOMMIT":
                return
            conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("forlop_write") else "BEGIN")

        return engine
    return create_engine(
        url,
        # Never echo bound values (names, e-mails) into logs or error messages.
        hide_parameters=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=True,
        connect_args={"connect_timeout": settings.db_connect_timeout},
    )


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for `DATABASE_URL`."""
    return build_engine(get_settings().database_url)


@lru_cache
def get_write_engine() -> Engine:
    """The same pool, but transactions that intend to write (BEGIN IMMEDIATE on SQLite)."""
    return get_engine().execution_options(forlop_write=True)


def open_session(*, write: bool) -> Session:
    """A session outside a request (CLI, seeding, background work)."""
    return Session(get_write_engine() if write else get_engine(), expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; services commit, anything left open is rolled back."""
    with open_session(write=request.method not in ("GET", "HEAD", "OPTIONS")) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]

T = TypeVar("T")


def commit_answer(session: Session, answer: Callable[[], T]) -> T:
    """Build a write's answer inside its transaction, then commit.

    Reading after the commit would open a second transaction, and on SQLite a write
    session's transactions take the write lock: under load that wait could time out and
    answer 503 for a write already stored.
    """
    session.flush()
    built = answer()
    session.commit()
    return built


def is_postgres(session: Session) -> bool:
    """True when the session talks to PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


def reset_engine() -> None:
    """Forget the cached engines (after DATABASE_URL changed: tests, CLI)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_write_engine.cache_clear()
