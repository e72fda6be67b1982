"""Routes of change proposals: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.models.base import CODE_PATTERN, Section
from app.proposals import queries, service
from app.proposals.schemas import (
    AcceptBody,
    CommentCreate,
    CommentPublic,
    ProposalCreate,
    ProposalDetail,
    ProposalPage,
    RejectBody,
    WithdrawBody,
)
from app.proposals.workflow import Status

router = APIRouter(prefix="/change-proposals", tags=["change proposals"])

IdPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="The proposal's id.")]
CodeQuery = Annotated[str | None, Query(pattern=CODE_PATTERN)]


def _private(request: Request, data: object, status_code: int = 200) -> Response:
    return json_response(request, data, status_code=status_code, public=False)


@router.post(
    "",
    operation_id="create_change_proposal",
    summary="Propose a change to one layer of one slot (contributor on the target's chain)",
    description=(
        "A contributor proposes to its own locality, to any layer below it, and up its "
        "own chain: a Bergen (`4601`) contributor may propose a new base text for the "
        'region (`"locality": "helse-vest"`) or its health community\'s layer. '
        "Never sideways: another municipality's layer is `403`. The proposal records "
        "where its proposer works (`proposer_locality`); the decision belongs to an "
        "editor whose scope covers the target layer."
    ),
    status_code=201,
    response_model=ProposalDetail,
    responses=problem_responses(401, 403, 409, 422),
)
def create_change_proposal(
    request: Request, session: SessionDep, principal: PrincipalDep, data: ProposalCreate
) -> Response:
    proposal = service.create(
        session, principal=principal, data=data, default_lang=get_settings().default_lang
    )
    response = _private(request, proposal, 201)
    response.headers["Location"] = f"/v1/change-proposals/{proposal.id}"
    return response


@router.get(
    "",
    operation_id="list_change_proposals",
    summary="Proposals in the key's scope (and the key's own), oldest first",
    description=(
        "A key reads the proposals to the layers of its subtree, those its subtree's "
        "people sent up the chain, and its own. `mine=true` keeps only the key's own "
        "(follow them: status and `decision_note`). A regional editor lists the open "
        "proposals of one slot with `status=submitted&pathway=angst&"
        "service_type=helsestasjon&section=assessment`; each names its "
        "`proposer_locality`."
    ),
    response_model=ProposalPage,
    responses=problem_responses(401, 422),
)
def list_change_proposals(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    status: Status | None = None,
    locality: CodeQuery = None,
    pathway: CodeQuery = None,
    round: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    service_type: Annotated[
        str | None,
        Query(pattern=CODE_PATTERN, description="Only proposals for this service type's slots."),
    ] = None,
    section: Annotated[
        Section | None, Query(description="Only proposals for this section.")
    ] = None,
    mine: Annotated[
        bool, Query(description="Only the proposals this key submitted (follow your own).")
    ] = False,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = queries.list_proposals(
        session,
        principal=principal,
        status=status,
        locality=locality,
        pathway=pathway,
        round_id=round,
        limit=limit,
        cursor=cursor,
        service_type=service_type,
        section=section.value if section is not None else None,
        mine=mine,
    )
    return _private(request, ProposalPage(items=items, next_cursor=next_cursor))


@router.get(
    "/{proposal_id}",
    operation_id="get_change_proposal",
    summary="One proposal with its comments",
    response_model=ProposalDetail,
    responses=problem_responses(401, 403, 404, 422),
)
def get_change_proposal(
    request: Request, session: SessionDep, principal: PrincipalDep, proposal_id: IdPath
) -> Response:
    return _private(request, queries.get(session, proposal_id=proposal_id, principal=principal))


@router.post(
    "/{proposal_id}/comments",
    operation_id="comment_change_proposal",
    summary="Comment on a submitted proposal",
    status_code=201,
    response_model=CommentPublic,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def comment_change_proposal(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    proposal_id: IdPath,
    data: CommentCreate,
) -> Response:
    note = service.comment(session, proposal_id=proposal_id, principal=principal, text=data.text)
    return _private(request, note, 201)


@router.post(
    "/{proposal_id}/accept",
    operation_id="accept_change_proposal",
    summary="Publish the proposal as a new revision (editor in scope)",
    response_model=ProposalDetail,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def accept_change_proposal(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    proposal_id: IdPath,
    data: AcceptBody | None = None,
) -> Response:
    proposal = service.accept(
        session, proposal_id=proposal_id, principal=principal, data=data or AcceptBody()
    )
    return _private(request, proposal)


@router.post(
    "/{proposal_id}/reject",
    operation_id="reject_change_proposal",
    summary="Turn the proposal down with a reason (editor in scope)",
    response_model=ProposalDetail,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def reject_change_proposal(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    proposal_id: IdPath,
    data: RejectBody,
) -> Response:
    proposal = service.reject(session, proposal_id=proposal_id, principal=principal, note=data.note)
    return _private(request, proposal)


@router.post(
    "/{proposal_id}/withdraw",
    operation_id="withdraw_change_proposal",
    summary="Take one's own proposal back (its proposer)",
    response_model=ProposalDetail,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def withdraw_change_proposal(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    proposal_id: IdPath,
    data: WithdrawBody | None = None,
) -> Response:
    proposal = service.withdraw(
        session, proposal_id=proposal_id, principal=principal, note=data.note if data else None
    )
    return _private(request, proposal)
