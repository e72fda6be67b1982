"""One delivery try: the Standard Webhooks message, signed with the `standardwebhooks`
package, POSTed without following redirects; only the status is kept, never the body."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import httpx
import orjson
from standardwebhooks.webhooks import Webhook

from app.core.config import Settings
from app.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from app.models.base import utcnow
from app.webhooks.targets import TargetRefused, check_target, pinned

log = logging.getLogger("forlop.webhooks")
USER_AGENT = "Forlop-Webhooks/1.0"


def message_id(event_id: int) -> str:
    """The `webhook-id` of an event: the same on every try and redelivery."""
    return f"msg_{event_id}"


@dataclass(frozen=True)
class Outcome:
    """How one try went."""

    ok: bool
    status: int | None = None
    error: str | None = None


def body_of(event: WebhookEvent) -> bytes:
    """The JSON body: `type`, `timestamp` (when the change took effect) and `data`."""
    at = event.data.get("at") if isinstance(event.data, dict) else None
    timestamp = at or event.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return orjson.dumps({"type": event.kind, "timestamp": timestamp, "data": event.data})


def signed_headers(secret: str, msg_id: str, body: bytes, now: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers for this try."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, now, body),
    }


@lru_cache(maxsize=4)
def _client(timeout: float) -> httpx.Client:
    # One per process and timeout: a client's TLS context loads the CA bundle (~0.1-0.2 s).
    return httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False)


def send(sub: WebhookSubscription, event: WebhookEvent, *, settings: Settings) -> Outcome:
    """POST the event to the subscription's target once; any 2xx is success."""
    assert event.id is not None
    try:
        # Again at each try: a name that resolved to a public address may not any more.
        target, addresses = check_target(sub.url, allow_private=settings.webhook_allow_private)
    except TargetRefused as exc:
        return Outcome(False, error=str(exc)[:300])
    url, host, extensions = pinned(target, addresses[0])
    # httpx logs every request's URL at INFO, and a target URL may carry a token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    body = body_of(event)
    headers = signed_headers(sub.secret, message_id(event.id), body, datetime.now(UTC))
    headers.update({"content-type": "application/json", "user-agent": USER_AGENT, **host})
    try:
        client = _client(settings.webhook_timeout_seconds)
        with client.stream(
            "POST", url, content=body, headers=headers, extensions=extensions
        ) as response:
            status = response.status_code
    except httpx.TimeoutException:
        return Outcome(False, error="The receiver did not answer in time.")
    except httpx.HTTPError as exc:
        # The exception's class, not its text: that may echo the URL with a token in it.
        return Outcome(False, error=f"Could not reach the receiver ({type(exc).__name__}).")
    if 200 <= status < 300:
        return Outcome(True, status=status)
    if 300 <= status < 400:
        return Outcome(False, status=status, error="The receiver redirected; not followed.")
    return Outcome(False, status=status, error=f"The receiver answered HTTP {status}.")


def ping_row(subscription_id: int, event_id: int, outcome: Outcome) -> WebhookDelivery:
    """The delivery log row of a test ping, once sent."""
    now = utcnow()
    return WebhookDelivery(
        subscription_id=subscription_id,
        event_id=event_id,
        status="delivered" if outcome.ok else "failed",
        attempts=1,
        next_attempt_at=now,
        first_attempt_at=now,
        last_attempt_at=now,
        response_status=outcome.status,
        error=outcome.error,
        delivered_at=now if outcome.ok else None,
    )


def log_outcome(delivery_id: int, subscription_id: int, outcome: Outcome, **extra: Any) -> None:
    """One log line per try: ids and status, never the URL, the secret or the body."""
    log.info(
        "webhook delivery %s",
        "delivered" if outcome.ok else "failed",
        extra={
            "delivery": delivery_id,
            "subscription": subscription_id,
            "status": outcome.status,
            **extra,
        },
    )
