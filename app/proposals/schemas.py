"""Request and response shapes of change proposals."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.models.base import CODE_PATTERN, Lang, Mode, Section
from app.proposals.workflow import Status

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


class TrafficLight(StrEnum):
    """`green` = fine as is or nearly, `yellow` = needs changes, `red` = does not match practice."""

    green = "green"
    yellow = "yellow"
    red = "red"


def check_text_fits_mode(mode: Mode, text: str | None) -> None:
    """`hide` takes no text; `replace` and `append` need one."""
    if mode is Mode.hide and text is not None:
        raise ValueError("mode 'hide' takes no text")
    if mode is not Mode.hide and not (text or "").strip():
        raise ValueError(f"mode '{mode.value}' needs a non-empty text")


class ProposalCreate(BaseModel):
    """A proposed new entry for one layer (`locality`) of one slot."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "locality": "4601",
                    "pathway": "angst",
                    "service_type": "helsestasjon",
                    "section": "role",
                    "mode": "append",
                    "text": "Helsestasjonen i Årstad har åpen dør for ungdom tirsdager.",
                    "rationale": "Tilbudet er nytt fra høsten.",
                    "service_work": "Gjøre tilbudet kjent på skolene.",
                    "traffic_light": "yellow",
                }
            ]
        },
    )

    locality: Code = Field(description="The layer the proposal targets.")
    pathway: Code
    service_type: Code
    section: Section
    mode: Mode
    text: str | None = Field(default=None, max_length=100_000)
    lang: Lang | None = Field(default=None, description="Default: the server's language.")
    rationale: Prose = ""
    service_work: Prose = Field(default="", description="What the service must work on.")
    traffic_light: TrafficLight | None = None
    round: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="The review round it belongs to."
    )

    @model_validator(mode="after")
    def _text_fits_mode(self) -> "ProposalCreate":
        check_text_fits_mode(self.mode, self.text)
        return self


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"text": "Enig."}]})

    text: Comment


class AcceptBody(BaseModel):
    """An optional note, and a resolved text when the target changed since the proposal."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Godkjent i fagrådet."}]}
    )

    note: Prose | None = None
    text: str | None = Field(
        default=None, max_length=100_000, description="The text to publish instead of the proposed."
    )


class RejectBody(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Dekkes av regional tekst."}]}
    )

    note: Comment


class WithdrawBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Prose | None = None


class CommentPublic(BaseModel):
    id: int
    author: str
    text: str
    created_at: datetime


class ProposalPublic(BaseModel):
    id: int
    status: Status
    locality: str
    pathway: str
    service_type: str
    section: str
    lang: str
    mode: str
    text: str | None
    rationale: str
    service_work: str
    traffic_light: TrafficLight | None
    proposer: str
    proposer_locality: str | None = Field(
        default=None,
        description="Where the proposer works (its key's scope): for a proposal sent up the "
        "chain, the municipality it comes from.",
    )
    based_on: int | None = Field(description="The revision the proposal was written against.")
    round: int | None
    created_at: datetime
    updated_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    revision: int | None = Field(default=None, description="The revision an accept wrote.")


class ProposalDetail(ProposalPublic):
    comments: list[CommentPublic] = Field(default_factory=list)


class ProposalPage(BaseModel):
    items: list[ProposalPublic]
    next_cursor: str | None = None
