"""A write session whose commit is followed at once by another writer taking SQLite's lock."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.core.config import get_settings
from app.core.db import open_session, reset_engine


@contextmanager
def lock_taken_after_commit(
    backend: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Session]:
    """A write session; the moment it commits, another connection holds the write lock.

    A service that read its answer after the commit would wait for that lock (a short
    busy timeout here) and fail, though its write is stored.
    """
    if backend != "sqlite":
        pytest.skip("SQLite's single write lock is what a read after the commit waited for")
    monkeypatch.setenv("FORLOP_SQLITE_BUSY_TIMEOUT_MS", "100")
    get_settings.cache_clear()
    reset_engine()
    other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None, timeout=0.1)
    with open_session(write=True) as write:
        event.listen(write, "after_commit", lambda _: other.execute("BEGIN IMMEDIATE"))
        try:
            yield write
        finally:
            other.execute("ROLLBACK")
            other.close()
