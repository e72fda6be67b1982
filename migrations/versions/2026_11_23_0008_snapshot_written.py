"""Layer snapshots know, without counting, whether they are whole.

`layer_snapshot.written` is how many revisions a layer section has; triggers on
`text_revision` keep it, whoever writes (the app, a bulk import, SQL by hand). A snapshot
is whole while the revisions its body was built from (`revisions`) equal `written`, so a
reader checks it in the same query that fetches it instead of counting the history.
A deleted or changed revision sets `revisions` to -1: the body is unusable until rebuilt.

The body becomes text (it is UTF-8 JSON): PostgreSQL sends bytea hex-encoded, which
cost more than the query. Snapshots are derived data: the table is made anew, `written`
filled from the history, and `forlop migrate` rebuilds the bodies.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY = "pathway_id, locality_id, section"

_SQLITE_TRIGGERS = (
    f"""
    CREATE TRIGGER text_revision_written_insert AFTER INSERT ON text_revision
    BEGIN
        INSERT INTO layer_snapshot ({_KEY}, written, revisions)
        VALUES (NEW.pathway_id, NEW.locality_id, NEW.section, 1, 0)
        ON CONFLICT ({_KEY}) DO UPDATE SET written = written + 1;
    END
    """,
    """
    CREATE TRIGGER text_revision_written_delete AFTER DELETE ON text_revision
    BEGIN
        UPDATE layer_snapshot SET written = written - 1, revisions = -1
        WHERE pathway_id = OLD.pathway_id AND locality_id = OLD.locality_id
          AND section = OLD.section;
    END
    """,
    """
    CREATE TRIGGER text_revision_written_update AFTER UPDATE ON text_revision
    BEGIN
        UPDATE layer_snapshot SET revisions = -1
        WHERE (pathway_id = OLD.pathway_id AND locality_id = OLD.locality_id
               AND section = OLD.section)
           OR (pathway_id = NEW.pathway_id AND locality_id = NEW.locality_id
               AND section = NEW.section);
    END
    """,
)

# Statement-level with transition tables: a bulk insert of 200,000 rows costs one
# grouped upsert, not 200,000 trigger calls. An UPDATE is a delete and an insert here.
_PG_TRIGGERS = (
    f"""
    CREATE FUNCTION forlop_revisions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO layer_snapshot ({_KEY}, written, revisions)
        SELECT {_KEY}, count(*), 0 FROM new_rows GROUP BY {_KEY}
        ON CONFLICT ({_KEY}) DO UPDATE SET written = layer_snapshot.written + EXCLUDED.written;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE FUNCTION forlop_revisions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE layer_snapshot s SET written = s.written - d.n, revisions = -1
        FROM (SELECT {_KEY}, count(*) AS n FROM old_rows GROUP BY {_KEY}) d
        WHERE s.pathway_id = d.pathway_id AND s.locality_id = d.locality_id
          AND s.section = d.section;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER text_revision_written_insert AFTER INSERT ON text_revision
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forlop_revisions_inserted()
    """,
    """
    CREATE TRIGGER text_revision_written_delete AFTER DELETE ON text_revision
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forlop_revisions_deleted()
    """,
    """
    CREATE TRIGGER text_revision_written_update_old AFTER UPDATE ON text_revision
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forlop_revisions_deleted()
    """,
    """
    CREATE TRIGGER text_revision_written_update_new AFTER UPDATE ON text_revision
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forlop_revisions_inserted()
    """,
)


def _create_table(body_type: sa.types.TypeEngine, *, nullable: bool, with_written: bool) -> None:
    columns = [
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    ]
    if with_written:
        columns.append(sa.Column("written", sa.Integer(), nullable=False))
    columns += [
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("built_at", app.models.base.UTCDateTime(timezone=True), nullable=nullable),
        sa.Column("body", body_type, nullable=nullable),
    ]
    op.create_table(
        "layer_snapshot",
        *columns,
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


def upgrade() -> None:
    op.drop_table("layer_snapshot")
    _create_table(sa.Text(), nullable=True, with_written=True)
    op.execute(
        f"INSERT INTO layer_snapshot ({_KEY}, written, revisions) "
        f"SELECT {_KEY}, count(*), 0 FROM text_revision GROUP BY {_KEY}"
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_TRIGGERS if postgres else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in (
        "text_revision_written_insert",
        "text_revision_written_delete",
        "text_revision_written_update",
        "text_revision_written_update_old",
        "text_revision_written_update_new",
    ):
        op.execute(
            f"DROP TRIGGER IF EXISTS {name} ON text_revision"
            if postgres
            else f"DROP TRIGGER IF EXISTS {name}"
        )
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS forlop_revisions_inserted()")
        op.execute("DROP FUNCTION IF EXISTS forlop_revisions_deleted()")
    op.drop_table("layer_snapshot")
    _create_table(sa.LargeBinary(), nullable=False, with_written=False)
