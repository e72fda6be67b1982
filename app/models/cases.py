"""Cases: real (anonymised) or fictional stories walked through a pathway's map."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, created_at_field


class Case(SQLModel, table=True):
    """One case in the library, owned by a locality; public once published.

    `concerns` is a list of strings; `questions` a list of `{"role", "questions": [..]}`
    where `role` is a service type code or a free role such as `brukerrepresentant`.
    """

    __tablename__ = "case"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("lang IN ('nb', 'nn')", name="lang"),
        CheckConstraint("age IS NULL OR (age >= 0 AND age <= 25)", name="age"),
        Index("ix_case_pathway_status", "pathway_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    locality_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), index=True, nullable=False
        )
    )
    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="RESTRICT"), nullable=False)
    )
    title: str = Field(max_length=200)
    age: int | None = Field(default=None)
    story: str = Field(sa_type=Text)
    concerns: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    questions: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    entry_point: str | None = Field(default=None, max_length=63)
    fictional: bool = Field(default=True)
    lang: str = Field(default="nb", max_length=2)
    status: str = Field(default="draft", max_length=16)
    version: int = Field(default=1)
    author: str = Field(max_length=200)
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
