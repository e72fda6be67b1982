"""Routes of review cycles: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app.core.auth import Principal, PrincipalDep, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.models.base import CODE_PATTERN, Role
from app.reviews import service
from app.reviews.schemas import ReviewCycle, ReviewCyclePublic, ReviewMark, ReviewPublic, ReviewsDue

router = APIRouter(tags=["reviews"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
SlugPath = Annotated[str, Path(pattern=CODE_PATTERN, description="Pathway slug, e.g. `angst`.")]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]
Reader = Annotated[Principal, Depends(requires(Role.reader, locality_param="code"))]


@router.put(
    "/pathways/{slug}/review-cycle",
    operation_id="set_review_cycle",
    summary="Set how often a pathway is reviewed (editor of a region, or admin)",
    response_model=ReviewCyclePublic,
    responses=problem_responses(401, 403, 404, 422),
)
def set_review_cycle(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    slug: SlugPath,
    data: ReviewCycle,
) -> Response:
    answer = service.set_cycle(session, principal=principal, slug=slug, months=data.months)
    return json_response(request, answer, public=False)


@router.post(
    "/localities/{code}/pathways/{slug}/reviews",
    operation_id="mark_reviewed",
    summary="Mark that the locality has reviewed the pathway (editor in scope)",
    description="A review round closing counts as a review too, without a mark.",
    status_code=201,
    response_model=ReviewPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def mark_reviewed(
    request: Request,
    session: SessionDep,
    principal: Editor,
    code: CodePath,
    slug: SlugPath,
    data: ReviewMark,
) -> Response:
    answer = service.mark_reviewed(session, principal=principal, code=code, slug=slug, data=data)
    return json_response(request, answer, status_code=201, public=False)


@router.get(
    "/localities/{code}/reviews-due",
    operation_id="list_reviews_due",
    summary="Reviews due or overdue in the locality's subtree (reader in scope)",
    response_model=ReviewsDue,
    responses=problem_responses(401, 403, 404, 422),
)
def list_reviews_due(
    request: Request,
    session: SessionDep,
    principal: Reader,
    code: CodePath,
    within_days: Annotated[
        int, Query(ge=0, le=366, description="Also list reviews due within this many days.")
    ] = 30,
) -> Response:
    answer = service.reviews_due(session, code=code, within_days=within_days)
    return json_response(request, answer, public=False)
