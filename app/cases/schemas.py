"""Request and response shapes of the case library."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.maps.view_schemas import FindingPublic, MapLocality, MapPathway, MapUnit
from app.models.base import CODE_PATTERN, Lang, RevisionStatus, Section, ServiceLevel

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Concern = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Story = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


class RoleQuestions(BaseModel):
    """Discussion questions for one role at the table."""

    model_config = ConfigDict(extra="forbid")

    role: str = Field(
        pattern=CODE_PATTERN,
        description="A service type code (`skole`) or a free role (`brukerrepresentant`).",
    )
    questions: list[Line] = Field(min_length=1, max_length=20)


class CaseCreate(BaseModel):
    """A new case, owned by the locality in the path."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Emma vil ikke på skolen",
                    "age": 9,
                    "pathway": "angst",
                    "entry_point": "skole",
                    "fictional": True,
                    "story": "Emma har hatt mye fravær siden høstferien …",
                    "concerns": ["skolefravær", "magesmerter"],
                    "questions": [{"role": "skole", "questions": ["Hva gjør dere først?"]}],
                    "status": "published",
                }
            ]
        },
    )

    title: Title
    age: int | None = Field(default=None, ge=0, le=25)
    story: Story
    concerns: list[Concern] = Field(default_factory=list, max_length=30)
    pathway: str = Field(pattern=CODE_PATTERN, description="The pathway the case walks.")
    entry_point: str | None = Field(
        default=None, pattern=CODE_PATTERN, description="Who notices first (a service type)."
    )
    fictional: bool = True
    questions: list[RoleQuestions] = Field(default_factory=list, max_length=30)
    lang: Lang = Lang.nb
    status: RevisionStatus = RevisionStatus.draft


class CaseUpdate(BaseModel):
    """A change to a case (If-Match); fields left out stay as they are."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"age": 10, "concerns": ["skolefravær", "søvnvansker"]}]},
    )

    title: Title | None = None
    age: int | None = Field(default=None, ge=0, le=25)
    story: Story | None = None
    concerns: list[Concern] | None = Field(default=None, max_length=30)
    pathway: str | None = Field(default=None, pattern=CODE_PATTERN)
    entry_point: str | None = Field(default=None, pattern=CODE_PATTERN)
    fictional: bool | None = None
    questions: list[RoleQuestions] | None = Field(default=None, max_length=30)
    lang: Lang | None = None
    status: RevisionStatus | None = None


class CasePublic(BaseModel):
    """A case as the API shows it."""

    id: int
    locality: str
    pathway: str
    title: str
    age: int | None
    story: str
    concerns: list[str]
    entry_point: str | None
    fictional: bool
    questions: list[RoleQuestions]
    lang: str
    status: str
    version: int
    author: str
    created_at: datetime
    updated_at: datetime


class CasePage(BaseModel):
    items: list[CasePublic]
    next_cursor: str | None = None


class WalkServiceType(BaseModel):
    code: str
    name: str
    level: ServiceLevel


class WalkSection(BaseModel):
    key: Section
    label: str
    text: str | None
    html: str | None
    origin: Literal["regional", "local", "mixed"] | None
    stale: bool


class WalkReferral(BaseModel):
    service_type: str
    name: str
    label: str
    back: bool
    hidden: bool
    origin: Literal["regional", "local"]


class WalkStep(BaseModel):
    step: int
    depth: int
    service_type: WalkServiceType
    entry_point: bool
    units: list[MapUnit]
    sections: list[WalkSection]
    refers_to: list[WalkReferral]
    findings: list[FindingPublic]
    questions: list[str]


class NotReached(BaseModel):
    code: str
    name: str


class CaseWalk(BaseModel):
    """A case walked through its pathway's map in a municipality."""

    case: CasePublic
    pathway: MapPathway
    locality: MapLocality
    lang: str
    start: str
    start_note: dict[str, str] | None
    steps: list[WalkStep]
    not_reached: list[NotReached]
    general_questions: list[RoleQuestions]
    findings: list[FindingPublic]
