"""Routes of feedback: questions, anonymous answer links, answers and the summary."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.csvio import csv_response
from app.core.db import SessionDep
from app.core.errors import problem_responses, speaks_to_people
from app.core.http import json_response
from app.core.ratelimit import rate_limited
from app.core.xlsx import XLSX, xlsx_response
from app.events import feedback, service
from app.events.deps import EventDep, ExportLang, OrganisedEvent

router = APIRouter()

Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get(
    "/events/{event_id}/feedback-questions",
    operation_id="get_event_feedback_questions",
    summary="The feedback questions of an event",
    response_model=feedback.QuestionsPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def read_questions(
    request: Request, session: SessionDep, principal: PrincipalDep, event: EventDep
) -> Response:
    service.authorize_read(session, principal, event)
    return json_response(request, feedback.questions_public(session, event))


@router.put(
    "/events/{event_id}/feedback-questions",
    operation_id="replace_event_feedback_questions",
    summary="Set the feedback questions (editor in scope; before any answer)",
    response_model=feedback.QuestionsPublic,
    responses=problem_responses(401, 403, 404, 409, 422),
)
def replace_questions(
    request: Request, session: SessionDep, event: OrganisedEvent, data: feedback.QuestionsIn
) -> Response:
    result = feedback.replace_questions(session, event=event, data=data)
    return json_response(request, result, public=False)


@router.post(
    "/events/{event_id}/feedback-tokens",
    operation_id="issue_event_feedback_tokens",
    summary="Mint anonymous one-use answer links (editor in scope)",
    status_code=201,
    response_model=feedback.TokensIssued,
    responses=problem_responses(401, 403, 404, 422),
)
def issue_tokens(
    request: Request, session: SessionDep, event: OrganisedEvent, data: feedback.TokensRequest
) -> Response:
    result = feedback.issue_tokens(session, event=event, data=data)
    return json_response(request, result, status_code=201, public=False)


@router.get(
    "/feedback/{token}",
    operation_id="get_feedback_form",
    summary="The questions behind an answer link",
    response_model=feedback.FeedbackForm,
    responses=problem_responses(404, 422),
)
@speaks_to_people
def read_form(request: Request, session: SessionDep, token: Token) -> Response:
    return json_response(request, feedback.form(session, token=token), public=False)


@router.post(
    "/feedback/{token}",
    operation_id="submit_feedback",
    summary="Answer anonymously, once per link",
    status_code=204,
    responses=problem_responses(404, 409, 422, 429),
    dependencies=[Depends(rate_limited("feedback"))],
)
@speaks_to_people
def submit(session: SessionDep, token: Token, data: feedback.FeedbackIn) -> Response:
    feedback.answer(session, token=token, data=data)
    return Response(status_code=204)


@router.get(
    "/events/{event_id}/feedback",
    operation_id="get_event_feedback_summary",
    summary="Feedback summary (editor in scope); `?format=csv`",
    response_model=feedback.FeedbackSummary,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "JSON; CSV (RFC 4180) with `?format=csv`; an Excel workbook with "
            "`?format=xlsx`.",
        },
        **problem_responses(401, 403, 404, 422),
    },
)
def read_summary(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    lang: ExportLang,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> Response:
    result = feedback.summary(session, event=event)
    if format == "csv":
        body = feedback.summary_csv(result, lang)
        return csv_response(body, f"tilbakemeldinger-{event.id}.csv")
    if format == "xlsx":
        body = feedback.summary_xlsx(result, lang)
        return xlsx_response(body, f"tilbakemeldinger-{event.id}.xlsx")
    return json_response(request, result, public=False)
