"""Pathways get nynorsk variants of their summary and target group.

`summary_nn` and `target_group_nn` are nullable: an absent variant means a nynorsk reader
gets the bokmål text, so existing pathways need no backfill.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pathway") as batch:
        batch.add_column(sa.Column("summary_nn", sa.Text(), nullable=True))
        batch.add_column(sa.Column("target_group_nn", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pathway") as batch:
        batch.drop_column("target_group_nn")
        batch.drop_column("summary_nn")
