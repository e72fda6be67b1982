"""Routes of the pages: thin, like every router.

The work is in registration.py, feedback.py and printouts.py beside this module.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.events.deps import EventId, OrganisedEvent
from app.events.pages import feedback, printouts, registration
from app.events.pages.texts import PageLang
from app.events.sessions_service import MAX_SESSIONS

router = APIRouter(tags=["event pages"])

Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
LangQuery = Annotated[
    Literal["nb", "nn"] | None, Query(description="Page language (default: the server's).")
]
HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "A script-free HTML page."}
}
_PAGE_OUTCOMES = {
    201: "Done: the receipt (with the cancel link) or the printable cards.",
    400: "The form token is missing, forged, for another form or too old: a page saying so.",
    403: "Posted from another site: refused, a page saying so.",
    404: "No such event, link or open registration: a page.",
    409: "Not open, or the link is used already: a page.",
    422: "Fields to correct: the form again with messages (HTML); a malformed path or "
    "query: a problem.",
    429: "Too many posts from this client: a page, with Retry-After.",
}


def pages(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a page route: each outcome is itself a page."""
    out = dict(HTML)
    for status in statuses:
        out[status] = {"content": {"text/html": {}}, "description": _PAGE_OUTCOMES[status]}
    return out


FORM_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "additionalProperties": {"type": "string"}}
            }
        },
    }
}
REFUSALS = (
    "Refusals are pages too: 400 (the form token is missing, forged, for another form or "
    "stale), 403 (posted from another site), 404, 409 (not open, already used), 422 (fields "
    "to correct, the form again), 429."
)


def _lang(lang: str | None) -> PageLang:
    return "nn" if (lang or get_settings().default_lang) == "nn" else "nb"


async def _form(request: Request) -> FormData:
    return await request.form(max_files=0, max_fields=100)


Form = Annotated[FormData, Depends(_form)]


@router.get(
    "/events/{event_id}/register",
    operation_id="get_registration_page",
    summary="Registration page of an open event (public, HTML, nb/nn, embeddable)",
    response_class=Response,
    responses=pages(404, 409, 422),
)
def registration_page(
    request: Request, session: SessionDep, event_id: EventId, lang: LangQuery = None
) -> Response:
    return registration.registration_page(session, request, event_id=event_id, lang=_lang(lang))


@router.post(
    "/events/{event_id}/register",
    operation_id="post_registration_page",
    summary="Send the registration form (public, same rules as the JSON registration)",
    description="Same-origin posts with the page's form token only; rate-limited like "
    "`register_for_event`. " + REFUSALS,
    response_class=Response,
    responses=pages(201, 400, 403, 404, 409, 422, 429),
    openapi_extra=FORM_BODY,
)
def registration_post(
    request: Request, session: SessionDep, event_id: EventId, form: Form, lang: LangQuery = None
) -> Response:
    return registration.registration_post(
        session, request, event_id=event_id, form=form, lang=_lang(lang)
    )


@router.get(
    "/registrations/{token}/cancel",
    operation_id="get_cancel_page",
    summary="Where a registration stands, with a button to cancel (holder of the link)",
    response_class=Response,
    responses=pages(404, 422),
)
def cancel_page(
    request: Request, session: SessionDep, token: Token, lang: LangQuery = None
) -> Response:
    return registration.cancel_page(session, request, token=token, lang=_lang(lang))


@router.post(
    "/registrations/{token}/cancel",
    operation_id="post_cancel_page",
    summary="Cancel from the page; the wait list moves up",
    description=REFUSALS,
    response_class=Response,
    responses=pages(400, 403, 404, 422),
    openapi_extra=FORM_BODY,
)
def cancel_post(
    request: Request, session: SessionDep, token: Token, form: Form, lang: LangQuery = None
) -> Response:
    return registration.cancel_post(session, request, token=token, form=form, lang=_lang(lang))


@router.get(
    "/feedback/{token}/answer",
    operation_id="get_feedback_page",
    summary="Feedback page of one answer link (public, anonymous, one answer per link)",
    response_class=Response,
    responses=pages(404, 409, 422),
)
def feedback_page(
    request: Request, session: SessionDep, token: Token, lang: LangQuery = None
) -> Response:
    return feedback.feedback_page(session, request, token=token, lang=_lang(lang))


@router.post(
    "/feedback/{token}/answer",
    operation_id="post_feedback_page",
    summary="Send the feedback form; a thank-you page",
    description="Fields `q<question id>`. " + REFUSALS,
    response_class=Response,
    responses=pages(400, 403, 404, 409, 422, 429),
    openapi_extra=FORM_BODY,
)
def feedback_post(
    request: Request, session: SessionDep, token: Token, form: Form, lang: LangQuery = None
) -> Response:
    return feedback.feedback_post(session, request, token=token, form=form, lang=_lang(lang))


@router.post(
    "/events/{event_id}/feedback-cards",
    operation_id="print_event_feedback_cards",
    summary="Mint answer links and print them as cards with QR codes (editor in scope)",
    description="One card per link. With a seating and no `count`, one card per seated "
    "participant, laid out per table behind a table card; else `count` cards (default: "
    "the registered). The links are shown only here: print or save the page.",
    response_class=Response,
    status_code=201,
    responses={
        201: {"content": {"text/html": {}}, "description": "The printable cards (HTML)."},
        **problem_responses(401, 403, 404, 422),
    },
)
def feedback_cards(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    lang: LangQuery = None,
    count: Annotated[int | None, Query(ge=1, le=2000)] = None,
) -> Response:
    return printouts.feedback_cards(session, request, event=event, lang=_lang(lang), count=count)


@router.get(
    "/events/{event_id}/poster",
    operation_id="get_event_poster",
    summary="Door poster by surname with table cards, for one or more sessions (editor)",
    description="`sessions=1`: the stored seating. More: the plan of "
    "`get_event_seating_sessions` (same seed, same tables), one column per group task.",
    response_class=Response,
    responses={**HTML, **problem_responses(401, 403, 404, 422)},
)
def poster(
    session: SessionDep,
    event: OrganisedEvent,
    lang: LangQuery = None,
    sessions: Annotated[int, Query(ge=1, le=MAX_SESSIONS)] = 1,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> Response:
    return printouts.poster(session, event=event, lang=_lang(lang), sessions=sessions, seed=seed)
