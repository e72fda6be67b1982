"""Use-cases of webhook subscriptions: manage them, read their delivery log, redeliver,
ping. Editors manage subscriptions within their scope, admins anywhere."""

import base64
import secrets
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from app.core.auth import Principal, authorize
from app.core.config import get_settings
from app.core.errors import Forbidden, NotFound, Unprocessable
from app.core.http import require_if_match
from app.core.pagination import decode_cursor, encode_cursor
from app.localities import lookups as locality_lookups
from app.localities import tree
from app.models import Locality, Pathway, WebhookDelivery, WebhookEvent, WebhookSubscription
from app.models.base import Role, utcnow
from app.webhooks import core, delivery
from app.webhooks.schemas import (
    DeliveryPage,
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhookUpdate,
)
from app.webhooks.targets import TargetRefused, check_target

_WEBHOOK_DELIVERY: Any = WebhookDelivery.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_EVENT: Any = WebhookEvent.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_SUBSCRIPTION: Any = WebhookSubscription.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_DELIVERY_TABLE: Any = WebhookDelivery.__table__  # type: ignore[attr-defined]

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret in the Standard Webhooks form: `whsec_` + base64 of 24 bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def etag(sub: WebhookSubscription) -> str:
    """A subscription's ETag: its version."""
    return f'"v{sub.version}"'


def _editor(principal: Principal | None) -> Principal:
    # Region-wide need is checked per subscription below (its locality filter), so here
    # only the role: an editor of any scope, or an admin.
    if principal is not None and principal.role is not Role.admin and principal.scope:
        return authorize(principal, Role.editor, [principal.scope])
    return authorize(principal, Role.editor, None)


def _locality_code(session: Session, locality_id: int | None) -> str | None:
    if locality_id is None:
        return None
    return session.execute(select(_LOCALITY.code).where(_LOCALITY.id == locality_id)).scalar_one()


def _may_manage(principal: Principal, parents: dict[str, str | None], code: str | None) -> bool:
    if principal.role is Role.admin or principal.scope is None:
        return True
    return code is not None and principal.scope in tree.chain(parents, code)


def _filter_locality(
    session: Session, principal: Principal, code: str | None
) -> tuple[int | None, str | None]:
    """The locality filter's id and code, defaulting to the key's scope; within it."""
    if code is None:
        code = principal.scope if principal.role is not Role.admin else None
    if code is None:
        return None, None
    row = session.execute(select(_LOCALITY.id).where(_LOCALITY.code == code)).first()
    if row is None:
        raise Unprocessable(f"There is no locality '{code}'.", loc=["body", "locality"])
    if not _may_manage(principal, locality_lookups.parents_by_code(session), code):
        raise Forbidden(
            f"The key '{principal.name}' may not subscribe to '{code}': it lies outside "
            f"the key's scope '{principal.scope}'."
        )
    return row[0], code


def _check_kinds(kinds: list[str]) -> list[str]:
    bad = core.unknown_kinds(kinds)
    if bad:
        raise Unprocessable(
            f"Unknown event kind(s): {', '.join(sorted(bad))}. Known kinds: "
            f"{', '.join(core.EVENT_KINDS)}; or '<entity>.*', or '*'.",
            loc=["body", "event_kinds"],
        )
    return sorted(set(kinds))


def _check_pathways(session: Session, slugs: list[str]) -> list[str]:
    slugs = sorted(set(slugs))
    if slugs:
        known = set(
            session.execute(select(_PATHWAY.slug).where(_PATHWAY.slug.in_(slugs))).scalars()
        )
        missing = [s for s in slugs if s not in known]
        if missing:
            raise Unprocessable(
                f"There is no pathway {', '.join(repr(s) for s in missing)}.",
                loc=["body", "pathways"],
            )
    return slugs


def _check_url(url: str) -> str:
    try:
        check_target(url, allow_private=get_settings().webhook_allow_private)
    except TargetRefused as exc:
        raise Unprocessable(str(exc), loc=["body", "url"]) from None
    return url


def to_public(sub: WebhookSubscription, locality: str | None) -> WebhookPublic:
    """The API shape of one subscription, without its secret."""
    assert sub.id is not None
    return WebhookPublic(
        id=sub.id,
        url=sub.url,
        description=sub.description,
        event_kinds=list(sub.event_kinds),
        locality=locality,
        pathways=list(sub.pathways),
        enabled=sub.enabled,
        disabled_reason=sub.disabled_reason,
        disabled_at=sub.disabled_at,
        owner=sub.owner,
        created_at=sub.created_at,
        updated_at=sub.updated_at,
    )


