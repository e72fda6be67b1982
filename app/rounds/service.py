"""Use-cases of review rounds: create, read, list, assessments and the matrix.

Reading a round is for keys related to its health community: scoped to it or above it
(readers in scope), or to one of its municipalities (they take part in it). Assessments
are set by a contributor in scope of the municipality, while the round is open.
"""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.catalog.lookups import pathway_service_types
from app.core.auth import Principal, authorize
from app.core.db import commit_answer
from app.core.errors import Forbidden, NotFound, Unauthorized, Unprocessable
from app.core.pagination import keyset_page
from app.localities.lookups import LocalityRow, chain_of, chain_or_404, subtree_ids
from app.models import (
    Assessment,
    ChangeProposal,
    Locality,
    Pathway,
    ReviewRound,
    ReviewRoundPathway,
    ServiceType,
)
from app.models.base import LocalityKind, Role, utcnow
from app.pathways.lookups import PathwayRow, pathway_by_slug
from app.proposals.service import round_open
from app.rounds import matrix as matrix_core
from app.rounds.schemas import (
    AssessmentPublic,
    AssessmentPut,
    Matrix,
    RoundCreate,
    RoundPublic,
)

_REVIEW_ROUND: Any = ReviewRound.__table__.c  # type: ignore[attr-defined]
_REVIEW_ROUND_PATHWAY: Any = ReviewRoundPathway.__table__.c  # type: ignore[attr-defined]
_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_ASSESSMENT: Any = Assessment.__table__.c  # type: ignore[attr-defined]
_CHANGE_PROPOSAL: Any = ChangeProposal.__table__.c  # type: ignore[attr-defined]
_SERVICE_TYPE: Any = ServiceType.__table__.c  # type: ignore[attr-defined]


