"""Change proposals, their comments, review rounds and the rounds' traffic-light assessments."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, created_at_field

_LIGHTS = "traffic_light IN ('green', 'yellow', 'red')"


class ReviewRound(SQLModel, table=True):
    """A time-boxed review (lokal revisjon) of chosen pathways in a health community."""

    __tablename__ = "review_round"
    __table_args__ = (CheckConstraint("closes_at > opens_at", name="period"),)

    id: int | None = Field(default=None, primary_key=True)
    locality_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("locality.id", ondelete="RESTRICT"), index=True, nullable=False
        )
    )
    title: str = Field(max_length=200)
    opens_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    closes_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    created_by: str = Field(max_length=200)
    created_at: datetime = created_at_field()


class ReviewRoundPathway(SQLModel, table=True):
    """A pathway under review in a round, at a position in the round's order."""

    __tablename__ = "review_round_pathway"

    round_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("review_round.id", ondelete="CASCADE"), primary_key=True
        )
    )
    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="RESTRICT"), primary_key=True)
    )
    position: int = Field(nullable=False)


class ChangeProposal(SQLModel, table=True):
    """A proposed new entry for one layer of one slot, and what became of it."""

    __tablename__ = "change_proposal"
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'accepted', 'rejected', 'withdrawn')", name="status"
        ),
        CheckConstraint("mode IN ('replace', 'append', 'hide')", name="mode"),
        CheckConstraint("lang IN ('nb', 'nn')", name="lang"),
        CheckConstraint(f"traffic_light IS NULL OR {_LIGHTS}", name="traffic_light"),
        # The workbook upload looks for a proposal it already made for this row.
        Index(
            "ix_change_proposal_slot",
            "round_id",
            "locality_id",
            "pathway_id",
            "service_type_id",
            "section",
        ),
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
    service_type_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("service_type.id", ondelete="RESTRICT"), nullable=False
        )
    )
    section: str = Field(max_length=32)
    lang: str = Field(max_length=2)
    mode: str = Field(max_length=16)
    text: str | None = Field(default=None, sa_type=Text)
    rationale: str = Field(default="", sa_type=Text)
    service_work: str = Field(default="", sa_type=Text)
    traffic_light: str | None = Field(default=None, max_length=8)
    status: str = Field(default="submitted", max_length=16)
    proposer: str = Field(max_length=200, index=True)
    # Where the proposer works (its key's scope when it proposed): a proposal to the
    # region's base text shows which municipality it comes from.
    proposer_locality: str | None = Field(default=None, max_length=64)
    # What the proposal was written against: the layer's current entry, else the inherited.
    based_on: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("text_revision.id", ondelete="RESTRICT")),
    )
    round_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("review_round.id", ondelete="RESTRICT")),
    )
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str | None = Field(default=None, sa_type=Text)
    # The revision an accept wrote.
    revision_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("text_revision.id", ondelete="RESTRICT")),
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ProposalComment(SQLModel, table=True):
    """One comment on a proposal."""

    __tablename__ = "proposal_comment"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("change_proposal.id", ondelete="CASCADE"),
            index=True,
            nullable=False,
        )
    )
    author: str = Field(max_length=200)
    text: str = Field(sa_type=Text)
    created_at: datetime = created_at_field()


class Assessment(SQLModel, table=True):
    """A municipality's traffic light for one service type of one pathway in a round."""

    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint(_LIGHTS, name="traffic_light"),
        UniqueConstraint("round_id", "municipality_id", "pathway_id", "service_type_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(
        sa_column=Column(Integer, ForeignKey("review_round.id", ondelete="CASCADE"), nullable=False)
    )
    municipality_id: int = Field(
        sa_column=Column(Integer, ForeignKey("locality.id", ondelete="RESTRICT"), nullable=False)
    )
    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="RESTRICT"), nullable=False)
    )
    service_type_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("service_type.id", ondelete="RESTRICT"), nullable=False
        )
    )
    traffic_light: str = Field(max_length=8)
    note: str | None = Field(default=None, sa_type=Text)
    author: str = Field(max_length=200)
    updated_at: datetime = created_at_field()
