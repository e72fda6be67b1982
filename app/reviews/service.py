"""Use-cases of review cycles: set a pathway's interval, mark a review, list what is due,
and announce a `review.due` event (through the change log) when a review falls due."""

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.changes.log import lock_log, record_change
from app.core.auth import Principal, authorize
from app.core.db import open_session
from app.core.errors import NotFound, Unprocessable
from app.localities import lookups as locality_lookups
from app.localities import service as localities_service
from app.localities import tree
from app.models import (
    ChangeLogEntry,
    Locality,
    Pathway,
    PathwayReview,
    ReviewRound,
    ReviewRoundPathway,
)
from app.models.base import PathwayStatus, Role, utcnow
from app.pathways import service as pathways_service
from app.reviews import cycle
from app.reviews.schemas import ReviewCyclePublic, ReviewDue, ReviewMark, ReviewPublic, ReviewsDue

_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_PATHWAY_REVIEW: Any = PathwayReview.__table__.c  # type: ignore[attr-defined]
_REVIEW_ROUND: Any = ReviewRound.__table__.c  # type: ignore[attr-defined]
_REVIEW_ROUND_PATHWAY: Any = ReviewRoundPathway.__table__.c  # type: ignore[attr-defined]
_CHANGE_LOG_ENTRY: Any = ChangeLogEntry.__table__.c  # type: ignore[attr-defined]


def get_cycle(session: Session, *, slug: str) -> ReviewCyclePublic:
    """A pathway's review interval."""
    return ReviewCyclePublic(
        pathway=slug, months=pathways_service.get_by_slug(session, slug).review_interval_months
    )


def set_cycle(
    session: Session, *, principal: Principal | None, slug: str, months: int | None
) -> ReviewCyclePublic:
    """Set (or clear) a pathway's review interval: an editor of a region, or an admin."""
    pathway = pathways_service.get_by_slug(session, slug)
    # The owner's editors keep its cycle (a region's for the region's pathways).
    owner = session.get(Locality, pathway.owner_id)
    assert owner is not None
    parents = locality_lookups.parents_by_code(session)
    authorize(principal, Role.editor, tree.chain(parents, owner.code))
    pathway.review_interval_months = months
    pathway.updated_at = utcnow()
    session.add(pathway)
    session.commit()
    return ReviewCyclePublic(pathway=slug, months=months)


def mark_reviewed(
    session: Session, *, principal: Principal, code: str, slug: str, data: ReviewMark
) -> ReviewPublic:
    """Record that the locality has reviewed the pathway (editor in scope)."""
    today = utcnow().date()
    day = data.reviewed_on or today
    if day > today:
        raise Unprocessable("A review cannot be marked in the future.", loc=["body", "reviewed_on"])
    pathway = pathways_service.get_by_slug(session, slug)
    locality = localities_service.get_by_code(session, code)
    assert pathway.id is not None and locality.id is not None
    review = PathwayReview(
        pathway_id=pathway.id,
        locality_id=locality.id,
        reviewed_on=day,
        note=data.note,
        recorded_by=principal.name,
    )
    session.add(review)
    session.flush()
    assert review.id is not None
    answer = ReviewPublic(
        id=review.id,
        locality=code,
        pathway=slug,
        reviewed_on=day,
        note=data.note,
        recorded_by=principal.name,
    )
    session.commit()
    return answer


def _reviews(session: Session, now: datetime) -> dict[int, list[tuple[str, date]]]:
    """Per pathway: (locality, day) of every completed review, marks and closed rounds."""
    found: dict[int, list[tuple[str, date]]] = defaultdict(list)
    marks = select(_PATHWAY_REVIEW.pathway_id, _LOCALITY.code, _PATHWAY_REVIEW.reviewed_on).join(
        Locality.__table__,  # type: ignore[attr-defined]
        _LOCALITY.id == _PATHWAY_REVIEW.locality_id,
    )
    for pathway_id, code, day in session.execute(marks):
        found[pathway_id].append((code, day))
    rounds = (
        select(_REVIEW_ROUND_PATHWAY.pathway_id, _LOCALITY.code, _REVIEW_ROUND.closes_at)
        .join(ReviewRound.__table__, _REVIEW_ROUND.id == _REVIEW_ROUND_PATHWAY.round_id)  # type: ignore[attr-defined]
        .join(Locality.__table__, _LOCALITY.id == _REVIEW_ROUND.locality_id)  # type: ignore[attr-defined]
        .where(_REVIEW_ROUND.closes_at <= now)
    )
    for pathway_id, code, closes_at in session.execute(rounds):
        found[pathway_id].append((code, closes_at.astimezone(UTC).date()))
    return found


