"""Routes of adoption: thin, one service call each."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from app.adoptions import service
from app.adoptions.schemas import AdoptionCreate, AdoptionPage, AdoptionPublic
from app.core.auth import Principal, requires
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.http import json_response
from app.localities import service as localities_service
from app.models.base import CODE_PATTERN, Role
from app.pathways.deps import PathwayDep, SlugPath

router = APIRouter(tags=["adoptions"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4601`.")]
Editor = Annotated[Principal, Depends(requires(Role.editor, locality_param="code"))]


@router.get(
    "/pathways/{slug}/adoptions",
    operation_id="list_pathway_adoptions",
    summary="The localities outside the owner's subtree that use a pathway",
    response_model=AdoptionPage,
    responses=problem_responses(404),
)
def list_adoptions(request: Request, session: SessionDep, pathway: PathwayDep) -> Response:
    items = service.list_adoptions(session, pathway=pathway)
    return json_response(request, AdoptionPage(items=items, next_cursor=None))


@router.post(
    "/localities/{code}/adoptions",
    operation_id="adopt_pathway",
    summary="Adopt another owner's pathway (editor in scope)",
    status_code=201,
    response_model=AdoptionPublic,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def adopt_pathway(
    request: Request,
    session: SessionDep,
    editor: Editor,
    code: CodePath,
    data: AdoptionCreate,
) -> Response:
    locality = localities_service.get_by_code(session, code)
    adoption = service.adopt(session, locality=locality, slug=data.pathway, actor=editor.name)
    return json_response(
        request,
        adoption,
        status_code=201,
        public=False,
        headers={"Location": f"/v1/pathways/{data.pathway}/adoptions"},
    )


@router.delete(
    "/localities/{code}/adoptions/{slug}",
    operation_id="unadopt_pathway",
    summary="Give up an adopted pathway (editor in scope)",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 403, 404),
)
def unadopt_pathway(session: SessionDep, _: Editor, code: CodePath, slug: SlugPath) -> Response:
    locality = localities_service.get_by_code(session, code)
    service.unadopt(session, locality=locality, slug=slug)
    return Response(status_code=204)
