"""Texts editing: indexes the changes feed needs to announce scheduled revisions.

The feed looks for published revisions whose `valid_from` has passed (index on
`text_revision.valid_from`) and have no log entry yet (index on `change_log.entity_id`).
`ix_text_revision_current` covers the narrow first read of a merged view.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("text_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_revision_valid_from"), ["valid_from"], unique=False)
        batch_op.create_index(
            "ix_text_revision_current",
            [
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
            ],
            unique=False,
        )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_entity_id"), ["entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_entity_id"))
    with op.batch_alter_table("text_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_text_revision_current")
        batch_op.drop_index(batch_op.f("ix_text_revision_valid_from"))
