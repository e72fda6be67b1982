"""Route of search: `GET /v1/localities/{code}/search`."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import Unprocessable, problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery
from app.models.base import CODE_PATTERN, Lang
from app.search import service
from app.search.schemas import SearchPage
from app.texts.merged import resolve_lang

router = APIRouter(tags=["search"])

_PARAMS = frozenset(
    {"q", "lang", "pathway", "service_type", "section", "kind", "preview", "limit", "cursor"}
)


def known_params_only(request: Request) -> None:
    """An unknown query parameter (a misspelt filter) is a 422, not silently ignored."""
    unknown = sorted(set(request.query_params) - _PARAMS)
    if unknown:
        raise Unprocessable(
            f"Unknown query parameter '{unknown[0]}'; search takes {', '.join(sorted(_PARAMS))}.",
            loc=["query", unknown[0]],
        )


SectionKey = Literal["role", "assessment", "measures", "evaluation", "collaboration", "referral"]


@router.get(
    "/localities/{code}/search",
    operation_id="search_locality",
    summary="Search the pathways, units and service types as the locality sees them",
    description=(
        "Full-text search over the **merged** texts of the pathways in use in the locality "
        "(its own overrides, not another municipality's; hidden slots never), and over its "
        "units and service types. Bokmål and nynorsk are stemmed (Snowball's Norwegian "
        "stemmer), a word also finds longer compounds (`angst` → `angstlidelse`), a small "
        "synonym list bridges bokmål and nynorsk (`henvisning` ↔ `tilvising`), and a word "
        "that is nowhere in the texts is matched to its nearest spelling (a typo). Every "
        "word of the query must be found. Quotes and operators are plain text.\n\n"
        "A query of only stop words or punctuation gives no hits (200); an empty or too "
        "long query, an unknown filter value or parameter is a 422."
    ),
    response_model=SearchPage,
    responses=problem_responses(401, 403, 404, 422),
    dependencies=[Depends(known_params_only)],
)
def search_locality(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: Annotated[str, Path(pattern=CODE_PATTERN, description="Locality code, e.g. `4636`.")],
    q: Annotated[
        str,
        Query(
            max_length=service.MAX_QUERY,
            description="What to search for: words in bokmål or nynorsk.",
            examples=["henvisning", "tilvising til BUP", "angst skole"],
        ),
    ],
    lang: Annotated[
        Lang | None,
        Query(
            description="`nb` or `nn`: the texts as merged in that language (else "
            "Accept-Language, else the default)."
        ),
    ] = None,
    pathway: Annotated[
        str | None, Query(pattern=CODE_PATTERN, description="Only this pathway (slug).")
    ] = None,
    service_type: Annotated[
        str | None, Query(pattern=CODE_PATTERN, description="Only this service type (code).")
    ] = None,
    section: Annotated[SectionKey | None, Query(description="Only this section.")] = None,
    kind: Annotated[
        Literal["section", "unit", "service_type"] | None,
        Query(description="Only hits of this kind."),
    ] = None,
    preview: Annotated[
        bool, Query(description="Search drafts merged in (needs `reader` in the locality's scope).")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1–100).")] = 20,
    cursor: CursorQuery = None,
) -> Response:
    lang_code = resolve_lang(
        lang.value if lang else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
    )
    items, next_cursor = service.search(
        session, code=code, q=q, lang=lang_code, preview=preview, principal=principal,
        filters=service.Filters(pathway=pathway, service_type=service_type, section=section,
                                kind=kind),
        limit=limit, cursor=cursor,
    )  # fmt: skip
    return json_response(
        request,
        {"items": items, "next_cursor": next_cursor},
        public=not preview,
        headers={"Vary": "Accept-Language", "Content-Language": lang_code},
    )
