"""A cache of rendered views that can never serve a view older than a committed write.

Every entry remembers the content *version token* read before it was built; a read
serves it only while the token is unchanged. The token is cheap (no query) and moves
with every commit of content:

- in this process: `note_write()`, called after commit by every session that appended
  to the change log (an ORM event below, so every `record_change` caller is covered);
- in other processes on this host: a counter in a small shared file that `note_write()`
  bumps before the writer's response leaves, read through mmap;
- SQLite: `PRAGMA data_version` on a held connection moves on any commit by any
  connection or process, whatever wrote it;
- PostgreSQL on other hosts: `NOTIFY forlop_changes` in the writing transaction and a
  listener thread per process; while the listener is down nothing is cached.

An entry also expires at the earliest future `valid_from` among the rows it came from.
"""

import contextlib
import fcntl
import hashlib
import logging
import mmap
import os
import sqlite3
import struct
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session as OrmSession

from app.core.config import get_settings
from app.core.db import normalise_url
from app.core.encoding import coded_etag, compress
from app.models import ChangeLogEntry
from app.models.base import utcnow

log = logging.getLogger("forlop.cache")

CHANNEL = "forlop_changes"
MAX_ENTRIES = 4096
_FLAG = "forlop_content_written"


@dataclass(frozen=True, slots=True)
class Entry:
    """A rendered view: its bytes, ETag, the token it was built under, when it expires;
    and, made on first demand and kept beside them, its gzip and Brotli representations
    and the finished answers the fast path sends (`app.core.fastpath`)."""

    body: bytes
    etag: str
    token: tuple[Any, ...]
    expires_at: float | None  # unix time
    coded: dict[str, tuple[bytes, str]] = field(default_factory=dict, compare=False)
    answers: dict[Any, Any] = field(default_factory=dict, compare=False)

    def representation(self, coding: str | None) -> tuple[bytes, str]:
        """The body and ETag in `coding` (None: as built), compressed once per entry."""
        return representation(self.body, self.etag, coding, self.coded)


def representation(
    body: bytes, etag: str, coding: str | None, memo: dict[str, tuple[bytes, str]] | None = None
) -> tuple[bytes, str]:
    """`body` and `etag` in `coding`; kept in `memo` (an entry's) when one is given."""
    if coding is None:
        return body, etag
    found = memo.get(coding) if memo is not None else None
    if found is None:
        found = (compress(body, coding), coded_etag(etag, coding))
        if memo is not None:
            memo[coding] = found  # a race builds the same bytes twice, harmlessly
    return found


