"""Routes of review rounds: thin, one service call each."""

from typing import Annotated, Literal

from fastapi import APIRouter, File, Header, Path, Query, Request, UploadFile
from starlette.responses import Response

from app.core.auth import PrincipalDep
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import UnsupportedMediaType, problem_responses
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.core.xlsx import XLSX
from app.models.base import CODE_PATTERN, Lang
from app.rounds import matrix, service, workbook, workbook_service
from app.rounds.schemas import (
    AssessmentPublic,
    AssessmentPut,
    Matrix,
    RoundCreate,
    RoundPage,
    RoundPublic,
    UploadReport,
)

router = APIRouter(tags=["review rounds"])

CodePath = Annotated[str, Path(pattern=CODE_PATTERN, description="Health community code.")]
RoundPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="The round's id.")]
Code = Annotated[str, Path(pattern=CODE_PATTERN)]
_MACRO_TYPES = ("application/vnd.ms-excel.sheet.macroenabled.12", "application/vnd.ms-excel")
_MACRO_SUFFIXES = (".xlsm", ".xlsb", ".xls", ".xltm")


@router.post(
    "/localities/{code}/review-rounds",
    operation_id="create_review_round",
    summary="Start a review round of chosen pathways (editor of the health community)",
    status_code=201,
    response_model=RoundPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def create_review_round(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: CodePath,
    data: RoundCreate,
) -> Response:
    review_round = service.create_round(session, principal=principal, code=code, data=data)
    return json_response(
        request,
        review_round,
        status_code=201,
        public=False,
        headers={"Location": f"/v1/review-rounds/{review_round.id}"},
    )


@router.get(
    "/localities/{code}/review-rounds",
    operation_id="list_review_rounds",
    summary="The health community's review rounds, oldest first",
    response_model=RoundPage,
    responses=problem_responses(401, 403, 404, 422),
)
def list_review_rounds(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    code: CodePath,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    items, next_cursor = service.list_rounds(
        session, principal=principal, code=code, limit=limit, cursor=cursor
    )
    return json_response(request, RoundPage(items=items, next_cursor=next_cursor), public=False)


@router.get(
    "/review-rounds/{round_id}",
    operation_id="get_review_round",
    summary="One review round",
    response_model=RoundPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def get_review_round(
    request: Request, session: SessionDep, principal: PrincipalDep, round_id: RoundPath
) -> Response:
    review_round = service.read_round(session, principal=principal, round_id=round_id)
    return json_response(request, review_round, public=False)


@router.put(
    "/review-rounds/{round_id}/assessments/{municipality}/{pathway}/{service_type}",
    operation_id="put_review_assessment",
    summary="A municipality's traffic light for one service of one pathway (contributor)",
    response_model=AssessmentPublic,
    responses={
        201: {"model": AssessmentPublic, "description": "Created"},
        **problem_responses(401, 403, 404, 409, 422),
    },
)
def put_review_assessment(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    round_id: RoundPath,
    municipality: Code,
    pathway: Code,
    service_type: Code,
    data: AssessmentPut,
) -> Response:
    assessment, created = service.put_assessment(
        session,
        principal=principal,
        round_id=round_id,
        municipality=municipality,
        pathway=pathway,
        service_type=service_type,
        data=data,
    )
    return json_response(request, assessment, status_code=201 if created else 200, public=False)


@router.get(
    "/review-rounds/{round_id}/matrix",
    operation_id="get_review_matrix",
    summary="Traffic lights and proposal counts: pathway × service type × municipality",
    response_model=Matrix,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "JSON; CSV (RFC 4180) with `?format=csv` or `Accept: text/csv`; an "
            "Excel workbook with `?format=xlsx` (or its media type in Accept)",
        },
        **problem_responses(401, 403, 404, 422),
    },
)
def get_review_matrix(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    round_id: RoundPath,
    format: Annotated[
        Literal["json", "csv", "xlsx"] | None,
        Query(description="`json`, `csv` or `xlsx`; else by Accept."),
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    data = service.build_matrix(session, principal=principal, round_id=round_id)
    if format == "xlsx" or (format is None and XLSX in (accept or "")):
        return Response(
            matrix.to_excel(data),
            media_type=XLSX,
            headers={
                "Cache-Control": "private, no-cache",
                "Content-Disposition": f'attachment; filename="matrise-{round_id}.xlsx"',
            },
        )
    if format == "csv" or (format is None and "text/csv" in (accept or "")):
        return Response(
            matrix.to_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={
                "Cache-Control": "private, no-cache",
                "Content-Disposition": f'attachment; filename="matrise-{round_id}.csv"',
            },
        )
    return json_response(request, data, public=False)


@router.get(
    "/review-rounds/{round_id}/workbook",
    operation_id="get_review_workbook",
    summary="The workbook of merged texts for one municipality, with columns to fill in",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "An .xlsx workbook"},
        **problem_responses(401, 403, 404, 422),
    },
)
def get_review_workbook(
    session: SessionDep,
    principal: PrincipalDep,
    round_id: RoundPath,
    municipality: Annotated[str, Query(pattern=CODE_PATTERN)],
    lang: Lang | None = None,
) -> Response:
    data, filename = workbook_service.export(
        session,
        principal=principal,
        round_id=round_id,
        municipality=municipality,
        lang=lang.value if lang else get_settings().default_lang,
    )
    return Response(
        data,
        media_type=XLSX,
        headers={
            "Cache-Control": "private, no-cache",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


@router.post(
    "/review-rounds/{round_id}/workbook",
    operation_id="upload_review_workbook",
    summary="Upload a filled workbook: proposals and assessments, row by row (contributor)",
    response_model=UploadReport,
    responses=problem_responses(401, 403, 404, 409, 413, 415, 422),
)
def upload_review_workbook(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    round_id: RoundPath,
    file: Annotated[UploadFile, File(description="The filled .xlsx workbook.")],
    municipality: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
) -> Response:
    name = (file.filename or "").lower()
    if name.endswith(_MACRO_SUFFIXES) or (file.content_type or "").lower() in _MACRO_TYPES:
        raise UnsupportedMediaType("Only .xlsx workbooks are accepted (no macros, no .xls).")
    data = file.file.read(workbook.MAX_UPLOAD_BYTES + 1)
    report = workbook_service.upload(
        session, principal=principal, round_id=round_id, data=data, municipality=municipality
    )
    return json_response(request, report, public=False)
