"""The audit writer: a flush hook that records every ORM write in the same transaction.

Registered on SQLAlchemy's Session class by `app.commit_hooks.install_session_hooks`. It sees
what the ORM flushes (`session.add`, attribute changes, `session.delete`); Core
statements (`session.execute(update(...))`) and database cascades pass it by.
"""

from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.core.observability import current
from app.models import AuditLog
from app.models.base import utcnow

# The logs themselves (the webhook outbox and delivery log are the change log's machinery),
# and anonymous feedback: its rows deliberately carry no time and no link to a token, and
# an audit row (time, request id) would give them both.
NOT_AUDITED = frozenset(
    {
        "audit_log",
        "change_log",
        "feedback_response",
        "feedback_answer",
        "webhook_event",
        "webhook_delivery",
    }
)
_TABLE = AuditLog.__table__  # type: ignore[attr-defined]


def _entity(obj: Any) -> tuple[str, str] | None:
    state = inspect(obj)
    table = getattr(state.mapper.local_table, "name", None)
    if table is None or table in NOT_AUDITED:
        return None
    key = state.mapper.primary_key_from_instance(obj)
    return table, ",".join(str(v) for v in key)


def audit_rows(session: Session) -> list[dict[str, Any]]:
    """The audit rows for what the session is flushing right now."""
    ctx = current()
    actor = ctx.actor if ctx else "system"
    request_id = ctx.request_id if ctx else None
    route = ctx.route if ctx else None
    now = utcnow()
    rows = []
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            found = _entity(obj)
            if found is not None:
                rows.append(
                    {
                        "at": now,
                        "actor": actor,
                        "request_id": request_id,
                        "entity": found[0],
                        "entity_id": found[1],
                        "action": action,
                        "route": route,
                    }
                )
    return rows


def write_audit_rows(session: Session, _: UOWTransaction) -> None:
    """The after-flush session hook (registered by `app.commit_hooks`)."""
    # After the flush, so new rows have their ids; still inside its transaction, and as a
    # Core insert, so it does not set off another flush.
    rows = audit_rows(session)
    if rows:
        session.connection().execute(insert(_TABLE), rows)
