"""The read cache: rendered public reads that can never be older than a committed write.

Every entry remembers the *version token* of the slots it depends on (`freshness.py`:
a pathway's view depends on that pathway's layers on its chain, not on every write), read
before it was built; a read serves it only while the token is unchanged. The token is
cheap (no query) and moves with every commit of content that touches one of its slots:

- in every process on this host: counters in a small shared file (one per slot) that
  `note_write()` bumps after commit, before the writer's response leaves, read through
  mmap; every session that appended to the change log calls it (a session hook below,
  installed by `app.commit_hooks`, so every `record_change` caller is covered);
- PostgreSQL on other hosts: `pg_notify('forlop_changes', <slots>)` in the writing
  transaction and a listener thread per process that counts the slots it names; while
  the listener is down nothing is cached, and a reconnect forgets everything. A write of
  this host is heard too: it has moved the shared counters already, and counting it again
  would make every read built in between stale a second time (a second rebuild of every
  view the write touched). So a writer takes a ticket from the shared file, names it in
  its notification, and marks it done when it has moved the counters; the listener skips
  a ticket of this host that is done, and counts one that is not once its writer's
  process is gone (killed between commit and its counters) or after `_OWN_GRACE`;
- SQLite: `PRAGMA data_version` (moves on any commit of any connection) is part of the
  token of reads that depend on everything (`ANY`); scoped reads rely on the shared file,
  which every writer of this host's database bumps (the API, the CLI, the seed).

An entry also expires at the earliest future `valid_from` among the rows it came from.
"""

import contextlib
import fcntl
import hashlib
import logging
import mmap
import os
import secrets
import sqlite3
import struct
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.changes import log as change_log
from app.core.config import get_settings
from app.core.db import normalise_url
from app.core.encoding import coded_etag, compress
from app.core.http import etag_of
from app.localities import lookups, tree
from app.models.base import utcnow
from app.texts import freshness

log = logging.getLogger("forlop.cache")

CHANNEL = "forlop_changes"
MAX_ENTRIES = 65_536  # beside the byte budget: bounds the bookkeeping of tiny entries
_FLAG = "forlop_content_written"
_TICKET = "forlop_write_ticket"
_COUNTER = struct.Struct("<Q")
# The locality tree changes only with writes that reach every view.
_TREE_SLOTS = (freshness.GLOBAL,)


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
    # A held value that is not a finished answer (a part others are assembled from), and
    # what the entry counts against the byte budget.
    value: Any = field(default=None, compare=False)
    weight: int = field(default=0, compare=False)

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


# After the counters: this host's id, the last ticket given, and a ring of tickets done.
_HOST_AT = 8 * freshness.SLOTS
_TICKET_AT = _HOST_AT + 8
_RING_AT = _TICKET_AT + 8
_RING = 4096


class _SharedSlots:
    """`freshness.SLOTS` 8-byte counters in a file every process of this host maps, and
    the writers' tickets (see the module's docstring)."""

    def __init__(self, path: str) -> None:
        size = _RING_AT + 8 * _RING
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.fstat(fd).st_size < size:
            os.ftruncate(fd, size)
        self._fd = fd
        self._map = mmap.mmap(fd, size)
        with self._locked():
            if not self._at(_HOST_AT):  # the first process to map the file names the host
                _COUNTER.pack_into(self._map, _HOST_AT, secrets.randbits(63) | 1)
        self.host = self._at(_HOST_AT)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _at(self, offset: int) -> int:
        return int(_COUNTER.unpack_from(self._map, offset)[0])

    def read(self, slot: int = freshness.ANY) -> int:
        return self._at(8 * slot)

    def ticket(self) -> int:
        """A number no other write of this host has (for its notification)."""
        with self._locked():
            number = self._at(_TICKET_AT) + 1
            _COUNTER.pack_into(self._map, _TICKET_AT, number)
        return number

    def bump(self, slots: Iterable[int] = (freshness.ANY,), ticket: int | None = None) -> None:
        """Move `slots`; then `ticket` (the write's, if it has one) is done."""
        with self._locked():
            for slot in set(slots):
                _COUNTER.pack_into(self._map, 8 * slot, self.read(slot) + 1)
            if ticket is not None:
                _COUNTER.pack_into(self._map, _RING_AT + 8 * (ticket % _RING), ticket)

    def done(self, ticket: int) -> bool:
        """Whether the write with `ticket` has moved its slots (False also when so many
        writes came after it that the ring forgot it: then it is counted, to be safe)."""
        return self._at(_RING_AT + 8 * (ticket % _RING)) == ticket


