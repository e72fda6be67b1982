"""Request and response shapes of review rounds, assessments, the matrix and uploads."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.models.base import CODE_PATTERN
from app.proposals.schemas import TrafficLight

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]


class RoundCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Lokal revisjon våren 2027",
                    "opens_at": "2027-02-01T00:00:00+01:00",
                    "closes_at": "2027-04-30T23:59:59+02:00",
                    "pathways": ["angst", "depresjon"],
                }
            ]
        },
    )

    title: Title
    opens_at: AwareDatetime
    closes_at: AwareDatetime
    pathways: list[Code] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _sane(self) -> "RoundCreate":
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at must come after opens_at")
        if len(set(self.pathways)) != len(self.pathways):
            raise ValueError("a pathway is named twice")
        return self


class RoundPublic(BaseModel):
    id: int
    locality: str = Field(description="The health community the round belongs to.")
    title: str
    opens_at: datetime
    closes_at: datetime
    status: str = Field(description="`upcoming`, `open` or `closed`, now.")
    pathways: list[str]
    municipalities: list[str]
    created_by: str
    created_at: datetime


class RoundPage(BaseModel):
    items: list[RoundPublic]
    next_cursor: str | None = None


class AssessmentPut(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"traffic_light": "yellow", "note": "Mangler rutine."}]},
    )

    traffic_light: TrafficLight
    note: Note | None = None


class AssessmentPublic(BaseModel):
    round: int
    municipality: str
    pathway: str
    service_type: str
    traffic_light: TrafficLight
    note: str | None
    author: str
    updated_at: datetime


class MatrixCell(BaseModel):
    municipality: str
    traffic_light: TrafficLight | None
    note: str | None
    open_proposals: int
    accepted_proposals: int


class MatrixRow(BaseModel):
    pathway: str
    service_type: str
    cells: list[MatrixCell]


class MatrixPlace(BaseModel):
    code: str
    name: str


class Matrix(BaseModel):
    round: int
    municipalities: list[MatrixPlace]
    rows: list[MatrixRow]


class RejectedRow(BaseModel):
    sheet: str
    row: int | None = Field(description="The row number as the spreadsheet shows it.")
    errors: list[str]


class RowOutcome(BaseModel):
    """What one filled-in row of the workbook became."""

    sheet: str
    row: int = Field(description="The row number as the spreadsheet shows it.")
    outcome: Literal["created", "unchanged", "rejected"] = Field(
        description="`created`: it made a proposal or changed its service's traffic light; "
        "`unchanged`: an earlier upload already took all of it; `rejected`: see `errors`."
    )
    proposal: int | None = Field(default=None, description="The proposal the row's text is.")
    proposal_outcome: Literal["created", "already_there"] | None = None
    traffic_light: str | None = Field(
        default=None, description="The row's light; its service's assessment takes the worst."
    )
    assessment: Literal["set", "unchanged"] | None = Field(
        default=None, description="What became of the service's assessment (light and note)."
    )
    errors: list[str] = Field(default_factory=list)


class UploadReport(BaseModel):
    """Every non-empty row is counted once: created, unchanged, or rejected with reasons."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "created": 2,
                    "unchanged": 0,
                    "proposals_created": 1,
                    "assessments_set": 1,
                    "rejected_rows": [
                        {
                            "sheet": "Angst",
                            "row": 9,
                            "errors": ["Trafikklys must be grønn, gul or rød, not 'blå'."],
                        }
                    ],
                    "rows_read": 3,
                    "rows_taken": 2,
                    "rows_already_taken": 0,
                    "rows_rejected": 1,
                    "rows": [
                        {
                            "sheet": "Angst",
                            "row": 2,
                            "outcome": "created",
                            "proposal": 14,
                            "proposal_outcome": "created",
                            "traffic_light": "yellow",
                            "assessment": "set",
                            "errors": [],
                        },
                    ],
                }
            ]
        }
    )

    created: int = Field(description="Rows that made a new proposal or set an assessment.")
    unchanged: int = Field(description="Rows already taken by an earlier upload.")
    proposals_created: int = Field(description="New change proposals made by this upload.")
    assessments_set: int = Field(description="Services whose traffic light or note changed.")
    rejected_rows: list[RejectedRow]
    rows_read: int = Field(default=0, description="Rows with anything filled in.")
    rows_taken: int = Field(default=0, description="Rows this upload stored (= `created`).")
    rows_already_taken: int = Field(
        default=0, description="Rows an earlier upload had stored already (= `unchanged`)."
    )
    rows_rejected: int = Field(default=0, description="Rows not stored; see `rejected_rows`.")
    rows: list[RowOutcome] = Field(
        default_factory=list, description="Every filled-in row, in order, and what it became."
    )
