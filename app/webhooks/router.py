"""Routes of webhook subscriptions: thin, one service call each."""

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.webhooks import service
from app.webhooks.schemas import (
    DeliveryPage,
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPage,
    WebhookPublic,
    WebhookUpdate,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

WebhookId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The subscription's id.")]
DeliveryId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The delivery's id.")]
IfMatch = Annotated[str | None, Header(description="The subscription's current ETag.")]


@router.post(
    "",
    operation_id="create_webhook",
    summary="Subscribe a URL to events (editor within its scope, admin anywhere)",
    description="The answer carries the signing secret (`whsec_…`) this once. Deliveries "
    "follow the Standard Webhooks specification; see the `webhooks` part of this document "
    "for the payloads. The target must be `https` and resolve to public addresses.",
    status_code=201,
    response_model=WebhookCreated,
    responses=problem_responses(401, 403, 422),
)
def create_webhook(
    request: Request, session: SessionDep, principal: PrincipalDep, data: WebhookCreate
) -> Response:
    created = service.create(session, principal=principal, data=data)
    return json_response(
        request,
        created,
        status_code=201,
        public=False,
        etag='"v1"',
        headers={"Location": f"/v1/webhooks/{created.id}"},
    )


@router.get(
    "",
    operation_id="list_webhooks",
    summary="The subscriptions the key may manage",
    response_model=WebhookPage,
    responses=problem_responses(401, 403, 422),
)
def list_webhooks(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_subscriptions(
        session, principal=principal, limit=limit, cursor=cursor
    )
    return json_response(request, WebhookPage(items=items, next_cursor=next_cursor), public=False)


@router.get(
    "/{webhook_id}",
    operation_id="get_webhook",
    summary="One subscription: whether it is enabled, and why not",
    response_model=WebhookPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def get_webhook(
    request: Request, session: SessionDep, principal: PrincipalDep, webhook_id: WebhookId
) -> Response:
    sub, tag = service.read(session, principal=principal, webhook_id=webhook_id)
    return json_response(request, sub, public=False, etag=tag)


@router.patch(
    "/{webhook_id}",
    operation_id="update_webhook",
    summary="Change a subscription, or turn it back on (`enabled: true`) (If-Match)",
    response_model=WebhookPublic,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_webhook(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    webhook_id: WebhookId,
    data: WebhookUpdate,
    if_match: IfMatch = None,
) -> Response:
    sub, tag = service.update_subscription(
        session, principal=principal, webhook_id=webhook_id, data=data, if_match=if_match
    )
    return json_response(request, sub, public=False, etag=tag)


@router.delete(
    "/{webhook_id}",
    operation_id="delete_webhook",
    summary="Remove a subscription and its delivery log (If-Match)",
    status_code=204,
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def delete_webhook(
    session: SessionDep, principal: PrincipalDep, webhook_id: WebhookId, if_match: IfMatch = None
) -> Response:
    service.delete(session, principal=principal, webhook_id=webhook_id, if_match=if_match)
    return Response(status_code=204)


@router.get(
    "/{webhook_id}/deliveries",
    operation_id="list_webhook_deliveries",
    summary="The subscription's delivery log, newest first",
    response_model=DeliveryPage,
    responses=problem_responses(401, 403, 404, 422),
)
def list_webhook_deliveries(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    webhook_id: WebhookId,
    status: Annotated[Literal["pending", "delivered", "failed"] | None, Query()] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    page = service.list_deliveries(
        session,
        principal=principal,
        webhook_id=webhook_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )
    return json_response(request, page, public=False)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/redeliver",
    operation_id="redeliver_webhook",
    summary="Send a delivery's event again (same `webhook-id`), queued for the deliverer",
    status_code=202,
    response_model=DeliveryPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def redeliver_webhook(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    webhook_id: WebhookId,
    delivery_id: DeliveryId,
) -> Response:
    queued = service.redeliver(
        session, principal=principal, webhook_id=webhook_id, delivery_id=delivery_id
    )
    return json_response(request, queued, status_code=202, public=False)


@router.post(
    "/{webhook_id}/ping",
    operation_id="ping_webhook",
    summary="Send a signed `webhook.ping` now and answer how it went",
    description="Sent once, never retried, and logged among the deliveries. A 200 answer "
    "with `status: failed` says the receiver could not be reached or refused it.",
    response_model=DeliveryPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def ping_webhook(
    request: Request, session: SessionDep, principal: PrincipalDep, webhook_id: WebhookId
) -> Response:
    sent = service.ping(session, principal=principal, webhook_id=webhook_id)
    return json_response(request, sent, public=False)
