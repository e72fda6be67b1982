"""What `GET /v1/audit` answers."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

AuditAction = Literal["insert", "update", "delete"]


class AuditEntry(BaseModel):
    """One recorded write: ids only, never names or e-mails."""

    id: int
    at: datetime
    actor: str
    request_id: str | None
    entity: str
    entity_id: str
    action: AuditAction
    route: str | None


class AuditPage(BaseModel):
    """One page of the audit log, newest first."""

    items: list[AuditEntry]
    next_cursor: str | None = None