def reviews_due(
    session: Session, *, code: str, within_days: int, now: datetime | None = None
) -> ReviewsDue:
    """What is due or overdue in the subtree: per pathway with a cycle, the locality
    itself and every locality below it that has held reviews of its own."""
    now = now or utcnow()
    today = now.astimezone(UTC).date()
    parents = locality_lookups.parents_by_code(session)
    if code not in parents:
        raise NotFound(f"There is no locality '{code}'.")
    subtree = tree.subtree(parents, code)
    in_subtree = set(subtree)
    pathways = session.execute(
        select(
            _PATHWAY.id,
            _PATHWAY.slug,
            _PATHWAY.title,
            _PATHWAY.review_interval_months,
            _PATHWAY.created_at,
        )
        .where(
            _PATHWAY.review_interval_months.is_not(None),
            _PATHWAY.status == PathwayStatus.published.value,
        )
        .order_by(_PATHWAY.slug)
    ).all()
    reviews = _reviews(session, now) if pathways else {}
    # Only pathways in use in the subtree: owned or adopted on its chain or inside it.
    places = in_subtree | set(tree.chain(parents, code))
    ids = {loc_id: c for c, loc_id in _ids_by_code(session).items()}
    owners = adoption_queries.owner_ids(session)
    adopted = adoption_queries.every_adoption(session)
    items = []
    for p in pathways:
        users = {owners[p.id], *adopted.get(p.id, ())}
        if not any(ids.get(u) in places for u in users):
            continue
        held = reviews.get(p.id, [])
        reviewers = [
            code,
            *sorted({c for c, _ in held if c in in_subtree and c != code}, key=subtree.index),
        ]
        for reviewer in reviewers:
            last = cycle.last_review(held, tree.chain(parents, reviewer))
            due = cycle.due_on(last, p.created_at.astimezone(UTC).date(), p.review_interval_months)
            status = cycle.status_of(due, today, within_days=within_days)
            if status is cycle.ReviewStatus.ok:
                continue
            items.append(
                ReviewDue(
                    locality=reviewer,
                    pathway=p.slug,
                    title=p.title,
                    interval_months=p.review_interval_months,
                    last_reviewed_on=last,
                    due_on=due,
                    status=status,
                    days_overdue=max(0, (today - due).days),
                )
            )
    items.sort(key=lambda i: (i.due_on, i.pathway, i.locality))
    return ReviewsDue(locality=code, within_days=within_days, items=items)


def _ids_by_code(session: Session) -> dict[str, int]:
    return {
        code: loc_id for loc_id, code in session.execute(select(_LOCALITY.id, _LOCALITY.code)).all()
    }


def _due_ids(session: Session, now: datetime) -> list[ReviewDue]:
    parents = locality_lookups.parents_by_code(session)
    due: list[ReviewDue] = []
    for root in sorted(c for c, parent in parents.items() if parent is None):
        due.extend(
            i
            for i in reviews_due(session, code=root, within_days=0, now=now).items
            if i.due_on <= now.astimezone(UTC).date()
        )
    return due


def _entity_id(item: ReviewDue) -> str:
    return f"{item.pathway}@{item.locality}/{item.due_on.isoformat()}"


def announce_due(*, now: datetime | None = None) -> int:
    """Log a `review.due` for each review that has fallen due (once each); how many."""
    now = now or utcnow()
    with open_session(write=False) as probe:
        if (
            probe.execute(
                select(_PATHWAY.id).where(_PATHWAY.review_interval_months.is_not(None))
            ).first()
            is None
        ):
            return 0
        due = _due_ids(probe, now)
        if not due:
            return 0
        known = set(
            probe.execute(
                select(_CHANGE_LOG_ENTRY.entity_id).where(
                    _CHANGE_LOG_ENTRY.entity_id.in_([_entity_id(i) for i in due])
                )
            ).scalars()
        )
    fresh = [i for i in due if _entity_id(i) not in known]
    if not fresh:
        return 0
    with open_session(write=True) as session:
        # The log's lock, then look again: two deliverers never announce one twice.
        lock_log(session)
        ids = [_entity_id(i) for i in fresh]
        known = set(
            session.execute(
                select(_CHANGE_LOG_ENTRY.entity_id).where(_CHANGE_LOG_ENTRY.entity_id.in_(ids))
            ).scalars()
        )
        count = 0
        for item in fresh:
            if _entity_id(item) in known:
                continue
            record_change(
                session,
                entity="review",
                action="due",
                entity_id=_entity_id(item),
                locality=item.locality,
                pathway=item.pathway,
                cause="review",
                at=datetime.combine(item.due_on, datetime.min.time(), tzinfo=UTC),
            )
            count += 1
        session.commit()
        return count
