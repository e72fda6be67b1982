"""Reading the audit log: filtered, newest first, cursor-paged."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.audit.schemas import AuditEntry, AuditPage
from app.core.errors import Unprocessable
from app.core.pagination import decode_cursor, encode_cursor
from app.models import AuditLog

_AUDIT_LOG: Any = AuditLog.__table__.c  # type: ignore[attr-defined]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def list_audit(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> AuditPage:
    """One page of audit rows matching every given filter, newest first."""
    if since is not None and until is not None and _utc(until) < _utc(since):
        raise Unprocessable("`until` is before `since`.", loc=["query", "until"])
    stmt = select(AuditLog.__table__)  # type: ignore[attr-defined]
    for column, value in (
        (_AUDIT_LOG.entity, entity),
        (_AUDIT_LOG.entity_id, entity_id),
        (_AUDIT_LOG.actor, actor),
        (_AUDIT_LOG.action, action),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if since is not None:
        stmt = stmt.where(_AUDIT_LOG.at >= _utc(since))
    if until is not None:
        stmt = stmt.where(_AUDIT_LOG.at < _utc(until))
    before = decode_cursor(cursor)
    if before is not None:
        if not isinstance(before, int) or isinstance(before, bool):
            raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
        stmt = stmt.where(_AUDIT_LOG.id < before)
    rows = session.execute(stmt.order_by(_AUDIT_LOG.id.desc()).limit(limit + 1)).mappings().all()
    items = [AuditEntry.model_validate(dict(r)) for r in rows[:limit]]
    next_cursor = encode_cursor(items[-1].id) if len(rows) > limit else None
    return AuditPage(items=items, next_cursor=next_cursor)
