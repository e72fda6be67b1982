"""Pathways (forløp) and their ordered participating service types."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class PathwayBase(SQLModel):
    slug: str = Field(max_length=63, unique=True)
    title: str = Field(max_length=200)
    title_nn: str | None = Field(default=None, max_length=200)
    summary: str = Field(default="", sa_type=Text)
    target_group: str = Field(default="", sa_type=Text)
    # Nynorsk variants; None means a nynorsk reader gets the bokmål text.
    summary_nn: str | None = Field(default=None, sa_type=Text)
    target_group_nn: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="draft", max_length=16)
    # Review cycle: months between completed reviews (None: no cycle kept).
    review_interval_months: int | None = Field(default=None, ge=1, le=120)


class Pathway(PathwayBase, table=True):
    __tablename__ = "pathway"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'retired')", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The locality whose layer holds the base text (usually a region; migration 0015).
    owner_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), nullable=False, index=True
        )
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class PathwayAdoption(SQLModel, table=True):
    """A locality outside the owner's subtree that uses the pathway, merged live.

    For the adopter's subtree the pathway's chain is the owner's base layer, then the
    adopter's own layers down to the locality (`app/pathways/adoption.py`).
    """

    __tablename__ = "pathway_adoption"

    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="CASCADE"), primary_key=True)
    )
    locality_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), primary_key=True, index=True
        )
    )
    adopted_by: str = Field(max_length=200)
    created_at: datetime = created_at_field()


class PathwayServiceType(SQLModel, table=True):
    """A service type taking part in a pathway, at a position in its order."""

    __tablename__ = "pathway_service_type"

    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="CASCADE"), primary_key=True)
    )
    service_type_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("service_type.id", ondelete="RESTRICT"), primary_key=True
        )
    )
    position: int = Field(nullable=False)
