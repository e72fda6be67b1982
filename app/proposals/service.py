"""Use-cases of change proposals: submit, list, read, comment, accept, reject, withdraw.

A proposal's `based_on` is the revision its target stood at when it was written: the
layer's current published entry, or, when the layer had none, the inherited revision.
Accepting compares that with the target now (after taking the slot's lock) and refuses
with both texts when they differ, unless the reviewer sends a resolved text.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from app.changes.log import record_change
from app.core.auth import Principal, authorize
from app.core.db import commit_answer
from app.core.errors import Conflict, Forbidden, Unauthorized, Unprocessable
from app.models import (
    ChangeProposal,
    Locality,
    ProposalComment,
    ReviewRound,
    ReviewRoundPathway,
)
from app.models.base import Mode, Role, utcnow
from app.proposals.queries import detail, load, slot_of
from app.proposals.schemas import (
    AcceptBody,
    CommentPublic,
    ProposalCreate,
    ProposalDetail,
    TrafficLight,
)
from app.proposals.workflow import ACTOR, Action, Actor, IllegalTransition, Status, next_status
from app.texts import held_shapes, revisions, slots
from app.texts.merge import SECTIONS
from app.texts.schemas import TextWrite

_CHANGE_PROPOSAL: Any = ChangeProposal.__table__.c  # type: ignore[attr-defined]
_REVIEW_ROUND_PATHWAY: Any = ReviewRoundPathway.__table__.c  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Draft:
    """A proposal about to be stored: what it says, independent of where it came from."""

    mode: Mode
    text: str | None
    lang: str
    rationale: str = ""
    service_work: str = ""
    traffic_light: TrafficLight | None = None


def resolve_target(
    session: Session, *, locality: str, pathway: str, service_type: str, section: str
) -> slots.Slot:
    """The targeted layer and slot; unknown names are a 422 on the body field that names them.
    The tree, pathways, catalogue and adoptions are read as held (`held_shapes`)."""
    chain = held_shapes.chain_of(session, locality)
    if not chain:
        raise Unprocessable(f"There is no locality '{locality}'.", loc=["body", "locality"])
    path = held_shapes.pathway_by_slug(session, pathway)
    if path is None:
        raise Unprocessable(f"There is no pathway '{pathway}'.", loc=["body", "pathway"])
    if path.status == "retired":
        raise Unprocessable(
            f"The pathway '{pathway}' is retired and takes no proposals.", loc=["body", "pathway"]
        )
    st = held_shapes.service_type_by_code(session, service_type)
    if st is None:
        raise Unprocessable(
            f"There is no service type '{service_type}'.", loc=["body", "service_type"]
        )
    if section not in SECTIONS:
        raise Unprocessable(f"There is no section '{section}'.", loc=["body", "section"])
    layers = held_shapes.layers_in_use(session, chain, [path.id]).get(path.id)
    if layers is None:
        raise Unprocessable(
            f"The pathway '{pathway}' is not in use in '{locality}': it belongs to another "
            "owner, and no locality above has adopted it.",
            loc=["body", "locality"],
        )
    return slots.Slot(layers, path, st, section, scope=tuple(loc.code for loc in chain))


def on_own_chain(session: Session, principal: Principal, slot: slots.Slot) -> bool:
    """True when the target layer is one the key's locality merges: its own, an ancestor's,
    or the owner's base layer of a pathway adopted above it."""
    if principal.scope is None:
        return True
    chain = held_shapes.chain_of(session, principal.scope)
    layers = held_shapes.layers_in_use(session, chain, [slot.pathway.id]).get(slot.pathway.id)
    layers = layers or chain
    return slot.layer.code in [loc.code for loc in layers]


def authorize_proposer(session: Session, principal: Principal, slot: slots.Slot) -> None:
    """A contributor proposes to its subtree and up its own chain (the region's base text,
    its health community), never sideways to another locality's layer."""
    if principal.has(Role.contributor, slot.scope_codes):
        return
    own = None if principal.scope is None else [principal.scope]
    if principal.has(Role.contributor, own) and on_own_chain(session, principal, slot):
        return
    raise Forbidden(
        f"The key '{principal.name}' may propose to '{principal.scope}', the layers above it "
        f"and below it, not to '{slot.layer.code}' (needs contributor there)."
    )


def target_revision(state: slots.LayerState) -> int | None:
    """Where the target stands: the layer's current entry, else what it inherits."""
    return state.entry.revision if state.entry is not None else state.inherited_revision


def round_open(review_round: ReviewRound, now: datetime) -> None:
    """A round takes proposals and assessments only between its opening and closing."""
    if now < review_round.opens_at:
        raise Conflict(
            f"The review round {review_round.id} opens at {review_round.opens_at.isoformat()}."
        )
    if now >= review_round.closes_at:
        raise Conflict(
            f"The review round {review_round.id} closed at {review_round.closes_at.isoformat()}: "
            "it takes no new proposals or assessments."
        )


