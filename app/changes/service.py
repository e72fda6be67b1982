"""The changes feed: read the log after a `seq`, announcing scheduled revisions once due."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import String, cast, select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.changes import meaning
from app.changes.impact import ChangeFacts, Impact, impact_of
from app.changes.log import Action, Entity, kind_of, lock_log, record_change
from app.core.auth import locality_chain
from app.core.db import open_session
from app.core.timestamps import UtcTimestamp
from app.models import ChangeLogEntry, Locality, Pathway, ServiceType, TextRevision
from app.models.base import utcnow

_CHANGE_LOG_ENTRY: Any = ChangeLogEntry.__table__.c  # type: ignore[attr-defined]
_TEXT_REVISION: Any = TextRevision.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_SERVICE_TYPE: Any = ServiceType.__table__.c  # type: ignore[attr-defined]


# Log entries about work in progress, not published content: only for callers with a key.
INTERNAL_ENTITIES = ("proposal", "review")


class Change(BaseModel):
    """One entry of the changes feed; also the `data` of every webhook delivery."""

    # The feed answers it and a webhook receiver is sent it: both read what the server
    # writes, so one schema (the written form, every field present) under one stable name,
    # never `Change-Input`/`Change-Output`.
    model_config = ConfigDict(json_schema_mode_override="serialization")

    seq: int
    at: UtcTimestamp = Field(
        description="When the change took effect (a scheduled revision: its `valid_from`)."
    )
    entity: Entity
    action: Action = Field(
        description="`upsert`, `delete` (a tombstone), `cancel` (a scheduled revision "
        "called off before it took effect), `due` (a review cycle fell due), …"
    )
    locality: str | None
    pathway: str | None
    id: str = Field(
        description="The entity's key: a code or slug, a number, or for a text "
        "`pathway/service_type/section/lang@rN`."
    )
    kind: str = Field(
        description="`<entity>.<action>`: the event kind webhooks subscribe to.",
        examples=["text.upsert"],
    )
    tombstone: bool = Field(
        description="True for a deletion: the entity (or the layer's entry) is gone; "
        "drop your copy. The `id` says what to drop."
    )
    cause: str | None = Field(
        default=None,
        description="Why the system wrote the entry: `scheduled` (a scheduled revision "
        "took effect at `at`), `review` (a review cycle fell due); null for a direct write.",
    )
    impact: Impact | None = Field(
        default=None,
        description="With `include=impact` (and in webhooks): which merged views changed "
        "and which local overrides the change left stale.",
    )


class ChangePage(BaseModel):
    """One page of the feed: ask again with `cursor=next_cursor` (or `after=next_after`)."""

    items: list[Change]
    next_cursor: str = Field(description="Where the next page starts (the last `seq` seen).")
    next_after: int = Field(
        description="The same position as a number; use `next_cursor`.",
        json_schema_extra={"deprecated": True},
    )


def _due_scheduled(session: Session, now: datetime) -> list[Any]:
    """Scheduled published revisions valid by `now` that the log does not know yet."""
    tag = (
        _PATHWAY.slug
        + "/"
        + _SERVICE_TYPE.code
        + "/"
        + _TEXT_REVISION.section
        + "/"
        + _TEXT_REVISION.lang
        + "@r"
        + cast(_TEXT_REVISION.id, String)
    )
    stmt = (
        select(
            _TEXT_REVISION.id,
            _TEXT_REVISION.mode,
            _TEXT_REVISION.valid_from,
            _LOCALITY.code,
            _PATHWAY.slug,
            tag.label("tag"),
        )
        .select_from(TextRevision.__table__)  # type: ignore[attr-defined]
        .join(Locality.__table__, _LOCALITY.id == _TEXT_REVISION.locality_id)  # type: ignore[attr-defined]
        .join(Pathway.__table__, _PATHWAY.id == _TEXT_REVISION.pathway_id)  # type: ignore[attr-defined]
        .join(ServiceType.__table__, _SERVICE_TYPE.id == _TEXT_REVISION.service_type_id)  # type: ignore[attr-defined]
        .where(
            _TEXT_REVISION.valid_from.is_not(None),
            _TEXT_REVISION.valid_from <= now,
            _TEXT_REVISION.valid_from > _TEXT_REVISION.created_at,
            _TEXT_REVISION.status == "published",
            ~select(_CHANGE_LOG_ENTRY.seq).where(_CHANGE_LOG_ENTRY.entity_id == tag).exists(),
        )
        .order_by(_TEXT_REVISION.valid_from, _TEXT_REVISION.id)
    )
    return list(session.execute(stmt).all())


def announce_due(*, now: datetime | None = None) -> int:
    """Log every scheduled revision that has become valid (idempotent); how many were new."""
    now = now or utcnow()
    with open_session(write=False) as probe:
        if not _due_scheduled(probe, now):
            return 0
    with open_session(write=True) as session:
        # Take the log's lock before looking again, so two pollers never log one twice.
        lock_log(session)
        due = _due_scheduled(session, now)
        for row in due:
            record_change(
                session,
                entity="text",
                action="delete" if row.mode == "inherit" else "upsert",
                entity_id=row.tag,
                locality=row.code,
                pathway=row.slug,
                cause="scheduled",
                at=row.valid_from,
            )
        session.commit()
        return len(due)


def list_changes(
    session: Session,
    *,
    after: int,
    limit: int,
    locality: str | None,
    now: datetime | None = None,
    internal: bool = False,
    with_impact: bool = False,
) -> ChangePage:
    """The changes after `seq`, oldest first; `locality` keeps those that alter its views.

    Anonymous callers get published content only; `internal` (a key) adds proposal events.
    """
    chain = locality_chain(session, locality) if locality is not None else None
    announce_due(now=now)
    # A fresh snapshot: the read must see what the announcement just committed.
    session.rollback()
    stmt = _columns().where(_CHANGE_LOG_ENTRY.seq > after)
    if chain is not None:
        seen = _CHANGE_LOG_ENTRY.locality.in_(chain) | _CHANGE_LOG_ENTRY.locality.is_(None)
        # The base texts of pathways adopted on the chain come from their owners' layers.
        for owner, slug in adoption_queries.bases_adopted_on(session, chain):
            seen = seen | (
                (_CHANGE_LOG_ENTRY.locality == owner) & (_CHANGE_LOG_ENTRY.pathway == slug)
            )
        stmt = stmt.where(seen)
    if not internal:
        stmt = stmt.where(_CHANGE_LOG_ENTRY.entity.not_in(INTERNAL_ENTITIES))
    rows = session.execute(stmt.order_by(_CHANGE_LOG_ENTRY.seq).limit(limit)).all()
    items = [_change(r) for r in rows]
    if with_impact:
        add_impact(session, items)
    last = items[-1].seq if items else after
    return ChangePage(items=items, next_cursor=str(last), next_after=last)


def _columns() -> Any:
    return select(
        _CHANGE_LOG_ENTRY.seq,
        _CHANGE_LOG_ENTRY.at,
        _CHANGE_LOG_ENTRY.entity,
        _CHANGE_LOG_ENTRY.action,
        _CHANGE_LOG_ENTRY.locality,
        _CHANGE_LOG_ENTRY.pathway,
        _CHANGE_LOG_ENTRY.entity_id,
        _CHANGE_LOG_ENTRY.cause,
    )


def _change(r: Any) -> Change:
    return Change(
        seq=r.seq,
        at=r.at,
        entity=r.entity,
        action=r.action,
        locality=r.locality,
        pathway=r.pathway,
        id=r.entity_id,
        kind=kind_of(r.entity, r.action),
        tombstone=meaning.is_tombstone(r.action),
        cause=r.cause,
    )


def add_impact(session: Session, items: list[Change]) -> None:
    """Fill in each change's impact, from the state now."""
    facts = [
        ChangeFacts.model_validate(c.model_dump(include=set(ChangeFacts.model_fields)))
        for c in items
    ]
    for item, impact in zip(items, impact_of(session, facts), strict=True):
        item.impact = impact


def changes_by_seq(session: Session, seqs: list[int]) -> dict[int, Change]:
    """Log entries by `seq`, as the feed shows them (without impact)."""
    if not seqs:
        return {}
    rows = session.execute(_columns().where(_CHANGE_LOG_ENTRY.seq.in_(seqs))).all()
    return {r.seq: _change(r) for r in rows}
