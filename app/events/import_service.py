"""Importing sign-ups into an event: a dry run that reports every row, then all or nothing.

Each row goes through the API's own RegistrationCreate and the same lookups as
registration.register, so a row that imports is a row that could have registered. Rows
already registered (same e-mail) and repeats within the file are reported as duplicates
and skipped; one invalid row stops the whole import, so nothing is half-written.
"""

import secrets
from typing import Literal

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.core.auth import hash_token
from app.core.errors import AppError, Conflict, Unprocessable
from app.core.forbidden_chars import forbidden_char
from app.events.import_csv import ImportUnreadable, full_name, read_sheet
from app.events.registration import NEEDS_SERVICE, locked_event, unit_key
from app.events.schemas import KIND_LABELS, ParticipantKind, RegistrationCreate
from app.localities.lookups import municipalities as all_municipalities
from app.models import Event, Participant, ServiceType
from app.models.base import utcnow

Outcome = Literal["taken", "duplicate", "invalid"]
_FIELD_NB = {
    "name": "navn",
    "email": "e-post",
    "organisation": "arbeidssted",
    "municipality": "kommune",
    "service_type": "tjeneste",
    "kind": "deltakertype",
    "dietary": "kost og allergier",
    "first_name": "fornavn",
    "last_name": "etternavn",
}


class RowReport(BaseModel):
    row: int = Field(description="Line number in the file (the header is line 1).")
    name: str
    email: str
    outcome: Outcome
    status: Literal["registered", "waitlisted"] | None = Field(
        description="Where a taken row lands: a seat, or the wait list (capacity)."
    )
    reasons: list[str] = Field(description="Why a row is invalid or a duplicate.")


class ImportReport(BaseModel):
    event: int
    dry_run: bool
    imported: int = Field(description="Rows written (0 on a dry run).")
    encoding: str
    delimiter: str
    mapping: dict[str, str | None] = Field(description="Field → the column it was read from.")
    taken: int
    duplicates: int
    invalid: int
    registered: int
    waitlisted: int
    rows: list[RowReport]


class ImportRefused(AppError):
    """One or more rows are invalid: nothing is imported; the report says which and why."""

    status, title = 422, "Validation failed"


def _kind_lookup() -> dict[str, str]:
    table = {k.value: k.value for k in ParticipantKind}
    table.update({label.casefold(): code for code, label in KIND_LABELS.items()})
    table.update({"leiar": "leader", "brukarorganisasjon": "user_org", "fagperson": "professional"})
    return table


def _reason(err: dict) -> str:  # type: ignore[type-arg]
    field = str(err["loc"][0]) if err["loc"] else ""
    label = _FIELD_NB.get(field, field)
    if err["type"] == "missing" or (err["type"] == "string_too_short"):
        return f"{label.capitalize()} mangler."
    if field == "email":
        return "E-postadressen er ikke gyldig."
    if err["type"] == "string_too_long":
        return f"{label.capitalize()} er for lang."
    return f"{label.capitalize()}: {err['msg']}."


