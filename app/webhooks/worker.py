"""The deliverer: announces what fell due, fans the outbox out to subscriptions, and
sends what is due, with retries. `forlop worker` runs it, and `forlop serve` in a thread.

At-least-once: a delivery is claimed (its next try pushed a lease ahead) and committed
before it is sent, and marked delivered only after the receiver said 2xx. A deliverer
killed in between leaves the claim to run out; the next one sends again, with the same
`webhook-id`, so receivers deduplicate. On PostgreSQL one deliverer at a time holds an
advisory lock (the others wait as standbys); the claims keep SQLite, where every process
may run one, from sending a delivery twice at once.
"""

import logging
import random
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from app.adoptions import queries as adoption_queries
from app.changes import service as changes_service
from app.core.config import Settings, get_settings
from app.core.db import get_engine, open_session
from app.localities import lookups as locality_lookups
from app.models import Locality, WebhookDelivery, WebhookEvent, WebhookSubscription
from app.models.base import utcnow
from app.reviews import service as reviews_service
from app.webhooks import core, delivery

log = logging.getLogger("forlop.webhooks")

DELIVERER_LOCK = 7_160_412
BATCH = 100
PRUNE_EVERY = 3600.0  # seconds

_WEBHOOK_DELIVERY: Any = WebhookDelivery.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_EVENT: Any = WebhookEvent.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_SUBSCRIPTION: Any = WebhookSubscription.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_WEBHOOK_DELIVERY_TABLE: Any = WebhookDelivery.__table__  # type: ignore[attr-defined]
_WEBHOOK_EVENT_TABLE: Any = WebhookEvent.__table__  # type: ignore[attr-defined]
_WEBHOOK_SUBSCRIPTION_TABLE: Any = WebhookSubscription.__table__  # type: ignore[attr-defined]


def fan_out(*, batch: int = BATCH) -> int:
    """Turn outbox events into deliveries for the subscriptions that want them.

    Events no subscription wants are dropped; the change log keeps the history.
    """
    # A read first: on SQLite a write transaction takes the database's write lock.
    with open_session(write=False) as probe:
        if (
            probe.execute(
                select(_WEBHOOK_EVENT.id).where(_WEBHOOK_EVENT.fanned_out.is_(False)).limit(1)
            ).first()
            is None
        ):
            return 0
    with open_session(write=True) as session:
        events = session.execute(
            select(
                _WEBHOOK_EVENT.id,
                _WEBHOOK_EVENT.kind,
                _WEBHOOK_EVENT.change_seq,
                _WEBHOOK_EVENT.locality,
                _WEBHOOK_EVENT.pathway,
                _WEBHOOK_EVENT.created_at,
            )
            .where(_WEBHOOK_EVENT.fanned_out.is_(False))
            .order_by(_WEBHOOK_EVENT.id)
            .limit(batch)
        ).all()
        if not events:
            return 0
        codes = {r.id: r.code for r in session.execute(select(_LOCALITY.id, _LOCALITY.code))}
        subs = session.execute(
            select(
                _WEBHOOK_SUBSCRIPTION.id,
                _WEBHOOK_SUBSCRIPTION.event_kinds,
                _WEBHOOK_SUBSCRIPTION.locality_id,
                _WEBHOOK_SUBSCRIPTION.pathways,
                _WEBHOOK_SUBSCRIPTION.created_at,
            )
        ).all()
        parents = locality_lookups.parents_by_code(session)
        adopters = adoption_queries.adopters_by_base(session)
        wanted: dict[int, list[int]] = {}
        for ev in events:
            wanted[ev.id] = [
                s.id
                for s in subs
                if s.created_at <= ev.created_at
                and core.matches(
                    kinds=s.event_kinds,
                    locality=codes.get(s.locality_id) if s.locality_id else None,
                    pathways=s.pathways,
                    event_kind=ev.kind,
                    event_locality=ev.locality,
                    event_pathway=ev.pathway,
                    parents=parents,
                    adopters=adopters,
                )
            ]
        seqs = [ev.change_seq for ev in events if wanted[ev.id] and ev.change_seq is not None]
        changes = changes_service.changes_by_seq(session, seqs)
        changes_service.add_impact(session, list(changes.values()))
        for ev in events:
            change = changes.get(ev.change_seq) if ev.change_seq is not None else None
            if not wanted[ev.id] or change is None:
                session.execute(
                    delete(_WEBHOOK_EVENT_TABLE).where(
                        _WEBHOOK_EVENT.id == ev.id, _WEBHOOK_EVENT.fanned_out.is_(False)
                    )
                )
                continue
            claimed = session.execute(
                update(_WEBHOOK_EVENT_TABLE)
                .where(_WEBHOOK_EVENT.id == ev.id, _WEBHOOK_EVENT.fanned_out.is_(False))
                .values(fanned_out=True, data=change.model_dump(mode="json"))
            ).rowcount  # type: ignore[attr-defined]
            if claimed:
                now = utcnow()
                session.execute(
                    _WEBHOOK_DELIVERY_TABLE.insert(),
                    [
                        {
                            "subscription_id": sub_id,
                            "event_id": ev.id,
                            "status": "pending",
                            "attempts": 0,
                            "next_attempt_at": now,
                            "created_at": now,
                        }
                        for sub_id in wanted[ev.id]
                    ],
                )
        session.commit()
        return len(events)


