"""Request and response shapes of adoptions."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from app.models.base import CODE_PATTERN, LocalityKind

Slug = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]


class AdoptionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"pathway": "angst"}]}
    )

    pathway: Slug


class PlaceRef(BaseModel):
    code: str
    name: str
    kind: LocalityKind


class AdoptionPublic(BaseModel):
    """A locality that uses another owner's pathway: its chain merges the owner's base text."""

    pathway: str
    owner: PlaceRef
    locality: PlaceRef
    adopted_at: datetime


class AdoptionPage(BaseModel):
    items: list[AdoptionPublic]
    next_cursor: str | None = None
