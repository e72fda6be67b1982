"""The append-only audit log: who wrote what, when, in which request."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class AuditLog(SQLModel, table=True):
    """One row inserted, updated or deleted; ids only, never names or e-mails."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint("action IN ('insert', 'update', 'delete')", name="action"),
        Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    # The API key's name; `anonymous` for public writes, `system` for the CLI and jobs.
    actor: str = Field(max_length=200, index=True)
    request_id: str | None = Field(default=None, max_length=128)
    entity: str = Field(max_length=64)
    entity_id: str = Field(max_length=200)
    action: str = Field(max_length=8)
    # `METHOD /v1/template/{param}` of the request that wrote it.
    route: str | None = Field(default=None, max_length=300)
