"""Reading change proposals: one with its comments, and lists in the key's scope."""

from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from app.catalog.lookups import service_types_by_code
from app.core.auth import Principal
from app.core.errors import Forbidden, NotFound, Unauthorized, Unprocessable
from app.core.pagination import keyset_page
from app.localities.lookups import chain_of, subtree_ids
from app.models import ChangeProposal, ProposalComment
from app.models.base import Role
from app.pathways.lookups import pathway_by_slug
from app.proposals.schemas import CommentPublic, ProposalDetail, ProposalPublic, TrafficLight
from app.proposals.workflow import Status
from app.texts import held_shapes, slots

_CHANGE_PROPOSAL: Any = ChangeProposal.__table__.c  # type: ignore[attr-defined]


def _to_public(
    p: ChangeProposal, locs: dict[int, str], paths: dict[int, str], types: dict[int, str]
) -> ProposalPublic:
    assert p.id is not None
    return ProposalPublic(
        id=p.id,
        status=Status(p.status),
        locality=locs[p.locality_id],
        pathway=paths[p.pathway_id],
        service_type=types[p.service_type_id],
        section=p.section,
        lang=p.lang,
        mode=p.mode,
        text=p.text,
        rationale=p.rationale,
        service_work=p.service_work,
        traffic_light=TrafficLight(p.traffic_light) if p.traffic_light else None,
        proposer=p.proposer,
        proposer_locality=p.proposer_locality,
        based_on=p.based_on,
        round=p.round_id,
        created_at=p.created_at,
        updated_at=p.updated_at,
        decided_by=p.decided_by,
        decided_at=p.decided_at,
        decision_note=p.decision_note,
        revision=p.revision_id,
    )


def lookups(session: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Locality codes, pathway slugs and service type codes by id, as held."""
    return (
        held_shapes.locality_codes(session),
        held_shapes.pathway_slugs(session),
        held_shapes.service_type_codes(session),
    )


def detail(session: Session, proposal: ChangeProposal) -> ProposalDetail:
    """One proposal with its comments, oldest first."""
    public = _to_public(proposal, *lookups(session))
    comments = session.execute(
        select(ProposalComment)
        .where(ProposalComment.proposal_id == proposal.id)  # type: ignore[arg-type]
        .order_by(ProposalComment.id)  # type: ignore[arg-type]
    ).scalars()
    return ProposalDetail(
        **public.model_dump(),
        comments=[
            CommentPublic(id=c.id, author=c.author, text=c.text, created_at=c.created_at)
            for c in comments
            if c.id is not None
        ],
    )


def _visible_ids(session: Session, principal: Principal) -> set[int] | None:
    """The layers whose proposals this key reads; None for all of them."""
    if principal.role is Role.admin or principal.scope is None:
        return None
    return subtree_ids(session, principal.scope)


def list_proposals(
    session: Session,
    *,
    principal: Principal | None,
    status: Status | None,
    locality: str | None,
    pathway: str | None,
    round_id: int | None,
    limit: int,
    cursor: str | None,
    service_type: str | None = None,
    section: str | None = None,
    mine: bool = False,
) -> tuple[list[ProposalPublic], str | None]:
    """A page of the proposals this key may read, oldest first, filtered.

    A key reads the proposals to the layers of its subtree, those its subtree's people sent
    up the chain (to the region's base text, say), and its own.
    """
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    stmt = select(ChangeProposal)
    names = lookups(session)
    visible = _visible_ids(session, principal)
    if visible is not None:
        stmt = stmt.where(
            or_(
                _CHANGE_PROPOSAL.locality_id.in_(visible),
                _CHANGE_PROPOSAL.proposer_locality.in_([names[0][i] for i in visible]),
                _CHANGE_PROPOSAL.proposer == principal.name,
            )
        )
    if mine:
        stmt = stmt.where(_CHANGE_PROPOSAL.proposer == principal.name)
    if service_type is not None:
        st = service_types_by_code(session, [service_type]).get(service_type)
        if st is None:
            raise Unprocessable(
                f"There is no service type '{service_type}'.", loc=["query", "service_type"]
            )
        stmt = stmt.where(_CHANGE_PROPOSAL.service_type_id == st.id)
    if section is not None:
        stmt = stmt.where(_CHANGE_PROPOSAL.section == section)
    if status is not None:
        stmt = stmt.where(_CHANGE_PROPOSAL.status == status.value)
    if locality is not None:
        chain = chain_of(session, locality)
        if not chain:
            raise Unprocessable(f"There is no locality '{locality}'.", loc=["query", "locality"])
        stmt = stmt.where(_CHANGE_PROPOSAL.locality_id == chain[-1].id)
    if pathway is not None:
        path = pathway_by_slug(session, pathway)
        if path is None:
            raise Unprocessable(f"There is no pathway '{pathway}'.", loc=["query", "pathway"])
        stmt = stmt.where(_CHANGE_PROPOSAL.pathway_id == path.id)
    if round_id is not None:
        stmt = stmt.where(_CHANGE_PROPOSAL.round_id == round_id)
    rows, next_cursor = keyset_page(
        session, stmt, _CHANGE_PROPOSAL.id, lambda p: p.id, limit=limit, cursor=cursor, key_type=int
    )
    return [_to_public(p, *names) for p in rows], next_cursor


def load(session: Session, proposal_id: int, *, for_update: bool = False) -> ChangeProposal:
    stmt = select(ChangeProposal).where(_CHANGE_PROPOSAL.id == proposal_id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    proposal = session.execute(stmt).scalars().first()
    if proposal is None:
        raise NotFound(f"There is no change proposal {proposal_id}.")
    return proposal


def slot_of(session: Session, proposal: ChangeProposal) -> slots.Slot:
    locs, paths, types = lookups(session)
    chain = held_shapes.chain_of(session, locs[proposal.locality_id])
    path = held_shapes.pathway_by_slug(session, paths[proposal.pathway_id])
    st = held_shapes.service_type_by_code(session, types[proposal.service_type_id])
    assert path is not None and st is not None
    # A proposal stays readable after its locality gave the pathway up: then the tree's chain.
    layers = held_shapes.layers_in_use(session, chain, [path.id]).get(path.id) or chain
    return slots.Slot(layers, path, st, proposal.section, scope=tuple(loc.code for loc in chain))


def _may_read(
    session: Session, principal: Principal, proposal: ChangeProposal, slot: slots.Slot
) -> bool:
    if principal.name == proposal.proposer or principal.has(Role.reader, slot.scope_codes):
        return True
    # Sent up the chain from the key's subtree (a municipal editor follows Bergen's ideas).
    origin = proposal.proposer_locality
    return origin is not None and principal.has(
        Role.reader, [loc.code for loc in chain_of(session, origin)]
    )


def get(session: Session, *, proposal_id: int, principal: Principal | None) -> ProposalDetail:
    """One proposal with its comments (reader in scope, or its proposer)."""
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    proposal = load(session, proposal_id)
    if not _may_read(session, principal, proposal, slot_of(session, proposal)):
        raise Forbidden(f"The key '{principal.name}' may not read change proposal {proposal_id}.")
    return detail(session, proposal)