# How long a write of this host may take from its commit to moving the shared counters
# before the listener counts its notification anyway (a writer that is alive but stuck).
_OWN_GRACE = 2.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


class OwnWrites:
    """The notifications of this host's writes that the listener has not counted, until
    their tickets are done (then they never are) or their writers cannot do them."""

    def __init__(
        self,
        shared: _SharedSlots,
        *,
        clock: Callable[[], float] = time.monotonic,
        alive: Callable[[int], bool] = _alive,
    ) -> None:
        self._shared, self._clock, self._alive = shared, clock, alive
        self._pending: list[tuple[int, int, frozenset[int] | None, float]] = []

    def heard(self, ticket: int, pid: int, slots: frozenset[int] | None) -> None:
        self._pending.append((ticket, pid, slots, self._clock() + _OWN_GRACE))

    def settle(self) -> list[frozenset[int] | None]:
        """The slots of the notifications that must be counted now; the rest wait."""
        due, waiting = [], []
        now = self._clock()
        for note in self._pending:
            ticket, pid, slots, deadline = note
            if self._shared.done(ticket):
                continue
            if now >= deadline or not self._alive(pid):
                due.append(slots)
            else:
                waiting.append(note)
        self._pending = waiting
        return due

    def __bool__(self) -> bool:
        return bool(self._pending)


class _PgListener(threading.Thread):
    """LISTEN forlop_changes; counts the slots notified, reconnects, says when it is live.

    `on_change(None)` means "anything may have changed" (a reconnect, a payload we cannot
    read); `on_change(slots)` names the slots a committed write moved.
    """

    def __init__(self, url: str, on_change: Any, shared: _SharedSlots) -> None:
        super().__init__(name="forlop-cache-listener", daemon=True)
        self._url = url
        self._on_change = on_change
        self._shared = shared
        self.own = OwnWrites(shared)
        self.heard = 0  # notifications heard, counted or not (tests wait for them)
        self.live = threading.Event()
        self.stopped = threading.Event()

    def hear(self, payload: str) -> None:
        """Count what a notification names, unless it is a write of this host whose
        counters move (or moved) here anyway."""
        origin, slots = parse_notice(payload)
        if origin is not None and origin[0] == self._shared.host:
            self.own.heard(origin[1], origin[2], slots)
        else:
            self._on_change(slots)
        self.heard += 1

    def run(self) -> None:  # pragma: no cover - exercised by the PG tests
        import psycopg

        dsn = make_url(self._url).set(drivername="postgresql").render_as_string(False)
        while not self.stopped.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._on_change(None)  # anything may have happened while we were away
                    self.live.set()
                    while not self.stopped.is_set():
                        # Often while this host's writes are pending: they settle in a moment.
                        wait = 0.02 if self.own else 1.0
                        for note in conn.notifies(timeout=wait, stop_after=1):
                            self.hear(note.payload)
                        for slots in self.own.settle():
                            self._on_change(slots)
            except Exception as exc:
                if self.live.is_set():  # once per outage, not once per retry
                    log.warning("cache listener lost its connection: %s", exc)
            self.live.clear()
            self._on_change(None)
            self.stopped.wait(1.0)


def notice(host: int, ticket: int, slots: Iterable[int], pid: int | None = None) -> str:
    """A notification's payload: the writer (host, ticket, process) and the slots."""
    return f"{host}:{ticket}:{pid or os.getpid()}|{freshness.payload(slots)}"


def parse_notice(text: str) -> tuple[tuple[int, int, int] | None, frozenset[int] | None]:
    """The writer a payload names (None: unknown) and its slots (None: everything)."""
    origin, sep, slots = text.partition("|")
    if not sep:
        return None, freshness.parse_payload(text)
    try:
        host, ticket, pid = (int(part) for part in origin.split(":"))
    except ValueError:
        return None, None
    return (host, ticket, pid), freshness.parse_payload(slots)


