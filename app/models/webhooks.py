"""Webhook subscriptions, the outbox of events, and the delivery log."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, Relationship, SQLModel

from app.models.base import UTCDateTime, created_at_field
from app.models.changes import ChangeLogEntry


class WebhookSubscription(SQLModel, table=True):
    """Where to push which events; disabled (with a reason) after a day of failures."""

    __tablename__ = "webhook_subscription"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000)
    description: str = Field(default="", max_length=200)
    event_kinds: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Filters: the subtree of a locality (None: the whole region) and pathways (empty: all).
    locality_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), index=True, nullable=True
        ),
    )
    pathways: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The signing key must be readable to sign with (HMAC); it is never logged or shown again.
    secret: str = Field(max_length=100)
    owner: str = Field(max_length=200)
    enabled: bool = Field(default=True)
    disabled_reason: str | None = Field(default=None, sa_type=Text)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class WebhookEvent(SQLModel, table=True):
    """The outbox: one row per event, written in the transaction of what it announces."""

    __tablename__ = "webhook_event"
    __table_args__ = (Index("ix_webhook_event_pending", "fanned_out", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64)
    # The log entry it announces (None: a test ping); its `seq` is known only at flush.
    change_seq: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("change_log.seq", ondelete="CASCADE"), index=True, nullable=True
        ),
    )
    change: ChangeLogEntry | None = Relationship()
    # The payload's `data` once fanned out: the change as the feed shows it, with impact.
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    locality: str | None = Field(default=None, max_length=63)
    pathway: str | None = Field(default=None, max_length=63)
    fanned_out: bool = Field(default=False)
    created_at: datetime = created_at_field()


class WebhookDelivery(SQLModel, table=True):
    """One event to one subscription: its attempts, and how the last one went."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
        Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
        Index("ix_webhook_delivery_subscription", "subscription_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("webhook_subscription.id", ondelete="CASCADE"), nullable=False
        )
    )
    event_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("webhook_event.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = created_at_field()
    first_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    response_status: int | None = Field(default=None)
    error: str | None = Field(default=None, max_length=300)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
