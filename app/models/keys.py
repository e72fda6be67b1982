"""API keys: a name, a role, a scope; only the token's hash is stored."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, created_at_field


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"
    __table_args__ = (
        CheckConstraint("role IN ('reader', 'contributor', 'editor', 'admin')", name="role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    role: str = Field(max_length=16)
    locality_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("locality.id", ondelete="RESTRICT")),
    )
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