def import_registrations(
    session: Session,
    *,
    event: Event,
    data: bytes,
    dry_run: bool,
    encoding: str,
    columns: dict[str, str],
    default_kind: ParticipantKind | None,
) -> ImportReport:
    """Check every row; unless a dry run, write all taken rows in one transaction."""
    if event.status == "held":
        raise Conflict(f"«{event.title}» er holdt; det kan ikke importeres påmeldinger.")
    try:
        sheet = read_sheet(data, encoding=encoding, overrides=columns)
    except ImportUnreadable as exc:
        loc: list[str | int] = ["query", exc.field] if exc.field != "body" else ["body"]
        raise Unprocessable(exc.message, loc=loc) from None
    if not dry_run:
        event = locked_event(session, event.id)  # type: ignore[arg-type]
    municipalities: dict[str, int] = {}
    for loc_row in all_municipalities(session):
        municipalities[loc_row.code] = loc_row.id
        municipalities.setdefault(loc_row.name.casefold(), loc_row.id)
    service_types: dict[str, tuple[str, int]] = {}
    for stype in session.exec(select(ServiceType)).all():
        for key in (stype.code, stype.name.casefold(), (stype.name_nn or "").casefold()):
            if key:
                service_types.setdefault(key, (stype.code, stype.id))  # type: ignore[arg-type]
    kinds = _kind_lookup()
    existing = set(
        session.exec(
            select(Participant.email).where(
                Participant.event_id == event.id,
                Participant.email.is_not(None),  # type: ignore[union-attr]
            )
        ).all()
    )
    seats = event.capacity - len(
        session.exec(
            select(Participant.id).where(
                Participant.event_id == event.id, Participant.status == "registered"
            )
        ).all()
    )
    seen: dict[str, int] = {}
    reports: list[RowReport] = []
    to_write: list[dict[str, object]] = []
    for line, values in sheet.rows:
        name = full_name(values)
        raw_email = values.get("email", "")
        reasons: list[str] = []
        for (
            field,
            value,
        ) in values.items():  # what a JSON body may not hold (app/core/forbidden_chars.py)
            char = forbidden_char(value)
            if char is not None:
                reasons.append(
                    f"{_FIELD_NB.get(field, field).capitalize()} har et usynlig styretegn "
                    f"(U+{ord(char):04X}) som ikke er tillatt."
                )
        muni_raw = values.get("municipality", "")
        muni_id = municipalities.get(muni_raw) or municipalities.get(muni_raw.casefold())
        if not muni_raw:
            reasons.append("Kommune mangler.")
        elif muni_id is None:
            reasons.append(f"Kommunen «{muni_raw}» finnes ikke.")
        st_raw = values.get("service_type", "")
        st = service_types.get(st_raw) or service_types.get(st_raw.casefold()) if st_raw else None
        if st_raw and st is None:
            reasons.append(f"Tjenesten «{st_raw}» finnes ikke.")
        kind_raw = values.get("kind", "")
        kind = kinds.get(kind_raw.casefold()) if kind_raw else None
        if kind_raw and kind is None:
            reasons.append(f"Deltakertypen «{kind_raw}» er ukjent.")
        elif kind is None:
            kind = default_kind.value if default_kind else None
        body = {
            "name": name,
            "email": raw_email,
            "organisation": values.get("organisation", ""),
            "municipality": muni_raw if muni_id is None else "0000",
            "service_type": st[0] if st else None,
            "kind": kind,
            "dietary": values.get("dietary", ""),
        }
        checked: RegistrationCreate | None = None
        try:
            checked = RegistrationCreate.model_validate(body)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                if field == "municipality" and reasons:
                    continue  # already said, in the organiser's words
                if field == "kind" and kind is None and not kind_raw:
                    reasons.append("Deltakertype mangler (oppgi default_kind for hele filen).")
                    continue
                reasons.append(_reason(err))  # type: ignore[arg-type]
        if checked is not None and checked.kind in NEEDS_SERVICE and st is None and not st_raw:
            reasons.append(
                f"Tjeneste mangler: en {KIND_LABELS[checked.kind.value].lower()} må ha tjeneste."
            )
        email = checked.email if checked else raw_email.strip().lower()
        row = RowReport(row=line, name=name, email=email, outcome="invalid", status=None,
                        reasons=reasons)  # fmt: skip
        reports.append(row)
        if reasons or checked is None:
            row.email = raw_email
            continue
        if email in existing or email in seen:
            row.outcome = "duplicate"
            row.reasons = (
                ["Allerede påmeldt."] if email in existing
                else [f"Samme e-post som linje {seen[email]}."]
            )  # fmt: skip
            continue
        seen[email] = line
        row.outcome = "taken"
        row.status = "registered" if seats > 0 else "waitlisted"
        seats -= 1
        to_write.append(
            {
                "event_id": event.id,
                "name": checked.name,
                "email": email,
                "organisation": checked.organisation or None,
                "dietary": checked.dietary or None,
                "kind": checked.kind.value,
                "service_type_id": st[1] if st else None,
                "municipality_id": muni_id,
                "unit_key": unit_key(checked.organisation),
                "status": row.status,
                # Nobody holds this token: imported people did not sign up through Forløp.
                "token_hash": hash_token(secrets.token_urlsafe(32)),
                "locked": False,
                "created_at": utcnow(),
            }
        )
    counts = {
        o: sum(1 for r in reports if r.outcome == o) for o in ("taken", "duplicate", "invalid")
    }
    report = ImportReport(
        event=event.id,  # type: ignore[arg-type]
        dry_run=dry_run,
        imported=0,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        mapping=sheet.mapping,
        taken=counts["taken"],
        duplicates=counts["duplicate"],
        invalid=counts["invalid"],
        registered=sum(1 for r in reports if r.status == "registered"),
        waitlisted=sum(1 for r in reports if r.status == "waitlisted"),
        rows=reports,
    )
    if dry_run:
        return report
    if counts["invalid"]:
        session.rollback()
        raise ImportRefused(
            f"{counts['invalid']} av {len(reports)} rader er ugyldige; ingenting er importert. "
            "Rett dem (eller fjern dem) og prøv igjen.",
            extra={
                "errors": [
                    {"loc": ["body", "row", r.row], "msg": " ".join(r.reasons)}
                    for r in reports
                    if r.outcome == "invalid"
                ]
            },
        )
    if to_write:
        try:
            session.execute(insert(Participant), to_write)
        except IntegrityError:
            session.rollback()  # someone signed up with one of these e-mails meanwhile
            raise Conflict(
                "Påmeldingene endret seg under importen; ingenting er importert. Prøv igjen."
            ) from None
    session.commit()
    report.imported = len(to_write)
    return report