def _claim(delivery_id: int, now: datetime, lease: float) -> bool:
    with open_session(write=True) as session:
        claimed = session.execute(
            update(_WEBHOOK_DELIVERY_TABLE)
            .where(
                _WEBHOOK_DELIVERY.id == delivery_id,
                _WEBHOOK_DELIVERY.status == "pending",
                _WEBHOOK_DELIVERY.next_attempt_at <= now,
            )
            .values(
                attempts=_WEBHOOK_DELIVERY.attempts + 1,
                last_attempt_at=now,
                first_attempt_at=func.coalesce(_WEBHOOK_DELIVERY.first_attempt_at, now),
                next_attempt_at=now + timedelta(seconds=lease),
            )
        ).rowcount  # type: ignore[attr-defined]
        session.commit()
        return bool(claimed)


def _record(delivery_id: int, outcome: delivery.Outcome, settings: Settings) -> None:
    now = utcnow()
    with open_session(write=True) as session:
        row = session.execute(
            select(
                _WEBHOOK_DELIVERY.subscription_id,
                _WEBHOOK_DELIVERY.attempts,
                _WEBHOOK_DELIVERY.first_attempt_at,
            ).where(_WEBHOOK_DELIVERY.id == delivery_id, _WEBHOOK_DELIVERY.status == "pending")
        ).first()
        if row is None:
            return
        values: dict[str, Any] = {"response_status": outcome.status, "error": outcome.error}
        if outcome.ok:
            values.update(status="delivered", delivered_at=now)
        elif core.gives_up(
            row.first_attempt_at or now, now, window=settings.webhook_retry_window_seconds
        ):
            values.update(status="failed")
            hours = settings.webhook_retry_window_seconds / 3600
            session.execute(
                update(_WEBHOOK_SUBSCRIPTION_TABLE)
                .where(
                    _WEBHOOK_SUBSCRIPTION.id == row.subscription_id,
                    _WEBHOOK_SUBSCRIPTION.enabled.is_(True),
                )
                .values(
                    enabled=False,
                    disabled_at=now,
                    version=_WEBHOOK_SUBSCRIPTION.version + 1,
                    updated_at=now,
                    disabled_reason=(
                        f"Deliveries kept failing for {hours:g} hours (last: {outcome.error}) "
                        "and were stopped. Fix the receiver, then PATCH the subscription "
                        'with {"enabled": true}: what was held is sent then.'
                    ),
                )
            )
        else:
            delay = core.retry_delay(
                row.attempts,
                base=settings.webhook_retry_base_seconds,
                cap=settings.webhook_retry_max_seconds,
                jitter=random.random(),
            )
            values.update(next_attempt_at=now + timedelta(seconds=delay))
        session.execute(
            update(_WEBHOOK_DELIVERY_TABLE)
            .where(_WEBHOOK_DELIVERY.id == delivery_id, _WEBHOOK_DELIVERY.status == "pending")
            .values(**values)
        )
        session.commit()
        delivery.log_outcome(delivery_id, row.subscription_id, outcome, attempt=row.attempts)