def check_round_target(session: Session, review_round: ReviewRound, slot: slots.Slot) -> None:
    """A round's proposals target its community's subtree and its pathways."""
    community = session.get(Locality, review_round.locality_id)
    assert community is not None
    if community.code not in slot.chain_codes:
        raise Unprocessable(
            f"The review round {review_round.id} is for '{community.code}'; "
            f"'{slot.layer.code}' is outside it.",
            loc=["body", "locality"],
        )
    pathway_ids = set(
        session.execute(
            select(_REVIEW_ROUND_PATHWAY.pathway_id).where(
                _REVIEW_ROUND_PATHWAY.round_id == review_round.id
            )
        ).scalars()
    )
    if slot.pathway.id not in pathway_ids:
        raise Unprocessable(
            f"The pathway '{slot.pathway.slug}' is not part of review round {review_round.id}.",
            loc=["body", "pathway"],
        )


def _log(session: Session, proposal: ChangeProposal, slot: slots.Slot) -> None:
    record_change(
        session,
        entity="proposal",
        action="upsert",
        entity_id=str(proposal.id),
        locality=slot.layer.code,
        pathway=slot.pathway.slug,
    )


def add_proposal(
    session: Session,
    *,
    slot: slots.Slot,
    principal: Principal,
    draft: Draft,
    based_on: int | None,
    round_id: int | None,
    now: datetime,
) -> ChangeProposal:
    """Store one proposal and log it; the caller commits."""
    _check_write(session, slot, draft.mode, draft.text, draft.lang, now)
    proposal = ChangeProposal(
        locality_id=slot.layer.id,
        pathway_id=slot.pathway.id,
        service_type_id=slot.service_type.id,
        section=slot.section,
        lang=draft.lang,
        mode=draft.mode.value,
        text=draft.text,
        rationale=draft.rationale,
        service_work=draft.service_work,
        traffic_light=draft.traffic_light.value if draft.traffic_light else None,
        proposer=principal.name,
        proposer_locality=principal.scope,
        based_on=based_on,
        round_id=round_id,
        created_at=now,
        updated_at=now,
    )
    session.add(proposal)
    session.flush()
    _log(session, proposal, slot)
    return proposal


def _commit_detail(session: Session, proposal: ChangeProposal) -> ProposalDetail:
    """Commit, answering with what the write transaction read (see `commit_answer`)."""
    return commit_answer(session, lambda: detail(session, proposal))


def _check_write(
    session: Session, slot: slots.Slot, mode: Mode, text: str | None, lang: str, now: datetime
) -> TextWrite:
    """The texts domain's own rules for a write to this layer (region: replace only, …)."""
    try:
        write = TextWrite.model_validate(
            {"mode": mode.value, "text": text, "lang": lang, "status": "published"}
        )
    except ValidationError as exc:
        msg = exc.errors()[0].get("msg", "The text does not fit the mode.")
        raise Unprocessable(str(msg).removeprefix("Value error, "), loc=["body", "text"]) from None
    revisions.validate_write(session, slot, write, now)
    return write


def create(
    session: Session, *, principal: Principal | None, data: ProposalCreate, default_lang: str
) -> ProposalDetail:
    """Submit a proposal (contributor in scope of the target), recording what it is based on."""
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    slot = resolve_target(
        session,
        locality=data.locality,
        pathway=data.pathway,
        service_type=data.service_type,
        section=data.section.value,
    )
    authorize_proposer(session, principal, slot)
    now = utcnow()
    if data.round is not None:
        review_round = session.get(ReviewRound, data.round)
        if review_round is None:
            raise Unprocessable(f"There is no review round {data.round}.", loc=["body", "round"])
        round_open(review_round, now)
        check_round_target(session, review_round, slot)
    lang = data.lang.value if data.lang else default_lang
    state = slots.load_state(session, slot, lang=lang, preview=False, at=now)
    draft = Draft(
        mode=data.mode,
        text=data.text,
        lang=lang,
        rationale=data.rationale,
        service_work=data.service_work,
        traffic_light=data.traffic_light,
    )
    proposal = add_proposal(
        session,
        slot=slot,
        principal=principal,
        draft=draft,
        based_on=target_revision(state),
        round_id=data.round,
        now=now,
    )
    return _commit_detail(session, proposal)


# --- moves -----------------------------------------------------------------------------


def _may(
    session: Session,
    principal: Principal,
    action: Action,
    proposal: ChangeProposal,
    slot: slots.Slot,
) -> None:
    """Raise unless the key is the actor the table names for this action."""
    actor = ACTOR[action]
    if actor is Actor.proposer:
        if principal.name != proposal.proposer:
            raise Forbidden(f"Only its proposer ('{proposal.proposer}') may withdraw a proposal.")
    elif actor is Actor.reviewer:
        authorize(principal, Role.editor, slot.scope_codes)
    elif principal.name != proposal.proposer:
        authorize_proposer(session, principal, slot)


def _move(proposal: ChangeProposal, action: Action) -> Status:
    try:
        return next_status(proposal.status, action)
    except IllegalTransition as exc:
        raise Conflict(str(exc)) from None


