"""Request and response shapes of events, programme, checklist and registrations."""

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from app.models.base import CODE_PATTERN

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Invitation = Annotated[str, StringConstraints(max_length=10_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
# A local time of day. JSON Schema's `format: time` demands a UTC offset, which these
# times (always Norwegian wall-clock) never have, so the contract states the shape itself.
ClockTime = Annotated[
    dt.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "Local time of day, `HH:MM` or `HH:MM:SS`.",
            "examples": ["09:00"],
        }
    ),
]
# No spaces, separators or angle brackets; no controls or bidi overrides either (refused
# anyway by app.core.forbidden_chars; said here so that the published pattern is the whole rule).
_NOT_IN_EMAIL = "@\\s,;<>\\x00-\\x1f\\u202a-\\u202e\\u2066-\\u2069"
EMAIL = re.compile(f"^[^{_NOT_IN_EMAIL}]+@[^{_NOT_IN_EMAIL}]+\\.[^{_NOT_IN_EMAIL}]{{2,}}$")


class EventStatus(StrEnum):
    planned = "planned"
    open = "open"
    closed = "closed"
    held = "held"


class ProgrammeKind(StrEnum):
    talk = "talk"
    group_work = "group_work"
    information = "information"
    break_ = "break"


class ParticipantKind(StrEnum):
    professional = "professional"
    leader = "leader"
    gp = "gp"
    youth = "youth"
    parent = "parent"
    user_org = "user_org"


class RegistrationStatus(StrEnum):
    registered = "registered"
    waitlisted = "waitlisted"
    cancelled = "cancelled"


KIND_LABELS = {
    "professional": "Fagperson",
    "leader": "Leder",
    "gp": "Fastlege",
    "youth": "Ungdom",
    "parent": "Forelder",
    "user_org": "Brukerorganisasjon",
}


class EventCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Samhandlingsdag om angst",
                    "date": "2027-03-11",
                    "start_time": "09:00",
                    "end_time": "15:30",
                    "venue": "Scandic Ørnen, Bergen",
                    "capacity": 120,
                    "learning_goals": "Kjenne hverandres roller i forløpet.",
                }
            ]
        },
    )

    title: Title
    date: dt.date
    start_time: ClockTime
    end_time: ClockTime
    venue: ShortText = ""
    capacity: int = Field(ge=1, le=5000)
    table_min: int = Field(default=6, ge=2, le=30)
    table_max: int = Field(default=8, ge=2, le=30)
    learning_goals: Annotated[str, StringConstraints(max_length=5000)] = ""
    status: EventStatus = EventStatus.planned
    starting_point: Literal["nb", "nn"] | None = Field(
        default=None,
        description="Start from our suggested programme (three parts), checklist and "
        "invitation in bokmål or nynorsk; all editable afterwards. Without it: the standard "
        "checklist, no programme, no invitation.",
    )
    invitation: Invitation | None = Field(
        default=None, description="Your own invitation text (else the starting point's)."
    )

    @model_validator(mode="after")
    def _ranges(self) -> "EventCreate":
        if self.table_min > self.table_max:
            raise ValueError("table_min must not be larger than table_max")
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class EventUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "open"}]})

    title: Title | None = None
    date: dt.date | None = None
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    venue: ShortText | None = None
    capacity: int | None = Field(default=None, ge=1, le=5000)
    table_min: int | None = Field(default=None, ge=2, le=30)
    table_max: int | None = Field(default=None, ge=2, le=30)
    learning_goals: Annotated[str, StringConstraints(max_length=5000)] | None = None
    status: EventStatus | None = None
    invitation: Invitation | None = None


class ProgrammeItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_time: ClockTime
    title: Title
    kind: ProgrammeKind
    speaker: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None


class ProgrammeIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"start_time": "09:00", "title": "Velkommen", "kind": "information"},
                        {
                            "start_time": "09:15",
                            "title": "Forløpet",
                            "kind": "talk",
                            "speaker": "BUP",
                        },
                        {"start_time": "10:00", "title": "Casearbeid", "kind": "group_work"},
                    ]
                }
            ]
        },
    )

    items: list[ProgrammeItemIn] = Field(max_length=100)


class ProgrammeItemPublic(ProgrammeItemIn):
    pass


class ProgrammePublic(BaseModel):
    event: int
    items: list[ProgrammeItemPublic]


class EventPublic(BaseModel):
    """An event as anyone may see it: never any participant's personal data."""

    id: int
    locality: str
    title: str
    date: dt.date
    start_time: ClockTime
    end_time: ClockTime
    venue: str
    capacity: int
    table_min: int
    table_max: int
    learning_goals: str
    status: EventStatus
    invitation: str = Field(description="The invitation text organisers send (may be empty).")
    programme: list[ProgrammeItemPublic]
    registered: int = Field(description="Participants with a seat.")
    waitlisted: int
    places_left: int


class EventPage(BaseModel):
    items: list[EventPublic]
    next_cursor: str | None = None


class ChecklistItemPublic(BaseModel):
    id: int
    position: int
    text: str
    done: bool
    done_at: dt.datetime | None


class ChecklistPublic(BaseModel):
    event: int
    items: list[ChecklistItemPublic]


class ChecklistItemCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "Bestill lunsj"}]}
    )

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class ChecklistItemUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"done": True}]})

    text: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
        | None
    ) = None
    done: bool | None = None


class ChecklistOrder(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"items": [2, 1, 3, 4, 5, 6, 7]}]}
    )

    items: list[int] = Field(description="Every item id of the checklist, in the new order.")


class RegistrationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Kari Nordmann",
                    "email": "kari@example.no",
                    "organisation": "Helsestasjonen i Årstad",
                    "municipality": "4601",
                    "service_type": "helsestasjon",
                    "kind": "professional",
                    "dietary": "vegetar",
                }
            ]
        },
    )

    name: Title
    email: Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=254),
        Field(json_schema_extra={"pattern": EMAIL.pattern}),
    ]
    organisation: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    municipality: Code
    service_type: Code | None = None
    kind: ParticipantKind
    dietary: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise ValueError("not a valid e-mail address")
        return value.lower()


class RegistrationReceipt(BaseModel):
    """Shown once, to the registrant only: the cancel token is not stored in clear."""

    event: int
    status: RegistrationStatus
    waitlist_position: int | None
    cancel_token: str
    message: str


class RegistrationState(BaseModel):
    event: int
    title: str
    status: RegistrationStatus
    waitlist_position: int | None


class ParticipantPublic(BaseModel):
    """A participant as organisers in scope see them."""

    id: int
    name: str | None
    email: str | None
    organisation: str | None
    municipality: str
    service_type: str | None
    kind: ParticipantKind
    dietary: str | None
    status: RegistrationStatus
    waitlist_position: int | None
    table: int | None
    locked: bool
    erased: bool
    created_at: dt.datetime


class ParticipantPage(BaseModel):
    items: list[ParticipantPublic]
    next_cursor: str | None = None