def deliver_due(settings: Settings, *, batch: int = BATCH) -> int:
    """Try every delivery that is due, oldest first; how many were tried."""
    now = utcnow()
    with open_session(write=False) as session:
        due = (
            session.execute(
                select(_WEBHOOK_DELIVERY.id)
                .join(
                    _WEBHOOK_SUBSCRIPTION_TABLE,
                    _WEBHOOK_SUBSCRIPTION.id == _WEBHOOK_DELIVERY.subscription_id,
                )
                .where(
                    _WEBHOOK_DELIVERY.status == "pending",
                    _WEBHOOK_DELIVERY.next_attempt_at <= now,
                    _WEBHOOK_SUBSCRIPTION.enabled.is_(True),
                )
                .order_by(_WEBHOOK_DELIVERY.id)
                .limit(batch)
            )
            .scalars()
            .all()
        )
    # Held from one try to the next, so a try that hangs is retried only after its timeout.
    lease = settings.webhook_timeout_seconds * 2 + 1
    tried = 0
    for delivery_id in due:
        if not _claim(delivery_id, utcnow(), lease):
            continue
        with open_session(write=False) as session:
            found = session.get(WebhookDelivery, delivery_id)
            assert found is not None
            sub = session.get(WebhookSubscription, found.subscription_id)
            event = session.get(WebhookEvent, found.event_id)
        if sub is None or event is None:
            continue
        _record(delivery_id, delivery.send(sub, event, settings=settings), settings)
        tried += 1
    return tried


def prune(settings: Settings, *, now: datetime | None = None) -> int:
    """Forget finished deliveries older than the retention, and events nobody needs."""
    cutoff = (now or utcnow()) - timedelta(days=settings.webhook_log_retention_days)
    with open_session(write=True) as session:
        gone = session.execute(
            delete(_WEBHOOK_DELIVERY_TABLE).where(
                _WEBHOOK_DELIVERY.status != "pending", _WEBHOOK_DELIVERY.created_at < cutoff
            )
        ).rowcount  # type: ignore[attr-defined]
        session.execute(
            delete(_WEBHOOK_EVENT_TABLE).where(
                _WEBHOOK_EVENT.fanned_out.is_(True),
                _WEBHOOK_EVENT.created_at < cutoff,
                ~select(_WEBHOOK_DELIVERY.id)
                .where(_WEBHOOK_DELIVERY.event_id == _WEBHOOK_EVENT.id)
                .exists(),
            )
        )
        session.commit()
        return int(gone)


def tick(settings: Settings) -> int:
    """One round of work; how much was done (0: nothing waiting)."""
    changes_service.announce_due()
    reviews_service.announce_due()
    done = 0
    while (n := fan_out()) > 0:
        done += n
        if n < BATCH:
            break
    return done + deliver_due(settings)


class DelivererLock:
    """On PostgreSQL, a session advisory lock held on its own connection for as long as
    this process delivers; released when the process dies. SQLite: always granted."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None

    def acquire(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT 1"))
                return True
            except Exception:  # the connection died: the lock went with it
                self.release()
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": DELIVERER_LOCK}).scalar()
        if got:
            self.conn = conn
            log.info("webhook deliverer: this process delivers")
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": DELIVERER_LOCK})
            except Exception:  # already gone with its connection
                log.debug("webhook deliverer lock released with its connection")
            finally:
                self.conn.close()
                self.conn = None


def run(stop: threading.Event, *, once: bool = False) -> None:
    """Deliver until `stop` is set: work while there is work, else wait a poll interval."""
    settings = get_settings()
    lock = DelivererLock(get_engine())
    pruned_at = 0.0
    try:
        while not stop.is_set():
            done = 0
            try:
                if lock.acquire():
                    done = tick(settings)
                    if time.monotonic() - pruned_at > PRUNE_EVERY:
                        prune(settings)
                        pruned_at = time.monotonic()
            except DBAPIError as exc:
                # The database away for a moment: one line, and the next round tries again.
                log.warning("webhook deliverer: database unavailable (%s)", type(exc).__name__)
                lock.release()
            except Exception:
                log.exception("webhook deliverer round failed")
            if once:
                break
            if not done:
                stop.wait(settings.webhook_poll_seconds)
    finally:
        lock.release()


def start_thread() -> threading.Event:
    """Run the deliverer in a daemon thread (inside `forlop serve`); set the event to stop."""
    stop = threading.Event()
    threading.Thread(target=run, args=(stop,), name="webhook-deliverer", daemon=True).start()
    return stop
