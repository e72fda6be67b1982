"""The locality tree: region → health community → municipality."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class LocalityBase(SQLModel):
    code: str = Field(max_length=63, unique=True, index=False)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)


class Locality(LocalityBase, table=True):
    __tablename__ = "locality"
    __table_args__ = (
        CheckConstraint("kind IN ('region', 'health_community', 'municipality')", name="kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("locality.id", ondelete="RESTRICT"), index=True),
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
