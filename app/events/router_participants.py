"""Routes of registration: public sign-up and cancellation, organisers' lists and erasure."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.core.csvio import csv_response
from app.core.db import SessionDep
from app.core.errors import Unprocessable, problem_responses, request_lang, speaks_to_people
from app.core.http import json_response
from app.core.pagination import CursorQuery, LimitQuery
from app.core.ratelimit import rate_limited
from app.core.xlsx import XLSX, xlsx_response
from app.events import import_service, registration
from app.events.deps import EventId, ExportLang, ItemId, OrganisedEvent
from app.events.import_csv import FIELDS as IMPORT_FIELDS
from app.events.schemas import (
    ParticipantKind,
    ParticipantPage,
    ParticipantPublic,
    RegistrationCreate,
    RegistrationReceipt,
    RegistrationState,
    RegistrationStatus,
)

router = APIRouter()

Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
        "description": "JSON; CSV (RFC 4180, UTF-8 with BOM) with `?format=csv`; an Excel "
        "workbook with `?format=xlsx`.",
    }
}


@router.post(
    "/events/{event_id}/registrations",
    operation_id="register_for_event",
    summary="Register for an open event (public)",
    status_code=201,
    response_model=RegistrationReceipt,
    responses=problem_responses(404, 409, 422, 429),
    dependencies=[Depends(rate_limited("registration"))],
)
@speaks_to_people
def register(
    request: Request, session: SessionDep, event_id: EventId, data: RegistrationCreate
) -> Response:
    lang = request_lang(request)
    receipt = registration.register(session, event_id=event_id, data=data, lang=lang)
    return json_response(request, receipt, status_code=201, public=False)


@router.get(
    "/registrations/{token}",
    operation_id="get_registration",
    summary="Where a registration stands (holder of the cancel token)",
    response_model=RegistrationState,
    responses=problem_responses(404, 422),
)
@speaks_to_people
def read_registration(request: Request, session: SessionDep, token: Token) -> Response:
    state = registration.registration_state(session, token=token)
    return json_response(request, state, public=False)


@router.delete(
    "/registrations/{token}",
    operation_id="cancel_registration",
    summary="Cancel a registration; the wait list moves up",
    status_code=204,
    responses=problem_responses(404, 409, 422),
)
@speaks_to_people
def cancel(session: SessionDep, token: Token) -> Response:
    registration.cancel(session, token=token)
    return Response(status_code=204)


@router.get(
    "/events/{event_id}/registrations",
    operation_id="list_event_registrations",
    summary="Participants (editor in scope); `?format=csv` for the whole list",
    response_model=ParticipantPage,
    responses={**CSV, **problem_responses(401, 403, 404, 422)},
)
def list_registrations(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    lang: ExportLang,
    status: RegistrationStatus | None = None,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    if format == "csv":
        body = registration.participants_csv(session, event=event, lang=lang)
        return csv_response(body, f"deltakere-{event.id}.csv")
    if format == "xlsx":
        body = registration.participants_xlsx(session, event=event, lang=lang)
        return xlsx_response(body, f"deltakere-{event.id}.xlsx")
    items, next_cursor = registration.list_participants(
        session, event=event, status=status, limit=limit, cursor=cursor
    )
    return json_response(
        request, ParticipantPage(items=items, next_cursor=next_cursor), public=False
    )


@router.post(
    "/events/{event_id}/participants/{participant_id}/erase",
    operation_id="erase_event_participant",
    summary="Erase a participant's personal data (GDPR); seating is kept",
    response_model=ParticipantPublic,
    responses=problem_responses(401, 403, 404, 422),
)
def erase(
    request: Request, session: SessionDep, event: OrganisedEvent, participant_id: ItemId
) -> Response:
    result = registration.erase(session, event=event, participant_id=participant_id)
    return json_response(request, result, public=False)


async def _upload(request: Request) -> bytes:
    """The CSV: the raw body (`text/csv`), or the `file` field of a multipart form."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Unprocessable("Send the CSV as the form field `file`.", loc=["body", "file"])
        return await upload.read()
    return await request.body()


ColumnQuery = Annotated[str | None, Query(max_length=200)]
_IMPORT_EXAMPLE = (
    "Fornavn;Etternavn;E-post;Arbeidssted;Kommune;Tjeneste;Deltakertype;Allergier\r\n"
    "Kari;Nordmann;kari@example.no;Helsestasjonen i Årstad;4601;helsestasjon;Fagperson;\r\n"
)


@router.post(
    "/events/{event_id}/registrations/import",
    operation_id="import_event_registrations",
    summary="Import sign-ups from a deltaker.no or Læringsportalen CSV (editor in scope)",
    description="The file as the raw body (`text/csv`) or the multipart field `file`; UTF-8 "
    "(with or without BOM), UTF-16 with BOM, or Windows-1252 from Excel (recognised by æ, ø, "
    "å; force with `encoding`). Delimiter `;`, `,` or tab. Columns are found by their "
    f"usual headers (fields: {', '.join(IMPORT_FIELDS)}); `column_<field>` names another. "
    "Municipality by number or name, service type by code or name, kind by code or "
    "Norwegian label (or `default_kind`). At most 10,000 rows.\n\n"
    "`dry_run=true` (the default) reports every row: `taken` (with the seat or wait-list "
    "place it gets), `duplicate` (already registered, or repeated in the file: skipped), "
    "`invalid` (with reasons). `dry_run=false` writes all taken rows in one transaction, or "
    "nothing (422 listing the invalid rows) when any row is invalid.",
    response_model=import_service.ImportReport,
    responses={
        201: {
            "model": import_service.ImportReport,
            "description": "Imported (`dry_run=false`): the same report, `imported` set.",
        },
        **problem_responses(401, 403, 404, 409, 413, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {
                    "schema": {"type": "string", "format": "binary"},
                    "example": _IMPORT_EXAMPLE,
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
def import_registrations(
    request: Request,
    session: SessionDep,
    event: OrganisedEvent,
    data: Annotated[bytes, Depends(_upload)],
    dry_run: bool = True,
    encoding: Literal["auto", "utf-8", "windows-1252"] = "auto",
    default_kind: ParticipantKind | None = None,
    column_name: ColumnQuery = None,
    column_first_name: ColumnQuery = None,
    column_last_name: ColumnQuery = None,
    column_email: ColumnQuery = None,
    column_organisation: ColumnQuery = None,
    column_municipality: ColumnQuery = None,
    column_service_type: ColumnQuery = None,
    column_kind: ColumnQuery = None,
    column_dietary: ColumnQuery = None,
) -> Response:
    given = {
        "name": column_name,
        "first_name": column_first_name,
        "last_name": column_last_name,
        "email": column_email,
        "organisation": column_organisation,
        "municipality": column_municipality,
        "service_type": column_service_type,
        "kind": column_kind,
        "dietary": column_dietary,
    }
    report = import_service.import_registrations(
        session,
        event=event,
        data=data,
        dry_run=dry_run,
        encoding=encoding,
        columns={k: v for k, v in given.items() if v},
        default_kind=default_kind,
    )
    return json_response(request, report, status_code=200 if dry_run else 201, public=False)
