"""Shapes of review cycles: the interval, a review mark, and what is due."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.reviews.cycle import ReviewStatus

Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class ReviewCycle(BaseModel):
    """How often a pathway is reviewed (null: no cycle kept)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"months": 24}]})

    months: int | None = Field(ge=1, le=120, description="Months between completed reviews.")


class ReviewCyclePublic(ReviewCycle):
    pathway: str


class ReviewMark(BaseModel):
    """An editor's mark that the locality has reviewed the pathway."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reviewed_on": "2026-11-30", "note": "Gjennomgått"}]},
    )

    reviewed_on: date | None = Field(default=None, description="Default: today. Not later.")
    note: Note = ""


class ReviewPublic(BaseModel):
    id: int
    locality: str
    pathway: str
    reviewed_on: date
    note: str
    recorded_by: str


class ReviewDue(BaseModel):
    """One pathway's review in one locality: when it was last reviewed, when it is due."""

    locality: str = Field(description="Where the review is held (it covers the subtree).")
    pathway: str
    title: str
    interval_months: int
    last_reviewed_on: date | None = Field(
        description="The latest review at the locality or above it (a closed round, or "
        "an editor's mark); null: never reviewed, counted from the pathway's creation."
    )
    due_on: date
    status: ReviewStatus
    days_overdue: int = Field(description="Days past `due_on` (0 when not yet due).")


class ReviewsDue(BaseModel):
    locality: str
    within_days: int
    items: list[ReviewDue]
