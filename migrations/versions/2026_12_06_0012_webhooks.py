"""Webhooks: subscriptions, the outbox and the delivery log; review cycles; open log actions.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 07:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webhook_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("locality", sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True),
        sa.Column("pathway", sqlmodel.sql.sqltypes.AutoString(length=63), nullable=True),
        sa.Column("fanned_out", sa.Boolean(), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["change_seq"],
            ["change_log.seq"],
            name=op.f("fk_webhook_event_change_seq_change_log"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_event")),
    )
    with op.batch_alter_table("webhook_event", schema=None) as batch_op:
        batch_op.create_index("ix_webhook_event_pending", ["fanned_out", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhook_event_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "pathway_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["locality.id"],
            name=op.f("fk_pathway_review_locality_id_locality"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["pathway.id"],
            name=op.f("fk_pathway_review_pathway_id_pathway"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathway_review")),
    )
    with op.batch_alter_table("pathway_review", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pathway_review_pathway_locality", ["pathway_id", "locality_id"], unique=False
        )

    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("event_kinds", sa.JSON(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=True),
        sa.Column("pathways", sa.JSON(), nullable=False),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("disabled_at", app.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["locality.id"],
            name=op.f("fk_webhook_subscription_locality_id_locality"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscription")),
    )
    with op.batch_alter_table("webhook_subscription", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_subscription_locality_id"), ["locality_id"], unique=False
        )

    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_attempt_at", app.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", app.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("delivered_at", app.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'failed')", name=op.f("ck_webhook_delivery_status")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["webhook_event.id"],
            name=op.f("fk_webhook_delivery_event_id_webhook_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["webhook_subscription.id"],
            name=op.f("fk_webhook_delivery_subscription_id_webhook_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
    )
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.create_index(
            "ix_webhook_delivery_due", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_delivery_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            "ix_webhook_delivery_subscription", ["subscription_id", "id"], unique=False
        )

    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cause", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.drop_constraint("action", type_="check")
        batch_op.create_check_constraint("action_given", "action <> ''")

    with op.batch_alter_table("pathway", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_interval_months", sa.Integer(), nullable=True))

    op.create_index(
        "ix_text_revision_scheduled",
        "text_revision",
        ["valid_from"],
        unique=False,
        sqlite_where=sa.text("valid_from IS NOT NULL"),
        postgresql_where=sa.text("valid_from IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_text_revision_scheduled", table_name="text_revision")
    with op.batch_alter_table("pathway", schema=None) as batch_op:
        batch_op.drop_column("review_interval_months")

    op.execute("DELETE FROM change_log WHERE action NOT IN ('upsert', 'delete')")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_column("cause")
        batch_op.drop_constraint("action_given", type_="check")
        batch_op.create_check_constraint("action", "action IN ('upsert', 'delete')")

    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_delivery_subscription")
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_event_id"))
        batch_op.drop_index("ix_webhook_delivery_due")

    op.drop_table("webhook_delivery")
    with op.batch_alter_table("webhook_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_subscription_locality_id"))

    op.drop_table("webhook_subscription")
    with op.batch_alter_table("pathway_review", schema=None) as batch_op:
        batch_op.drop_index("ix_pathway_review_pathway_locality")

    op.drop_table("pathway_review")
    with op.batch_alter_table("webhook_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_event_change_seq"))
        batch_op.drop_index("ix_webhook_event_pending")

    op.drop_table("webhook_event")
