"""`GET /v1/`: where a newcomer (or a script) finds the docs, the contract and the collections."""

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from app.core.http import json_response

router = APIRouter(tags=["index"])


class Link(BaseModel):
    href: str = Field(description="A path on this server.")
    title: str


class ApiIndex(BaseModel):
    """The entry point of the API: links to everything else."""

    name: str
    version: str
    links: dict[str, Link] = Field(
        description="By relation: `docs`, `openapi`, `health`, `ready`, and the main "
        "collections (`localities`, `service_types`, `pathways`, `changes`)."
    )


_LINKS = {
    "docs": ("/docs", "Interactive documentation (Swagger UI, works offline)"),
    "openapi": ("/v1/openapi.json", "The OpenAPI document (the contract)"),
    "health": ("/v1/health", "Liveness"),
    "ready": ("/v1/ready", "Readiness: the database answers"),
    "localities": ("/v1/localities", "Regions, health communities and municipalities"),
    "service_types": ("/v1/service-types", "Service types of the catalogue"),
    "pathways": ("/v1/pathways", "Pathways (the regional base texts)"),
    "changes": ("/v1/changes", "The changes feed for integrations"),
}


@router.get(
    "/",
    operation_id="get_index",
    summary="The API's entry point: links to the docs, the contract and the collections",
    response_model=ApiIndex,
)
def get_index(request: Request) -> Response:
    body = ApiIndex(
        name=request.app.title,
        version=request.app.version,
        links={rel: Link(href=href, title=title) for rel, (href, title) in _LINKS.items()},
    )
    return json_response(request, body)