class _SharedCounter:
    """An 8-byte counter in a file every process of this host maps (one per database)."""

    def __init__(self, path: str) -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.fstat(fd).st_size < 8:
            os.ftruncate(fd, 8)
        self._fd = fd
        self._map = mmap.mmap(fd, 8)

    def read(self) -> int:
        return int(struct.unpack_from("<Q", self._map, 0)[0])

    def bump(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            struct.pack_into("<Q", self._map, 0, self.read() + 1)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


class _PgListener(threading.Thread):
    """LISTEN forlop_changes; counts notifications, reconnects, and says when it is live."""

    def __init__(self, url: str, on_change: Any) -> None:
        super().__init__(name="forlop-cache-listener", daemon=True)
        self._url = url
        self._on_change = on_change
        self.live = threading.Event()
        self.stopped = threading.Event()

    def run(self) -> None:  # pragma: no cover - exercised by the PG tests
        import psycopg

        dsn = make_url(self._url).set(drivername="postgresql").render_as_string(False)
        while not self.stopped.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._on_change()  # anything may have happened while we were away
                    self.live.set()
                    while not self.stopped.is_set():
                        for _ in conn.notifies(timeout=1.0, stop_after=1):
                            self._on_change()
            except Exception as exc:
                if self.live.is_set():  # once per outage, not once per retry
                    log.warning("cache listener lost its connection: %s", exc)
            self.live.clear()
            self._on_change()
            self.stopped.wait(1.0)


class ViewCache:
    """The process-wide cache of view bytes and the content version token."""

    def __init__(self, url: str) -> None:
        self.url = canonical_url(url)
        self.configured = url  # DATABASE_URL as set, compared first by `get_cache`
        self.entries: dict[tuple[Any, ...], Entry] = {}
        self._notified = 0
        self._lock = threading.Lock()
        self._shared = shared_counter(self.url)
        self._sqlite: sqlite3.Connection | None = None
        self._listener: _PgListener | None = None
        if self.url.startswith("sqlite"):
            database = make_url(self.url).database
            if database and database != ":memory:":
                self._sqlite = sqlite3.connect(database, check_same_thread=False)
        elif self.url.startswith("postgresql"):
            self._listener = _PgListener(self.url, self._bump_notified)
            self._listener.start()

    def _bump_notified(self) -> None:
        with self._lock:
            self._notified += 1

    def token(self) -> tuple[Any, ...] | None:
        """The content version now; None when freshness cannot be vouched for (no caching)."""
        if self._listener is not None and not self._listener.live.is_set():
            return None
        data_version = 0
        if self._sqlite is not None:
            with self._lock:
                data_version = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
        return (self._shared.read(), self._notified, data_version)

    def get(self, key: tuple[Any, ...], token: tuple[Any, ...] | None) -> Entry | None:
        """The entry for `key` if it was built under `token` (now) and has not expired."""
        entry = self.entries.get(key)
        if entry is None or token is None or entry.token != token:
            return None
        if entry.expires_at is not None and time.time() >= entry.expires_at:
            return None
        return entry

    def put(
        self,
        key: tuple[Any, ...],
        *,
        body: bytes,
        etag: str,
        token: tuple[Any, ...] | None,
        expires_at: datetime | None,
    ) -> Entry | None:
        """Keep a view built under `token` (read before the build began); the entry kept."""
        if token is None:
            return None
        if len(self.entries) >= MAX_ENTRIES:
            self.entries.clear()
        expiry = expires_at.timestamp() if expires_at is not None else None
        entry = self.entries[key] = Entry(body, etag, token, expiry)
        return entry

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stopped.set()
        if self._sqlite is not None:
            self._sqlite.close()
        self.entries.clear()


_cache: ViewCache | None = None
_cache_lock = threading.Lock()
_counters: dict[str, _SharedCounter] = {}
_counters_lock = threading.Lock()


def shared_counter(url: str) -> _SharedCounter:
    """This host's write counter for the database at `url`."""
    counter = _counters.get(url)
    if counter is None:
        with _counters_lock:
            digest = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()
            path = os.path.join(tempfile.gettempdir(), f"forlop-{digest}.ver")
            counter = _counters.setdefault(url, _SharedCounter(path))
    return counter


def get_cache() -> ViewCache:
    """The cache for the configured database (a new one when DATABASE_URL changed)."""
    global _cache
    configured = get_settings().database_url
    cache = _cache
    if cache is not None and cache.configured == configured:
        return cache  # the hot path: no URL parsing on every read
    url = canonical_url(configured)
    if cache is not None and cache.url == url:
        cache.configured = configured
        return cache
    with _cache_lock:
        if _cache is None or _cache.url != url:
            if _cache is not None:
                _cache.close()
            _cache = ViewCache(url)
        return _cache


def note_write(url: str | None = None) -> None:
    """Content was committed: no view built before may be served, by any process here."""
    shared_counter(canonical_url(url or get_settings().database_url)).bump()


def wait_until_live(timeout: float = 5.0) -> bool:
    """Block until the cache can vouch for freshness (the PG listener is connected)."""
    cache = get_cache()
    deadline = time.monotonic() + timeout
    while cache.token() is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session: OrmSession, _: Any) -> None:
    if any(isinstance(obj, ChangeLogEntry) for obj in session.new):
        session.info[_FLAG] = True
        bind = session.get_bind()
        if bind.dialect.name == "postgresql":
            # Delivered at commit, to every process's listener; nothing if rolled back.
            session.connection().exec_driver_sql(f"NOTIFY {CHANNEL}")


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session: OrmSession) -> None:
    if session.info.pop(_FLAG, False):
        with contextlib.suppress(Exception):
            note_write(session.get_bind().engine.url.render_as_string(hide_password=False))


def canonical_url(url: str) -> str:
    """One spelling per database, so every process finds the same counter file."""
    return make_url(normalise_url(url)).render_as_string(hide_password=False)


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session: OrmSession) -> None:
    session.info.pop(_FLAG, None)


def expiry_of(
    valid_froms: list[datetime | None], *, now: datetime | None = None
) -> datetime | None:
    """The earliest moment after `now` at which a scheduled revision takes over."""
    now = now or utcnow()
    future = [v for v in valid_froms if v is not None and v > now]
    return min(future) if future else None
