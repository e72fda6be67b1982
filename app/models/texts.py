"""Text revisions: the append-only history of every layer of every slot."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    Text,
    text,
)
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, created_at_field


class TextRevision(SQLModel, table=True):
    """One immutable write to one layer (locality) of one slot, in one language.

    `mode` is `replace`, `append` or `hide`, or `inherit` for the tombstone a DELETE
    leaves: the layer has no entry from then on, and history keeps what it had.
    """

    __tablename__ = "text_revision"
    __table_args__ = (
        CheckConstraint("mode IN ('replace', 'append', 'hide', 'inherit')", name="mode"),
        CheckConstraint("lang IN ('nb', 'nn')", name="lang"),
        CheckConstraint("status IN ('draft', 'published', 'called_off')", name="status"),
        CheckConstraint("change_kind IN ('substantive', 'editorial')", name="change_kind"),
        CheckConstraint(
            "section IN ('role', 'assessment', 'measures', 'evaluation', 'collaboration',"
            " 'referral', 'links')",
            name="section",
        ),
        # The merge reads a pathway's rows for a chain of layers in one query.
        Index("ix_text_revision_slot", "pathway_id", "locality_id", "service_type_id", "section"),
        # Counts per layer and section: whether a layer snapshot is still whole.
        Index("ix_text_revision_layer", "pathway_id", "locality_id", "section"),
        # Covers phase one of `app.texts.queries.load_current`: picking the current entries
        # of a chain reads no table rows (texts are fetched for the winners only).
        Index(
            "ix_text_revision_current",
            "pathway_id",
            "locality_id",
            "created_at",
            "valid_from",
            "id",
            "service_type_id",
            "section",
            "lang",
            "status",
            "change_kind",
        ),
        # Scheduled revisions only (few): the deliverer asks every second which fell due.
        Index(
            "ix_text_revision_scheduled",
            "valid_from",
            sqlite_where=text("valid_from IS NOT NULL"),
            postgresql_where=text("valid_from IS NOT NULL"),
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
    status: str = Field(default="published", max_length=16)
    valid_from: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    based_on: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("text_revision.id", ondelete="RESTRICT")),
    )
    change_kind: str = Field(default="substantive", max_length=16)
    needs_local_adaptation: bool = Field(default=False)
    author: str = Field(max_length=200)
    note: str | None = Field(default=None, sa_type=Text)
    proposal_id: int | None = Field(default=None, index=True)
    created_at: datetime = created_at_field()
    # Set once, when an editor calls off a scheduled revision (status `called_off`).
    called_off_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    called_off_by: str | None = Field(default=None, max_length=200)


class LayerSnapshot(SQLModel, table=True):
    """One layer's current entries of one pathway section, derived from the revisions.

    `written` is how many revisions the layer section has, kept by triggers on
    `text_revision` (migration 0008) whoever writes. `body` is rebuilt in the transaction
    of every revision written through the ORM (`app.texts.snapshots`) and records in
    `revisions` how many it was built from: it is whole while the two are equal, so a
    reader tells a snapshot a bulk write left behind and falls back to the history.
    """

    __tablename__ = "layer_snapshot"
    __table_args__ = (PrimaryKeyConstraint("pathway_id", "locality_id", "section"),)

    pathway_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pathway.id", ondelete="CASCADE"), nullable=False)
    )
    locality_id: int = Field(
        sa_column=Column(Integer, ForeignKey("locality.id", ondelete="CASCADE"), nullable=False)
    )
    section: str = Field(max_length=32)
    written: int
    revisions: int
    built_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    body: str | None = Field(default=None, sa_type=Text)
