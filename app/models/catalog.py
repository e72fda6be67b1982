"""The regional catalogue of service types and the real units that deliver them."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field


class ServiceTypeBase(SQLModel):
    code: str = Field(max_length=63, unique=True)
    name: str = Field(max_length=200)
    name_nn: str | None = Field(default=None, max_length=200)
    level: str = Field(max_length=32)
    description: str = Field(default="", sa_type=Text)


class ServiceType(ServiceTypeBase, table=True):
    __tablename__ = "service_type"
    __table_args__ = (
        CheckConstraint("level IN ('municipal', 'specialist', 'state', 'other')", name="level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ServiceUnitBase(SQLModel):
    name: str = Field(max_length=200)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    visiting_address: str | None = Field(default=None, max_length=300)


class ServiceUnit(ServiceUnitBase, table=True):
    __tablename__ = "service_unit"

    id: int | None = Field(default=None, primary_key=True)
    locality_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), index=True, nullable=False
        )
    )
    service_type_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("service_type.id", ondelete="RESTRICT"), index=True, nullable=False
        )
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ServiceUnitCatchment(SQLModel, table=True):
    """A municipality a unit also serves outside its own locality (BUP catchments)."""

    __tablename__ = "service_unit_catchment"

    unit_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("service_unit.id", ondelete="CASCADE"), primary_key=True
        )
    )
    locality_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