class ViewCache:
    """The process-wide cache of view bytes and the content version token."""

    def __init__(self, url: str) -> None:
        self.url = canonical_url(url)
        self.configured = url  # DATABASE_URL as set, compared first by `get_cache`
        # Least recently used first; `size` is the bytes held, kept under `budget`.
        self.entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self.size = 0
        self.budget = get_settings().read_cache_mb * 1024 * 1024
        # Notified by other hosts (PostgreSQL): every slot's count, and an epoch that moves
        # when anything may have changed.
        self._notified: dict[int, int] = {}
        self._epoch = 0
        self._lock = threading.Lock()
        self._shared = shared_slots(self.url)
        # The locality tree and the pathways' owners, read from the database and held
        # with the token they were read under (see `read_shape`).
        self._shapes: dict[str, tuple[tuple[Any, ...], Any]] = {}
        self._sqlite: sqlite3.Connection | None = None
        self._listener: _PgListener | None = None
        if self.url.startswith("sqlite"):
            database = make_url(self.url).database
            if database and database != ":memory:":
                self._sqlite = sqlite3.connect(database, check_same_thread=False)
        elif self.url.startswith("postgresql"):
            self._listener = _PgListener(self.url, self._bump_notified, self._shared)
            self._listener.start()

    def _bump_notified(self, slots: frozenset[int] | None) -> None:
        with self._lock:
            if slots is None:
                self._epoch += 1
                return
            for slot in slots:
                self._notified[slot] = self._notified.get(slot, 0) + 1

    def heard(self) -> int | None:
        """How many notifications this process has heard (PostgreSQL; None without a
        listener). Tests wait for a write's before they count rebuilds."""
        if self._listener is None:
            return None
        return self._listener.heard

    def token(self, slots: Sequence[int] | None = None) -> tuple[Any, ...] | None:
        """The version of `slots` now (default: of everything); None when freshness cannot
        be vouched for (then nothing is cached)."""
        if self._listener is not None and not self._listener.live.is_set():
            return None
        shared, notified = self._shared.read, self._notified.get
        if slots is None:
            data_version = 0
            if self._sqlite is not None:
                with self._lock:
                    data_version = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
            return (self._epoch, data_version, shared(), notified(freshness.ANY, 0))
        return (self._epoch, *[shared(s) + notified(s, 0) for s in slots])

    def parents(self) -> dict[str, str | None] | None:
        """The locality tree (code → parent code) as held, None when it may have changed."""
        return self.shape("parents")

    def owners(self) -> dict[str, str] | None:
        """Each pathway's owner (slug → locality code) as held, None when it may have changed."""
        return self.shape("owners")

    def shape(self, name: str, slots: Sequence[int] = _TREE_SLOTS) -> Any:
        """What was held as `name` (by default the tree's shape: it changes only with
        writes that move `GLOBAL`), None when `slots` may have moved since."""
        held = self._shapes.get(name)
        if held is None or held[0] != self.token(slots):
            return None
        return held[1]

    def hold_shape(self, name: str, token: tuple[Any, ...] | None, value: Any) -> None:
        """Keep `value` as `name`, read under `token` (read before the value was)."""
        if token is not None:
            self._shapes[name] = (token, value)

    def get(self, key: tuple[Any, ...], token: tuple[Any, ...] | None) -> Entry | None:
        """The entry for `key` if it was built under `token` (now) and has not expired."""
        entry = self.entries.get(key)
        if entry is None or token is None or entry.token != token:
            return None
        if entry.expires_at is not None and time.time() >= entry.expires_at:
            return None
        with contextlib.suppress(KeyError):  # evicted meanwhile by another thread
            self.entries.move_to_end(key)
        return entry

    def put(
        self,
        key: tuple[Any, ...],
        *,
        body: bytes,
        etag: str,
        token: tuple[Any, ...] | None,
        expires_at: datetime | None,
        value: Any = None,
        size: int | None = None,
    ) -> Entry | None:
        """Keep a view built under `token` (read before the build began); the entry kept.
        A `value` (with the `size` it stands for) is held beside or instead of a body."""
        weight = _weight_of(len(body) if size is None else size)
        if token is None or weight > self.budget:
            return None
        expiry = expires_at.timestamp() if expires_at is not None else None
        entry = Entry(body, etag, token, expiry, value=value, weight=weight)
        with self._lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old.weight
            self.entries[key] = entry
            self.size += weight
            while self.size > self.budget or len(self.entries) > MAX_ENTRIES:
                _, evicted = self.entries.popitem(last=False)
                self.size -= evicted.weight
        return entry

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stopped.set()
            # Its connection is gone when this returns (a template database can be copied).
            self._listener.join(timeout=5)
        if self._sqlite is not None:
            self._sqlite.close()
        self.entries.clear()
        self.size = 0


