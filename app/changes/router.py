"""The changes feed: what integrations poll to stay in step."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.changes import service
from app.changes.service import ChangePage
from app.core.auth import PrincipalDep
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.core.pagination import LimitQuery
from app.models.base import CODE_PATTERN

router = APIRouter(prefix="/changes", tags=["changes"])


@router.get(
    "",
    operation_id="list_changes",
    summary="Changes to published content after a sequence number",
    description="Oldest first. Each change has a `kind` (`text.upsert`, `text.delete`, "
    "`text.cancel`, …); deletions are tombstones (`tombstone: true`); a scheduled revision "
    "appears at its `valid_from` with `cause: scheduled`. The same changes are pushed as "
    "signed webhooks (`POST /v1/webhooks`).",
    response_model=ChangePage,
    responses=problem_responses(404, 422),
)
def list_changes(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    after: Annotated[
        int, Query(ge=0, le=2**31 - 1, description="The last `seq` you saw (0: from the start).")
    ] = (0),
    limit: LimitQuery = 50,
    locality: Annotated[
        str | None,
        Query(pattern=CODE_PATTERN, description="Only changes that alter this locality's views."),
    ] = None,
    include: Annotated[
        Literal["impact"] | None,
        Query(
            description="`impact`: add each change's impact (merged views changed, "
            "overrides left stale), computed from the state now; costs more per page."
        ),
    ] = None,
) -> Response:
    page = service.list_changes(
        session,
        after=after,
        limit=limit,
        locality=locality,
        internal=principal is not None,
        with_impact=include == "impact",
    )
    return json_response(request, page, public=principal is None)