def create(session: Session, *, principal: Principal | None, data: WebhookCreate) -> WebhookCreated:
    """Store a subscription and return it with its secret (shown this once)."""
    principal = _editor(principal)
    locality_id, code = _filter_locality(session, principal, data.locality)
    sub = WebhookSubscription(
        url=_check_url(data.url),
        description=data.description,
        event_kinds=_check_kinds(data.event_kinds),
        locality_id=locality_id,
        pathways=_check_pathways(session, data.pathways),
        secret=new_secret(),
        owner=principal.name,
    )
    session.add(sub)
    session.flush()
    created = WebhookCreated(**to_public(sub, code).model_dump(), secret=sub.secret)
    session.commit()
    return created


def get(session: Session, *, principal: Principal | None, webhook_id: int) -> WebhookSubscription:
    """One subscription the key may manage."""
    principal = _editor(principal)
    sub = session.get(WebhookSubscription, webhook_id)
    if sub is None:
        raise NotFound(f"There is no webhook subscription {webhook_id}.")
    code = _locality_code(session, sub.locality_id)
    if not _may_manage(principal, locality_lookups.parents_by_code(session), code):
        raise Forbidden(
            f"The key '{principal.name}' may not manage webhook subscription {webhook_id}: "
            f"it follows {code or 'the whole region'}, outside the key's scope."
        )
    return sub


def read(
    session: Session, *, principal: Principal | None, webhook_id: int
) -> tuple[WebhookPublic, str]:
    """A subscription and its ETag."""
    sub = get(session, principal=principal, webhook_id=webhook_id)
    return to_public(sub, _locality_code(session, sub.locality_id)), etag(sub)


def list_subscriptions(
    session: Session, *, principal: Principal | None, limit: int, cursor: str | None
) -> tuple[list[WebhookPublic], str | None]:
    """The subscriptions the key may manage, oldest first."""
    principal = _editor(principal)
    after = decode_cursor(cursor)
    if after is not None and (not isinstance(after, int) or isinstance(after, bool)):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    parents = locality_lookups.parents_by_code(session)
    codes = {r.id: r.code for r in session.execute(select(_LOCALITY.id, _LOCALITY.code))}
    stmt = select(WebhookSubscription).order_by(_WEBHOOK_SUBSCRIPTION.id)
    if after is not None:
        stmt = stmt.where(_WEBHOOK_SUBSCRIPTION.id > after)
    items: list[WebhookPublic] = []
    for sub in session.execute(stmt).scalars():
        code = codes.get(sub.locality_id) if sub.locality_id else None
        if _may_manage(principal, parents, code):
            if len(items) == limit:
                return items, encode_cursor(items[-1].id)
            items.append(to_public(sub, code))
    return items, None


def update_subscription(
    session: Session,
    *,
    principal: Principal | None,
    webhook_id: int,
    data: WebhookUpdate,
    if_match: str | None,
) -> tuple[WebhookPublic, str]:
    """Change a subscription (If-Match); re-enabling resumes its held deliveries."""
    sub = get(session, principal=principal, webhook_id=webhook_id)
    require_if_match(if_match, etag(sub))
    assert principal is not None
    fields = data.model_fields_set
    if "url" in fields and data.url is not None:
        sub.url = _check_url(data.url)
    if "description" in fields and data.description is not None:
        sub.description = data.description
    if "event_kinds" in fields and data.event_kinds is not None:
        sub.event_kinds = _check_kinds(data.event_kinds)
    if "pathways" in fields and data.pathways is not None:
        sub.pathways = _check_pathways(session, data.pathways)
    if "locality" in fields:
        sub.locality_id, _ = _filter_locality(session, principal, data.locality)
    now = utcnow()
    if data.enabled is True and not sub.enabled:
        sub.enabled, sub.disabled_reason, sub.disabled_at = True, None, None
        # A fresh 24-hour window for what was held while it was off.
        session.execute(
            update(_WEBHOOK_DELIVERY_TABLE)
            .where(
                _WEBHOOK_DELIVERY.subscription_id == sub.id, _WEBHOOK_DELIVERY.status == "pending"
            )
            .values(first_attempt_at=None, next_attempt_at=now)
        )
    elif data.enabled is False and sub.enabled:
        sub.enabled, sub.disabled_reason, sub.disabled_at = False, "Turned off by its owner.", now
    sub.version += 1
    sub.updated_at = now
    session.add(sub)
    session.flush()
    answer = to_public(sub, _locality_code(session, sub.locality_id)), etag(sub)
    session.commit()
    return answer


