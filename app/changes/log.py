"""Appending to the change log, inside the transaction of the change it records.

Every entry also goes into the webhook outbox (`webhook_event`) in the same transaction,
so a change that commits is never lost to the webhooks, and one that rolls back never
reaches them. The deliverer (app/webhooks/worker.py) fans the outbox out afterwards.

`record_change` only notes an entry; the entries are inserted as the transaction
commits (`write_pending`, the last before-commit hook), under the log's lock. The lock
orders `seq` by commit, so every writer of the log queues for it: taken last, it is held
for two inserts and the commit, not for the write, its snapshot rebuild and its search
index (measured under mixed load: 62 ms held per write, and writers queued 1.7 s for it).
Being last also keeps the order of locks the same in every transaction: the rows a
write locks (its slot, its layer snapshot), then the log's lock, and nothing after it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import insert
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, text

from app.core.db import is_postgres
from app.models import ChangeLogEntry, WebhookEvent
from app.models.base import utcnow

# One constant advisory lock: PostgreSQL hands out sequence values in call order, not
# commit order, so writers of the log queue here until they commit. That is what lets
# a reader of the feed trust that no later commit gets a lower `seq` than one it saw.
CHANGE_LOG_LOCK = 7_160_411
_PENDING = "forlop_change_log_pending"

# One name per kind of thing, whoever writes (the API, the CLI, the demo seed): a closed set
# that the feed's contract publishes as an enum and mypy holds every writer to.
Entity = Literal[
    "locality",
    "service_type",
    "service_unit",
    "pathway",
    "text",
    "case",
    "event",
    "proposal",
    "review",
]
# `cancel`: a scheduled revision called off; `due`: a review cycle fell due.
Action = Literal["upsert", "delete", "cancel", "due"]
ENTITIES: tuple[str, ...] = get_args(Entity)


def kind_of(entity: str, action: str) -> str:
    """The event kind the feed and the webhooks show: `text.upsert`, `review.due`, …"""
    return f"{entity}.{action}"


def lock_log(session: Session | OrmSession) -> None:
    """Queue behind the log's other writers until this transaction ends (PostgreSQL).

    `write_pending` takes it as a transaction commits; a caller takes it first only to
    look at the log before appending (so two pollers never log one thing twice).
    """
    if is_postgres(session):  # type: ignore[arg-type]
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})


@dataclass(frozen=True)
class _Noted:
    entity: str
    action: str
    entity_id: str
    locality: str | None
    pathway: str | None
    cause: str | None
    at: datetime | None


def record_change(
    session: Session,
    *,
    entity: Entity,
    action: Action,
    entity_id: str,
    locality: str | None = None,
    pathway: str | None = None,
    cause: str | None = None,
    at: datetime | None = None,
) -> None:
    """Note one entry and its outbox event; they are written when the caller commits.

    `action` is one of `Action` (`upsert`, `delete`, `cancel`, `due`); `cause` says why an
    entry was written by the system rather than a direct write (`scheduled`, `review`).
    `at` defaults to the moment the entry is written, under the lock, so that it rises
    with `seq`.
    """
    noted = _Noted(entity, action, entity_id, locality, pathway, cause, at)
    session.info.setdefault(_PENDING, []).append(noted)


def noted(session: Session | OrmSession) -> list[tuple[str, str | None, str | None]]:
    """(entity, locality, pathway) of every entry this transaction will write."""
    return [(n.entity, n.locality, n.pathway) for n in session.info.get(_PENDING, ())]


_LOG: Any = ChangeLogEntry.__table__  # type: ignore[attr-defined]
_OUTBOX: Any = WebhookEvent.__table__  # type: ignore[attr-defined]
# Core, not the unit of work: the lock is held from the first statement of these two.
_INSERT_ENTRIES = insert(_LOG).returning(_LOG.c.seq, sort_by_parameter_order=True)
_INSERT_EVENTS = insert(_OUTBOX)


# Session hooks, registered by `app.commit_hooks.install_session_hooks`:
def write_pending(session: OrmSession) -> None:
    """Insert the noted entries and their outbox events, in the order noted, as the last
    step before the commit."""
    pending: list[_Noted] = session.info.pop(_PENDING, None) or []
    if not pending:
        return
    lock_log(session)
    now = utcnow()
    entries = [
        {"at": n.at or now, "entity": n.entity, "action": n.action, "entity_id": n.entity_id,
         "locality": n.locality, "pathway": n.pathway, "cause": n.cause}
        for n in pending
    ]  # fmt: skip
    seqs = session.execute(_INSERT_ENTRIES, entries).scalars().all()
    events = [
        {"kind": kind_of(n.entity, n.action), "change_seq": seq, "data": {},
         "locality": n.locality, "pathway": n.pathway, "fanned_out": False, "created_at": now}
        for n, seq in zip(pending, seqs, strict=True)
    ]  # fmt: skip
    session.execute(_INSERT_EVENTS, events)


def forget_pending(session: OrmSession, transaction: Any) -> None:
    """A transaction that ends without its commit writes nothing it noted."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def record_call_off(
    session: Session,
    *,
    entity_id: str,
    revision: int,
    locality: str,
    pathway: str,
) -> None:
    """Log that a scheduled revision was called off before it took effect (`text.cancel`).

    Nothing published changed; integrations that track announced schedules drop it.
    """
    record_change(
        session,
        entity="text",
        action="cancel",
        entity_id=f"{entity_id}@r{revision}",
        locality=locality,
        pathway=pathway,
    )