def _begin(
    session: Session, proposal_id: int, principal: Principal | None, action: Action
) -> tuple[ChangeProposal, slots.Slot]:
    if principal is None:
        raise Unauthorized("This needs an API key: send Authorization: Bearer <token>.")
    proposal = load(session, proposal_id)
    slot = slot_of(session, proposal)
    _may(session, principal, action, proposal, slot)
    return proposal, slot


def comment(
    session: Session, *, proposal_id: int, principal: Principal | None, text: str
) -> CommentPublic:
    """Add a comment to a submitted proposal (its proposer, or a contributor in scope)."""
    proposal, slot = _begin(session, proposal_id, principal, Action.comment)
    assert principal is not None
    proposal = load(session, proposal_id, for_update=True)
    _move(proposal, Action.comment)
    now = utcnow()
    note = ProposalComment(
        proposal_id=proposal_id, author=principal.name, text=text, created_at=now
    )
    session.add(note)
    proposal.updated_at = now
    session.add(proposal)
    session.flush()
    _log(session, proposal, slot)
    session.commit()
    assert note.id is not None
    return CommentPublic(id=note.id, author=note.author, text=note.text, created_at=now)


def _decide(
    session: Session,
    proposal: ChangeProposal,
    slot: slots.Slot,
    principal: Principal,
    status: Status,
    note: str | None,
    now: datetime,
) -> ProposalDetail:
    proposal.status = status.value
    proposal.decided_by = principal.name
    proposal.decided_at = now
    proposal.decision_note = note
    proposal.updated_at = now
    session.add(proposal)
    session.flush()
    _log(session, proposal, slot)
    return _commit_detail(session, proposal)


def reject(
    session: Session, *, proposal_id: int, principal: Principal | None, note: str
) -> ProposalDetail:
    """Turn a proposal down with a reason (editor in scope of its target)."""
    _, slot = _begin(session, proposal_id, principal, Action.reject)
    assert principal is not None
    proposal = load(session, proposal_id, for_update=True)
    status = _move(proposal, Action.reject)
    return _decide(session, proposal, slot, principal, status, note, utcnow())


def withdraw(
    session: Session, *, proposal_id: int, principal: Principal | None, note: str | None
) -> ProposalDetail:
    """Take one's own proposal back."""
    _, slot = _begin(session, proposal_id, principal, Action.withdraw)
    assert principal is not None
    proposal = load(session, proposal_id, for_update=True)
    status = _move(proposal, Action.withdraw)
    return _decide(session, proposal, slot, principal, status, note, utcnow())


def _conflict(state: slots.LayerState, proposal: ChangeProposal, now_at: int | None) -> Conflict:
    entry = state.entry
    current: dict[str, Any] = {
        "revision": now_at,
        "source": "entry" if entry is not None else "inherited",
        "mode": entry.mode if entry is not None else None,
        "text": entry.text if entry is not None else state.inherited.text,
        "inherited_text": state.inherited.text,
    }
    return Conflict(
        f"The target changed since the proposal was written (r{proposal.based_on} → r{now_at}): "
        "send the resolved text as `text` to accept it anyway.",
        extra={
            "based_on": proposal.based_on,
            "current": current,
            "proposed": {"mode": proposal.mode, "text": proposal.text},
        },
    )


def accept(
    session: Session, *, proposal_id: int, principal: Principal | None, data: AcceptBody
) -> ProposalDetail:
    """Publish the proposal as a new revision of its target, in one transaction."""
    _, slot = _begin(session, proposal_id, principal, Action.accept)
    assert principal is not None
    lang_row = load(session, proposal_id)
    # The writer takes the slot's lock first, then everything is read again: of two
    # accepts on one slot, the second sees the first's revision (and its status) and is refused.
    moved: list[tuple[ChangeProposal, Status]] = []

    def decide(state: slots.LayerState, now: datetime) -> revisions.Revision:
        proposal = load(session, proposal_id, for_update=True)
        status = _move(proposal, Action.accept)
        moved.append((proposal, status))
        if slot.pathway.status == "retired":
            raise Conflict(
                f"The pathway '{slot.pathway.slug}' is retired; nothing can be published."
            )
        now_at = target_revision(state)
        mode = Mode(proposal.mode)
        if data.text is not None and mode is Mode.hide:
            raise Unprocessable(
                "The proposal hides the slot: it takes no text.", loc=["body", "text"]
            )
        if now_at != proposal.based_on and data.text is None:
            raise _conflict(state, proposal, now_at)
        text = data.text if data.text is not None else proposal.text
        write = _check_write(session, slot, mode, text, proposal.lang, now)
        keeps_flag = (
            slot.at_region and state.entry is not None and state.entry.needs_local_adaptation
        )
        return revisions.Revision(
            mode=write.mode.value,
            text=write.text,
            based_on=None if slot.at_region else state.inherited_revision,
            needs_local_adaptation=keeps_flag,
            note=data.note or f"Endringsforslag #{proposal_id}",
            proposal_id=proposal_id,
        )

    written = revisions.write(
        session, slot, lang=lang_row.lang, author=principal.name, decide=decide, preview=False
    )
    assert written is not None
    proposal, status = moved[0]
    proposal.revision_id = written.revision.id
    now = written.now
    return _decide(session, proposal, slot, principal, status, data.note, now)