def delete(
    session: Session, *, principal: Principal | None, webhook_id: int, if_match: str | None
) -> None:
    """Remove a subscription and its delivery log (If-Match)."""
    sub = get(session, principal=principal, webhook_id=webhook_id)
    require_if_match(if_match, etag(sub))
    session.delete(sub)
    session.commit()


def _delivery_public(row: Any) -> DeliveryPublic:
    return DeliveryPublic(
        id=row.id,
        message_id=delivery.message_id(row.event_id),
        kind=row.kind,
        status=row.status,
        attempts=row.attempts,
        first_attempt_at=row.first_attempt_at,
        last_attempt_at=row.last_attempt_at,
        next_attempt_at=row.next_attempt_at if row.status == "pending" else None,
        response_status=row.response_status,
        error=row.error,
        delivered_at=row.delivered_at,
        created_at=row.created_at,
    )


def _delivery_rows() -> Any:
    return select(
        _WEBHOOK_DELIVERY.id,
        _WEBHOOK_DELIVERY.event_id,
        _WEBHOOK_EVENT.kind,
        _WEBHOOK_DELIVERY.status,
        _WEBHOOK_DELIVERY.attempts,
        _WEBHOOK_DELIVERY.first_attempt_at,
        _WEBHOOK_DELIVERY.last_attempt_at,
        _WEBHOOK_DELIVERY.next_attempt_at,
        _WEBHOOK_DELIVERY.response_status,
        _WEBHOOK_DELIVERY.error,
        _WEBHOOK_DELIVERY.delivered_at,
        _WEBHOOK_DELIVERY.created_at,
    ).join(WebhookEvent.__table__, _WEBHOOK_EVENT.id == _WEBHOOK_DELIVERY.event_id)  # type: ignore[attr-defined]


def list_deliveries(
    session: Session,
    *,
    principal: Principal | None,
    webhook_id: int,
    status: str | None,
    limit: int,
    cursor: str | None,
) -> DeliveryPage:
    """The subscription's delivery log, newest first."""
    get(session, principal=principal, webhook_id=webhook_id)
    before = decode_cursor(cursor)
    if before is not None and (not isinstance(before, int) or isinstance(before, bool)):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    stmt = _delivery_rows().where(_WEBHOOK_DELIVERY.subscription_id == webhook_id)
    if status is not None:
        stmt = stmt.where(_WEBHOOK_DELIVERY.status == status)
    if before is not None:
        stmt = stmt.where(_WEBHOOK_DELIVERY.id < before)
    rows = session.execute(stmt.order_by(_WEBHOOK_DELIVERY.id.desc()).limit(limit + 1)).all()
    items = [_delivery_public(r) for r in rows[:limit]]
    return DeliveryPage(
        items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None
    )


def redeliver(
    session: Session, *, principal: Principal | None, webhook_id: int, delivery_id: int
) -> DeliveryPublic:
    """Queue the delivery's event again, as a new delivery with the same message id."""
    sub = get(session, principal=principal, webhook_id=webhook_id)
    old = session.get(WebhookDelivery, delivery_id)
    if old is None or old.subscription_id != sub.id:
        raise NotFound(f"Webhook subscription {webhook_id} has no delivery {delivery_id}.")
    again = WebhookDelivery(subscription_id=webhook_id, event_id=old.event_id)
    session.add(again)
    session.flush()
    answer = _delivery_public(
        session.execute(_delivery_rows().where(_WEBHOOK_DELIVERY.id == again.id)).one()
    )
    session.commit()
    return answer


def ping(session: Session, *, principal: Principal | None, webhook_id: int) -> DeliveryPublic:
    """Send a signed `webhook.ping` now and say how it went (never retried)."""
    sub = get(session, principal=principal, webhook_id=webhook_id)
    assert sub.id is not None
    event = WebhookEvent(
        kind=core.PING_KIND,
        data={"subscription": sub.id, "message": "Forløp sier hei / Forløp seier hei"},
        fanned_out=True,
    )
    session.add(event)
    session.commit()
    # Sent from here, and logged once the outcome is known: the deliverer never sees a
    # pending ping, so it is never sent twice.
    outcome = delivery.send(sub, event, settings=get_settings())
    assert event.id is not None
    row = delivery.ping_row(sub.id, event.id, outcome)
    session.add(row)
    session.flush()
    answer = _delivery_public(
        session.execute(_delivery_rows().where(_WEBHOOK_DELIVERY.id == row.id)).one()
    )
    session.commit()
    return answer
