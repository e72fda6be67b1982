"""Request and response shapes of webhook subscriptions, deliveries and payloads."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.changes.service import Change
from app.models.base import CODE_PATTERN

Slug = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Kind = Annotated[str, StringConstraints(min_length=1, max_length=64)]
TargetUrl = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]

_EXAMPLE: dict[str, Any] = {
    "url": "https://intranett.bergen.kommune.no/hooks/forlop",
    "description": "Intranettet: oppdater forløpssidene",
    "event_kinds": ["text.upsert", "text.delete", "text.cancel"],
    "locality": "4601",
    "pathways": ["angst"],
}


class WebhookCreate(BaseModel):
    """A new subscription: where to push, which kinds, and which part of the tree."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    url: TargetUrl = Field(
        description="An `https` URL that resolves to public addresses; redirects are not followed."
    )
    description: Description = ""
    event_kinds: list[Kind] = Field(
        min_length=1,
        max_length=30,
        description="Event kinds (`text.upsert`), an entity's kinds (`text.*`) or all (`*`).",
    )
    locality: str | None = Field(
        default=None,
        pattern=CODE_PATTERN,
        description="Only events in this locality's subtree (and region-wide ones); "
        "default: the key's scope. Must lie within the key's scope.",
    )
    pathways: list[Slug] = Field(
        default_factory=list, max_length=50, description="Only these pathways (empty: all)."
    )


class WebhookUpdate(BaseModel):
    """Changes to a subscription; `enabled: true` turns a disabled one back on."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": True}]})

    url: TargetUrl | None = None
    description: Description | None = None
    event_kinds: list[Kind] | None = Field(default=None, min_length=1, max_length=30)
    locality: str | None = Field(default=None, pattern=CODE_PATTERN)
    pathways: list[Slug] | None = Field(default=None, max_length=50)
    enabled: bool | None = None


class WebhookPublic(BaseModel):
    """A subscription as its owner sees it (never its secret)."""

    id: int
    url: str
    description: str
    event_kinds: list[str]
    locality: str | None
    pathways: list[str]
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why deliveries stopped (after 24 hours of failures), until re-enabled."
    )
    disabled_at: datetime | None
    owner: str = Field(description="The name of the key that created it.")
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookPublic):
    """The new subscription, with its signing secret: shown this once, store it now."""

    secret: str = Field(
        description="The Standard Webhooks signing secret (`whsec_…`); verify deliveries "
        "with it. It is never shown again.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class WebhookPage(BaseModel):
    items: list[WebhookPublic]
    next_cursor: str | None = None


class DeliveryPublic(BaseModel):
    """One event sent (or being sent) to one subscription."""

    id: int
    message_id: str = Field(description="The `webhook-id` header: the same on every retry.")
    kind: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    first_attempt_at: datetime | None
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None = Field(description="When the next try is due (pending).")
    response_status: int | None = Field(description="The receiver's last HTTP status.")
    error: str | None = Field(description="Why the last try failed (no response body kept).")
    delivered_at: datetime | None
    created_at: datetime


class DeliveryPage(BaseModel):
    """Newest first."""

    items: list[DeliveryPublic]
    next_cursor: str | None = None


class WebhookPayload(BaseModel):
    """The JSON body of every delivery (Standard Webhooks: `type`, `timestamp`, `data`).

    Headers: `webhook-id` (same on retries: deduplicate on it), `webhook-timestamp` (Unix
    seconds of this try), `webhook-signature` (`v1,<base64 HMAC-SHA256>` over
    `id.timestamp.body` with the subscription's secret).
    """

    type: str = Field(description="The event kind.", examples=["text.upsert"])
    timestamp: datetime = Field(description="When the change took effect.")
    data: Change = Field(description="The change as the feed shows it, with its impact.")
