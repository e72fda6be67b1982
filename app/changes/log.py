"""Appending to the change log, inside the transaction of the change it records.

Every entry also goes into the webhook outbox (`webhook_event`) in the same transaction,
so a change that commits is never lost to the webhooks, and one that rolls back never
reaches them. The deliverer (app/webhooks/worker.py) fans the outbox out afterwards.
"""

from datetime import datetime
from typing import Literal, get_args

from sqlmodel import Session, text

from app.core.db import is_postgres
from app.models import ChangeLogEntry, WebhookEvent
from app.models.base import utcnow

# One constant advisory lock: PostgreSQL hands out sequence values in call order, not
# commit order, so writers of the log queue here until they commit. That is what lets
# a reader of the feed trust that no later commit gets a lower `seq` than one it saw.
CHANGE_LOG_LOCK = 7_160_411

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


def lock_log(session: Session) -> None:
    """Queue behind the log's other writers until this transaction ends (PostgreSQL)."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})


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
) -> ChangeLogEntry:
    """Append one entry and its outbox event; the caller commits them with the change.

    `action` is one of `Action` (`upsert`, `delete`, `cancel`, `due`); `cause` says why an
    entry was written by the system rather than a direct write (`scheduled`, `review`).
    """
    lock_log(session)
    entry = ChangeLogEntry(
        at=at or utcnow(),
        entity=entity,
        action=action,
        entity_id=entity_id,
        locality=locality,
        pathway=pathway,
        cause=cause,
    )
    session.add(entry)
    # Linked, not flushed: the unit of work inserts the entry first and fills in its seq.
    session.add(
        WebhookEvent(kind=kind_of(entity, action), change=entry, locality=locality, pathway=pathway)
    )
    return entry


def record_call_off(
    session: Session,
    *,
    entity_id: str,
    revision: int,
    locality: str,
    pathway: str,
) -> ChangeLogEntry:
    """Log that a scheduled revision was called off before it took effect (`text.cancel`).

    Nothing published changed; integrations that track announced schedules drop it.
    """
    return record_change(
        session,
        entity="text",
        action="cancel",
        entity_id=f"{entity_id}@r{revision}",
        locality=locality,
        pathway=pathway,
    )
