"""Appending to the change log, inside the transaction of the change it records."""

from typing import Literal, get_args

from sqlmodel import Session, text

from app.core.db import is_postgres
from app.models import ChangeLogEntry

# One constant advisory lock: PostgreSQL hands out sequence values in call order, not
# commit order, so writers of the log queue here until they commit. That is what lets
# a reader of the feed trust that no later commit gets a lower `seq` than one it saw.
CHANGE_LOG_LOCK = 7_160_411

# One name per kind of thing, whoever writes (the API, the CLI, the demo seed): a closed set
# that the feed's contract publishes as an enum and mypy holds every writer to.
Entity = Literal[
    "locality", "service_type", "service_unit", "pathway", "text", "case", "event", "proposal"
]
Action = Literal["upsert", "delete"]
ENTITIES: tuple[str, ...] = get_args(Entity)


def record_change(
    session: Session,
    *,
    entity: Entity,
    action: Action,
    entity_id: str,
    locality: str | None = None,
    pathway: str | None = None,
) -> None:
    """Append one entry; the caller commits it together with the change."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})
    session.add(
        ChangeLogEntry(
            entity=entity, action=action, entity_id=entity_id, locality=locality, pathway=pathway
        )
    )