def _weight_of(size: int) -> int:
    """What an entry of `size` bytes costs in memory, counted when it is kept: the body,
    room for its gzip and Brotli forms made later (JSON and HTML shrink to a tenth or
    less), and a little for the rest."""
    return size + size // 4 + 512


_cache: ViewCache | None = None
_cache_lock = threading.Lock()
_counters: dict[str, _SharedSlots] = {}
_counters_lock = threading.Lock()


def shared_slots(url: str) -> _SharedSlots:
    """This host's write counters for the database at `url`."""
    counter = _counters.get(url)
    if counter is None:
        with _counters_lock:
            digest = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()
            path = os.path.join(tempfile.gettempdir(), f"forlop-{digest}.slots")
            counter = _counters.setdefault(url, _SharedSlots(path))
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


def close_cache() -> None:
    """Forget the cache and close its connections (tests and tools that switch databases)."""
    global _cache
    with _cache_lock:
        if _cache is not None:
            _cache.close()
        _cache = None


def note_write(
    url: str | None = None, slots: Iterable[int] | None = None, ticket: int | None = None
) -> None:
    """Content was committed: no read that depends on `slots` (default: every read) and was
    built before may be served, by any process here; the write's `ticket` is done."""
    moved = set(slots) if slots is not None else {freshness.ANY, freshness.GLOBAL}
    moved.add(freshness.ANY)
    shared_slots(canonical_url(url or get_settings().database_url)).bump(moved, ticket)


def read_shape(
    name: str,
    session: Session,
    load: Callable[[Session], Any],
    slots: Sequence[int] = _TREE_SLOTS,
) -> Any:
    """`load(session)`, held per process as `name` while `slots` (by default `GLOBAL`: the
    tree's shape, the catalogue, pathways and adoptions) have not moved. For small values
    every cold read asks for; `name` must say everything `load` depends on. Read by writes
    too (the slot a PUT names), but held only from a transaction that has not written."""
    cache = get_cache()
    held = cache.shape(name, slots)
    if held is not None:
        return held
    token = cache.token(slots)
    value = load(session)
    # A transaction that has written may have read its own uncommitted rows: not held.
    wrote = session.new or session.dirty or session.deleted or change_log.noted(session)
    if not wrote:
        cache.hold_shape(name, token, value)
    return value


def read_parents(session: Session) -> dict[str, str | None]:
    """The locality tree as code → parent code, held per process while it is unchanged."""
    parents: dict[str, str | None] = read_shape("parents", session, lookups.parents_by_code)
    return parents


def read_owners(session: Session) -> dict[str, str]:
    """Each pathway's owner, slug → locality code (pathway writes move `GLOBAL` too)."""
    owners: dict[str, str] = read_shape("owners", session, adoption_queries.owners_by_slug)
    return owners


def held_body(
    session: Session,
    key: tuple[Any, ...],
    slots: Callable[[Session], Sequence[int]],
    build: Callable[[], tuple[bytes, list[datetime | None]]],
) -> Entry:
    """A public read's bytes and ETag (and, through `Entry.representation`, its gzip and
    Brotli forms, made once): held while none of its slots moved and no scheduled revision
    among its rows took effect, else built (`build` returns the bytes and the `valid_from`s
    it read) and kept. `slots` names the slots (from the tree and the pathways' owners,
    both held per process: no query)."""
    cache = get_cache()
    token = cache.token(slots(session))
    entry = cache.get(key, token)
    if entry is not None:
        return entry
    body, valid_froms = build()
    tag = etag_of(body)
    kept = cache.put(key, body=body, etag=tag, token=token, expires_at=expiry_of(valid_froms))
    return kept if kept is not None else Entry(body, tag, (), None)


def locality_slots(code: str) -> Callable[[Session], tuple[int, ...]]:
    """The slots of a read over every pathway at `code` (service maps). An owner's layer
    outside the chain moves every owner's slot there, so adopted pathways count too."""

    return lambda session: service_map_slots(read_parents(session), read_owners(session), code)


