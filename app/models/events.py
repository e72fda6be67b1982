"""Collaboration days: events, programme, checklist, participants, seating and feedback."""

import datetime as dt
from datetime import datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Text,
    Time,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, created_at_field

EVENT_STATUSES = ("planned", "open", "closed", "held")
PROGRAMME_KINDS = ("talk", "group_work", "information", "break")
PARTICIPANT_KINDS = ("professional", "leader", "gp", "youth", "parent", "user_org")
REGISTRATION_STATUSES = ("registered", "waitlisted", "cancelled")
QUESTION_KINDS = ("scale", "text")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), index=True, nullable=nullable)


class Event(SQLModel, table=True):
    """A collaboration day owned by a locality (usually a health community)."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint(_in("status", EVENT_STATUSES), name="status"),
        CheckConstraint("table_min >= 2 AND table_max >= table_min", name="table_range"),
        CheckConstraint("capacity >= 1", name="capacity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    locality_id: int = Field(sa_column=_fk("locality.id", ondelete="RESTRICT"))
    title: str = Field(max_length=200)
    date: dt.date = Field(sa_column=Column(Date, nullable=False))
    start_time: time = Field(sa_column=Column(Time, nullable=False))
    end_time: time = Field(sa_column=Column(Time, nullable=False))
    venue: str = Field(default="", max_length=300)
    capacity: int
    table_min: int = 6
    table_max: int = 8
    learning_goals: str = Field(default="", sa_type=Text)
    status: str = Field(default="planned", max_length=16)
    # The invitation organisers send (the starting point's suggestion, then their own words).
    invitation: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ProgrammeItem(SQLModel, table=True):
    """One part of an event's programme."""

    __tablename__ = "event_programme_item"
    __table_args__ = (CheckConstraint(_in("kind", PROGRAMME_KINDS), name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    position: int
    start_time: time = Field(sa_column=Column(Time, nullable=False))
    title: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    speaker: str | None = Field(default=None, max_length=200)


class ChecklistItem(SQLModel, table=True):
    """One task on an event's planning checklist."""

    __tablename__ = "event_checklist_item"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    position: int
    text: str = Field(max_length=300)
    done: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Participant(SQLModel, table=True):
    """A registration; name, e-mail, organisation and diet are wiped on erasure."""

    __tablename__ = "event_participant"
    __table_args__ = (
        CheckConstraint(_in("kind", PARTICIPANT_KINDS), name="kind"),
        CheckConstraint(_in("status", REGISTRATION_STATUSES), name="status"),
        # NULLs do not collide, so a cancelled or erased registration frees its e-mail.
        UniqueConstraint("event_id", "email"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    organisation: str | None = Field(default=None, max_length=200)
    dietary: str | None = Field(default=None, max_length=500)
    kind: str = Field(max_length=16)
    service_type_id: int | None = Field(
        default=None, sa_column=_fk("service_type.id", ondelete="RESTRICT", nullable=True)
    )
    municipality_id: int = Field(sa_column=_fk("locality.id", ondelete="RESTRICT"))
    # The unit, kept as a hash after erasure so seating can still keep colleagues apart.
    unit_key: str | None = Field(default=None, max_length=64)
    status: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True)
    table_no: int | None = None
    locked: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    created_at: datetime = created_at_field()
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SeatingRun(SQLModel, table=True):
    """The latest seating of an event: its seed and the optimiser's report (JSON)."""

    __tablename__ = "event_seating"

    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    )
    seed: int
    report: str = Field(sa_type=Text)
    created_at: datetime = created_at_field()


class FeedbackQuestion(SQLModel, table=True):
    """A question asked after an event: a 1–5 scale or free text."""

    __tablename__ = "feedback_question"
    __table_args__ = (CheckConstraint(_in("kind", QUESTION_KINDS), name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    position: int
    text: str = Field(max_length=500)
    kind: str = Field(max_length=8)


class FeedbackToken(SQLModel, table=True):
    """One anonymous answer link; only its hash is stored, and no answer points back."""

    __tablename__ = "feedback_token"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))
    token_hash: str = Field(max_length=64, unique=True)
    used: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))


class FeedbackResponse(SQLModel, table=True):
    """One anonymous set of answers (deliberately without a time or a token)."""

    __tablename__ = "feedback_response"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(sa_column=_fk("event.id"))


class FeedbackAnswer(SQLModel, table=True):
    """The answer to one question within a response."""

    __tablename__ = "feedback_answer"
    __table_args__ = (
        CheckConstraint("value IS NULL OR (value >= 1 AND value <= 5)", name="value"),
    )

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(sa_column=_fk("feedback_response.id"))
    question_id: int = Field(sa_column=_fk("feedback_question.id"))
    value: int | None = None
    text: str | None = Field(default=None, sa_type=Text)
