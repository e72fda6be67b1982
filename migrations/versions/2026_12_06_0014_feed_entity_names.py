"""The changes feed names each kind of thing one way, whoever wrote it.

The demo seed logged service units as `unit` (the API: `service_unit`) and cases by their
title (the API: by their number). Entries already in the log are renamed to what the API
writes, so a reader of the feed sees one name per entity in old entries too.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE change_log SET entity = 'service_unit' WHERE entity = 'unit'")
    op.execute(
        """
        UPDATE change_log
        SET entity_id = (
            SELECT CAST(MIN(c.id) AS VARCHAR(32)) FROM "case" c WHERE c.title = change_log.entity_id
        )
        WHERE entity = 'case'
          AND EXISTS (SELECT 1 FROM "case" c WHERE c.title = change_log.entity_id)
        """
    )


def downgrade() -> None:
    # The old names told less (a title is not a key), and the API's own entries never had
    # them: nothing to restore. The log stays append-only in meaning.
    pass
