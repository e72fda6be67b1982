"""Scheduled revisions can be called off; a proposal records where its proposer works.

`text_revision.status` gains `called_off` (with who and when): a scheduled revision an
editor called off before it took effect stays in the history and never takes effect.
`change_proposal.proposer_locality` is the proposer key's scope when it proposed.

On SQLite the status check is changed in the table's recorded definition (see
`_status_check`): copying the table is not possible while rows refer to it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 07:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "status IN ('draft', 'published')"
_NEW = "status IN ('draft', 'published', 'called_off')"


def _status_check(check: str) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.drop_constraint(op.f("ck_text_revision_status"), "text_revision", type_="check")
        op.create_check_constraint(op.f("ck_text_revision_status"), "text_revision", check)
        return
    # Copying the table (batch mode) cannot be done while other tables' rows refer to it
    # with foreign keys on, and the pragma that turns them off is refused inside the
    # migration's transaction. A CHECK constraint does not change the file format, so the
    # table's recorded definition is edited in place (sqlite.org/lang_altertable.html).
    conn = op.get_bind()
    old, new = (_OLD, _NEW) if check == _NEW else (_NEW, _OLD)
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
        "WHERE type = 'table' AND name = 'text_revision'",
        (old, new),
    )
    conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    with op.batch_alter_table("change_proposal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "proposer_locality", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
            )
        )
    with op.batch_alter_table("text_revision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("called_off_at", app.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("called_off_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
    _status_check(_NEW)


def downgrade() -> None:
    # Called-off revisions stay in the history, as drafts (never shown to the public).
    op.execute("UPDATE text_revision SET status = 'draft' WHERE status = 'called_off'")
    _status_check(_OLD)
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table copy, see `_status_check`.
    op.drop_column("text_revision", "called_off_by")
    op.drop_column("text_revision", "called_off_at")
    op.drop_column("change_proposal", "proposer_locality")
