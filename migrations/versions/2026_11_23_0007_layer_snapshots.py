"""Layer snapshots: each layer's current entries per pathway section, beside the history.

`app.texts.snapshots` writes them; `ix_text_revision_layer` counts a layer's revisions
per section, which is how a reader knows a snapshot is still whole. Existing data gets
its snapshots from `forlop migrate` (a snapshot that is missing only makes reads slower).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "layer_snapshot",
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("built_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["locality.id"],
            ondelete="CASCADE",
            name=op.f("fk_layer_snapshot_locality_id_locality"),
        ),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["pathway.id"],
            ondelete="CASCADE",
            name=op.f("fk_layer_snapshot_pathway_id_pathway"),
        ),
        sa.PrimaryKeyConstraint(
            "pathway_id", "locality_id", "section", name=op.f("pk_layer_snapshot")
        ),
    )
    with op.batch_alter_table("text_revision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_text_revision_layer", ["pathway_id", "locality_id", "section"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("text_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_text_revision_layer")
    op.drop_table("layer_snapshot")
