"""The append-only change log behind `GET /v1/changes`."""

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class ChangeLogEntry(SQLModel, table=True):
    """One change to published content; `seq` rises strictly in commit order."""

    __tablename__ = "change_log"
    # Actions are open-ended (`upsert`, `delete`, `cancel`, `due`, …): the feed and the
    # webhooks carry them as the kind `<entity>.<action>`; only their shape is checked.
    __table_args__ = (CheckConstraint("action <> ''", name="action_given"),)

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    entity: str = Field(max_length=32)
    action: str = Field(max_length=16)
    # None: the change alters every locality's views (catalogue, pathway metadata).
    locality: str | None = Field(default=None, max_length=63, index=True)
    pathway: str | None = Field(default=None, max_length=63)
    entity_id: str = Field(max_length=200, index=True)
    # Why the entry was written when not by a direct write: `scheduled` (a scheduled
    # revision took effect at `at`), `review` (a review cycle fell due).
    cause: str | None = Field(default=None, max_length=32)
