"""Request and response shapes of the case library."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.models.base import CODE_PATTERN, Lang, RevisionStatus

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

    model_config = ConfigDict(extra="forbid")

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