def service_map_slots(
    parents: dict[str, str | None], owners: dict[str, str], code: str
) -> tuple[int, ...]:
    """`locality_slots` from the tree and the owners as held (the fast path has no session)."""
    chain = tree.chain(parents, code)
    outside = sorted(set(owners.values()) - set(chain))
    return freshness.of_locality([*outside, *chain])


def pathway_slots(code: str, slug: str) -> Callable[[Session], tuple[int, ...]]:
    """The slots of a read of one pathway at `code` (embeds, FHIR)."""
    return lambda session: view_slots(
        read_parents(session), code, slug, read_owners(session).get(slug)
    )


def map_slots(code: str, slug: str) -> Callable[[Session], tuple[int, ...]]:
    """The slots of a pathway's map at `code`: its view's, and units anywhere."""
    return lambda session: (*pathway_slots(code, slug)(session), freshness.UNITS)


def view_slots(
    parents: dict[str, str | None], code: str | None, slug: str, owner: str | None = None
) -> tuple[int, ...]:
    """The slots a merged view (`code`) or base view (None: every region) depends on; the
    pathway's `owner` layer too (an adopted pathway's base text is written outside the chain)."""
    if code is None:
        chain = sorted(c for c, parent in parents.items() if parent is None)
    else:
        chain = tree.chain(parents, code)
    if owner is not None and owner not in chain:
        chain = [owner, *chain]
    return freshness.of_pathway(chain, slug)


def wait_until_live(timeout: float = 5.0) -> bool:
    """Block until the cache can vouch for freshness (the PG listener is connected)."""
    cache = get_cache()
    deadline = time.monotonic() + timeout
    while cache.token() is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def mark_everything_changed(session: OrmSession) -> None:
    """Every cached read is stale once this session commits (bulk writes that bypass the
    change log: an import, a rebuild of derived data)."""
    _mark(session, {freshness.ANY, freshness.GLOBAL})


def mark_changed(session: OrmSession, moved: Iterable[int]) -> None:
    """These slots move when this session commits (a write the change log does not carry
    yet, such as a scheduled revision)."""
    _mark(session, set(moved))


def _mark(session: OrmSession, moved: set[int]) -> None:
    session.info.setdefault(_FLAG, set()).update(moved)
    if session.get_bind().dialect.name == "postgresql":
        shared = shared_slots(canonical_url(_url_of(session)))
        ticket = session.info.get(_TICKET)
        if ticket is None:
            ticket = session.info[_TICKET] = shared.ticket()
        # Delivered at commit, to every process's listener; nothing if rolled back.
        session.connection().execute(
            text("SELECT pg_notify(:channel, :slots)"),
            {"channel": CHANNEL, "slots": notice(shared.host, ticket, moved)},
        )


# Session hooks, registered by `app.commit_hooks.install_session_hooks`:
def note_change(session: OrmSession) -> None:
    """Before commit: the slots of the change-log entries this transaction writes move
    (and on PostgreSQL the other processes hear of them at commit)."""
    moved: set[int] = set()
    for entity, locality, pathway in change_log.noted(session):
        moved |= freshness.written(entity, locality, pathway)
    if moved:
        _mark(session, moved)


def bump_after_commit(session: OrmSession) -> None:
    moved = session.info.pop(_FLAG, None)
    ticket = session.info.pop(_TICKET, None)
    if moved:
        with contextlib.suppress(Exception):
            note_write(_url_of(session), moved, ticket)


def _url_of(session: OrmSession) -> str:
    """The session's database URL, as `note_write` and `shared_slots` name it."""
    return session.get_bind().engine.url.render_as_string(hide_password=False)


def canonical_url(url: str) -> str:
    """One spelling per database, so every process finds the same counter file."""
    return make_url(normalise_url(url)).render_as_string(hide_password=False)


def forget_change(session: OrmSession) -> None:
    session.info.pop(_FLAG, None)
    session.info.pop(_TICKET, None)


def expiry_of(
    valid_froms: list[datetime | None], *, now: datetime | None = None
) -> datetime | None:
    """The earliest moment after `now` at which a scheduled revision takes over."""
    now = now or utcnow()
    future = [v for v in valid_froms if v is not None and v > now]
    return min(future) if future else None
