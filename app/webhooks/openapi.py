"""The payloads in the OpenAPI document, as OpenAPI 3.1 `webhooks`: one operation per
event kind, so a generated client gets the receiver's types too."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Header
from pydantic import BaseModel, Field

from app.webhooks.core import EVENT_KINDS, PING_KIND
from app.webhooks.schemas import WebhookPayload

_HEADERS = (
    "Signed as the Standard Webhooks specification says: verify `webhook-signature` over "
    "`webhook-id`, `webhook-timestamp` and the raw body with the subscription's secret "
    "(the `standardwebhooks` package does it), reject old timestamps, and deduplicate on "
    "`webhook-id`. Answer 2xx within 5 seconds; anything else is retried with backoff for "
    "24 hours, after which the subscription is disabled."
)


class PingData(BaseModel):
    subscription: int
    message: str


class PingPayload(BaseModel):
    """The test ping's body."""

    type: str = Field(examples=[PING_KIND])
    timestamp: str
    data: PingData


def _receiver(model: type[BaseModel]) -> Callable[..., None]:
    def receive(
        body: model,  # type: ignore[valid-type]
        webhook_id: Annotated[str, Header(alias="webhook-id", examples=["msg_42"])],
        webhook_timestamp: Annotated[
            str, Header(alias="webhook-timestamp", examples=["1796540400"])
        ],
        webhook_signature: Annotated[
            str,
            Header(
                alias="webhook-signature",
                examples=["v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="],
            ),
        ],
    ) -> None:
        """Documentation only: what the receiver gets."""

    return receive


def document_webhooks(app: FastAPI) -> None:
    """Describe every event kind's delivery under the document's `webhooks`."""
    kinds: list[tuple[str, str, type[BaseModel]]] = [
        (kind, meaning, WebhookPayload) for kind, meaning in EVENT_KINDS.items()
    ]
    kinds.append((PING_KIND, "The test ping (`POST /v1/webhooks/{id}/ping`).", PingPayload))
    responses: dict[int | str, dict[str, Any]] = {
        200: {"description": "Received (any 2xx)."},
        "default": {"description": "Anything else: retried with backoff."},
    }
    for kind, meaning, model in kinds:
        app.webhooks.add_api_route(
            kind,
            _receiver(model),
            methods=["POST"],
            operation_id=f"webhook_{kind.replace('.', '_')}",
            summary=meaning,
            description=_HEADERS,
            tags=["webhooks"],
            responses=responses,
            status_code=200,
        )