def _need_key(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    return principal


def community_or_404(session: Session, code: str) -> list[LocalityRow]:
    """The chain of a health community; 404 unknown, 422 when it is another kind."""
    chain = chain_or_404(session, code)
    if chain[-1].kind != LocalityKind.health_community.value:
        raise Unprocessable(
            f"Review rounds belong to a health community; '{code}' is a {chain[-1].kind}.",
            loc=["path", "code"],
        )
    return chain


def get_round(session: Session, round_id: int) -> ReviewRound:
    """The round, or 404."""
    review_round = session.get(ReviewRound, round_id)
    if review_round is None:
        raise NotFound(f"There is no review round {round_id}.")
    return review_round


def round_pathways(session: Session, round_id: int) -> list[PathwayRow]:
    """The round's pathways in its order."""
    rows = session.execute(
        select(_PATHWAY.slug)
        .join_from(ReviewRoundPathway.__table__, Pathway.__table__)  # type: ignore[attr-defined]
        .where(_REVIEW_ROUND_PATHWAY.round_id == round_id)
        .order_by(_REVIEW_ROUND_PATHWAY.position)
    ).scalars()
    found = [pathway_by_slug(session, slug) for slug in rows]
    return [p for p in found if p is not None]


def municipalities(session: Session, community_id: int) -> list[Locality]:
    """The municipalities in the community's subtree, by code."""
    code = session.get(Locality, community_id)
    assert code is not None
    ids = subtree_ids(session, code.code)
    return list(
        session.execute(
            select(Locality)
            .where(_LOCALITY.id.in_(ids), _LOCALITY.kind == LocalityKind.municipality.value)
            .order_by(_LOCALITY.code)
        ).scalars()
    )


def may_read(session: Session, principal: Principal, community_id: int) -> bool:
    """Readers scoped to the community or above, or to one of its municipalities."""
    community = session.get(Locality, community_id)
    assert community is not None
    chain = [loc.code for loc in chain_of(session, community.code)]
    if principal.has(Role.reader, chain):
        return True
    return principal.scope is not None and principal.scope in {
        m.code for m in municipalities(session, community_id)
    }


def _status(review_round: ReviewRound, now: datetime) -> str:
    return (
        "upcoming"
        if now < review_round.opens_at
        else "open"
        if now < review_round.closes_at
        else "closed"
    )


def to_public(session: Session, review_round: ReviewRound) -> RoundPublic:
    """The API shape of a round."""
    assert review_round.id is not None
    community = session.get(Locality, review_round.locality_id)
    assert community is not None
    return RoundPublic(
        id=review_round.id,
        locality=community.code,
        title=review_round.title,
        opens_at=review_round.opens_at,
        closes_at=review_round.closes_at,
        status=_status(review_round, utcnow()),
        pathways=[p.slug for p in round_pathways(session, review_round.id)],
        municipalities=[m.code for m in municipalities(session, review_round.locality_id)],
        created_by=review_round.created_by,
        created_at=review_round.created_at,
    )


def create_round(
    session: Session, *, principal: Principal | None, code: str, data: RoundCreate
) -> RoundPublic:
    """Open a review round of chosen pathways in a health community (editor in scope)."""
    chain = community_or_404(session, code)
    authorize(_need_key(principal), Role.editor, [loc.code for loc in chain])
    assert principal is not None
    pathway_ids = []
    for i, slug in enumerate(data.pathways):
        pathway = pathway_by_slug(session, slug)
        if pathway is None:
            raise Unprocessable(f"There is no pathway '{slug}'.", loc=["body", "pathways", i])
        if pathway.status == "retired":
            raise Unprocessable(f"The pathway '{slug}' is retired.", loc=["body", "pathways", i])
        pathway_ids.append(pathway.id)
    review_round = ReviewRound(
        locality_id=chain[-1].id,
        title=data.title,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        created_by=principal.name,
    )
    session.add(review_round)
    session.flush()
    assert review_round.id is not None
    for pos, pathway_id in enumerate(pathway_ids):
        session.add(
            ReviewRoundPathway(round_id=review_round.id, pathway_id=pathway_id, position=pos)
        )
    return commit_answer(session, lambda: to_public(session, review_round))


def read_round(session: Session, *, principal: Principal | None, round_id: int) -> RoundPublic:
    """One round, for a key related to its community."""
    key = _need_key(principal)
    review_round = get_round(session, round_id)
    if not may_read(session, key, review_round.locality_id):
        raise Forbidden(f"The key '{key.name}' may not read review round {round_id}.")
    return to_public(session, review_round)


def list_rounds(
    session: Session, *, principal: Principal | None, code: str, limit: int, cursor: str | None
) -> tuple[list[RoundPublic], str | None]:
    """The community's rounds, oldest first."""
    key = _need_key(principal)
    chain = community_or_404(session, code)
    if not may_read(session, key, chain[-1].id):
        raise Forbidden(f"The key '{key.name}' may not read the review rounds of '{code}'.")
    stmt = select(ReviewRound).where(_REVIEW_ROUND.locality_id == chain[-1].id)
    rows, next_cursor = keyset_page(
        session, stmt, _REVIEW_ROUND.id, lambda r: r.id, limit=limit, cursor=cursor, key_type=int
    )
    return [to_public(session, r) for r in rows], next_cursor


def municipality_in_round(
    session: Session, review_round: ReviewRound, code: str, *, loc: list[str | int]
) -> Locality:
    """A municipality taking part in the round; 404 unknown, 422 outside the round."""
    found = session.execute(select(Locality).where(_LOCALITY.code == code)).scalars().first()
    if found is None:
        raise NotFound(f"There is no locality '{code}'.")
    if found.id not in {m.id for m in municipalities(session, review_round.locality_id)}:
        raise Unprocessable(
            f"'{code}' is not a municipality of review round {review_round.id}'s health community.",
            loc=loc,
        )
    return found


def upsert_assessment(
    session: Session,
    *,
    review_round: ReviewRound,
    municipality: Locality,
    pathway_id: int,
    service_type_id: int,
    traffic_light: str,
    note: str | None,
    author: str,
    now: datetime,
) -> tuple[Assessment, str]:
    """Set one traffic light: `created`, `changed` or `unchanged`. The caller commits."""
    held = (
        session.execute(
            select(Assessment).where(
                _ASSESSMENT.round_id == review_round.id,
                _ASSESSMENT.municipality_id == municipality.id,
                _ASSESSMENT.pathway_id == pathway_id,
                _ASSESSMENT.service_type_id == service_type_id,
            )
        )
        .scalars()
        .first()
    )
    if held is not None and held.traffic_light == traffic_light and held.note == note:
        return held, "unchanged"
    outcome = "changed" if held is not None else "created"
    if held is None:
        assert review_round.id is not None and municipality.id is not None
        held = Assessment(
            round_id=review_round.id,
            municipality_id=municipality.id,
            pathway_id=pathway_id,
            service_type_id=service_type_id,
            traffic_light=traffic_light,
            note=note,
            author=author,
            updated_at=now,
        )
    else:
        held.traffic_light, held.note, held.author, held.updated_at = (
            traffic_light,
            note,
            author,
            now,
        )
    session.add(held)
    session.flush()
    return held, outcome


def put_assessment(
    session: Session,
    *,
    principal: Principal | None,
    round_id: int,
    municipality: str,
    pathway: str,
    service_type: str,
    data: AssessmentPut,
) -> tuple[AssessmentPublic, bool]:
    """A municipality's traffic light for one service of one pathway (contributor in scope)."""
    key = _need_key(principal)
    review_round = get_round(session, round_id)
    place = municipality_in_round(session, review_round, municipality, loc=["path", "municipality"])
    authorize(key, Role.contributor, [loc.code for loc in chain_of(session, place.code)])
    path = next((p for p in round_pathways(session, round_id) if p.slug == pathway), None)
    if path is None:
        raise NotFound(f"The pathway '{pathway}' is not part of review round {round_id}.")
    st = next((s for s in pathway_service_types(session, path.id) if s.code == service_type), None)
    if st is None:
        raise NotFound(f"The service type '{service_type}' takes no part in '{pathway}'.")
    now = utcnow()
    round_open(review_round, now)
    held, outcome = upsert_assessment(
        session,
        review_round=review_round,
        municipality=place,
        pathway_id=path.id,
        service_type_id=st.id,
        traffic_light=data.traffic_light.value,
        note=data.note,
        author=key.name,
        now=now,
    )
    session.commit()
    return (
        AssessmentPublic(
            round=round_id,
            municipality=place.code,
            pathway=path.slug,
            service_type=st.code,
            traffic_light=data.traffic_light,
            note=held.note,
            author=held.author,
            updated_at=held.updated_at,
        ),
        outcome == "created",
    )


def build_matrix(session: Session, *, principal: Principal | None, round_id: int) -> Matrix:
    """The round's traffic lights and proposal counts per pathway × service × municipality."""
    key = _need_key(principal)
    review_round = get_round(session, round_id)
    if not may_read(session, key, review_round.locality_id):
        raise Forbidden(f"The key '{key.name}' may not read review round {round_id}.")
    pathways = round_pathways(session, round_id)
    places = municipalities(session, review_round.locality_id)
    types = {
        r[0]: r[1] for r in session.execute(select(_SERVICE_TYPE.id, _SERVICE_TYPE.code)).all()
    }
    slugs = {p.id: p.slug for p in pathways}
    codes = {m.id: m.code for m in places}
    assessments = {
        (slugs[a.pathway_id], types[a.service_type_id], codes[a.municipality_id]): (
            a.traffic_light,
            a.note,
        )
        for a in session.execute(
            select(Assessment).where(_ASSESSMENT.round_id == round_id)
        ).scalars()
        if a.pathway_id in slugs and a.municipality_id in codes
    }
    counts: dict[matrix_core.CellKey, dict[str, int]] = defaultdict(dict)
    grouped = session.execute(
        select(
            _CHANGE_PROPOSAL.pathway_id,
            _CHANGE_PROPOSAL.service_type_id,
            _CHANGE_PROPOSAL.locality_id,
            _CHANGE_PROPOSAL.status,
            func.count(),
        )
        .where(_CHANGE_PROPOSAL.round_id == round_id)
        .group_by(
            _CHANGE_PROPOSAL.pathway_id,
            _CHANGE_PROPOSAL.service_type_id,
            _CHANGE_PROPOSAL.locality_id,
            _CHANGE_PROPOSAL.status,
        )
    ).all()
    for pathway_id, st_id, loc_id, status, n in grouped:
        if pathway_id in slugs and loc_id in codes:
            counts[(slugs[pathway_id], types[st_id], codes[loc_id])][status] = n
    return matrix_core.build(
        round_id,
        [(p.slug, [s.code for s in pathway_service_types(session, p.id)]) for p in pathways],
        [(m.code, m.name) for m in places],
        assessments,
        counts,
    )
