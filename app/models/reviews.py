"""Completed reviews of pathways that editors mark (closed review rounds count too)."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class PathwayReview(SQLModel, table=True):
    """An editor's mark that a locality has reviewed a pathway (rounds count by closing)."""

    __tablename__ = "pathway_review"
    __table_args__ = (Index("ix_pathway_review_pathway_locality", "pathway_id", "locality_id"),)

    id: int | None = Field(default=None, primary_key=True)
    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="CASCADE"), nullable=False)
    )
    locality_id: int = Field(
        sa_column=Column(Integer, ForeignKey("locality.id", ondelete="RESTRICT"), nullable=False)
    )
    reviewed_on: date
    note: str = Field(default="", max_length=2000)
    recorded_by: str = Field(max_length=200)
    created_at: datetime = created_at_field()
