"""A pathway has an owner (the locality holding its base text); pathways are adopted.

`pathway.owner_id` names the locality whose layer holds the base text. Existing pathways
get the region (the root of the tree, the lowest id if there were several): until now
every base text was written at the root, so nothing changes for them.
`pathway_adoption` lists the localities outside the owner's subtree that use a pathway.

On SQLite the column is added with a plain ALTER TABLE and made NOT NULL in the table's
recorded definition, as 0009 does: copying `pathway` is impossible while rows refer to it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 10:40:00
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
import sqlmodel

import app.models.base
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FK = "fk_pathway_owner_id_locality"
_FK_SQL = f", CONSTRAINT {_FK} FOREIGN KEY(owner_id) REFERENCES locality (id) ON DELETE RESTRICT"
_BACKFILL = """
    UPDATE pathway SET owner_id = (
        SELECT MIN(id) FROM locality WHERE parent_id IS NULL
    )
"""


def _edit_sqlite_definition(edit: Callable[[str], str]) -> None:
    conn = op.get_bind()
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'pathway'"
    ).scalar_one()
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'pathway'", (edit(sql),)
    )
    conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    conn = op.get_bind()
    orphaned = conn.exec_driver_sql(
        "SELECT COUNT(*) FROM pathway WHERE NOT EXISTS "
        "(SELECT 1 FROM locality WHERE parent_id IS NULL)"
    ).scalar_one()
    if orphaned:
        raise RuntimeError("Pathways exist but no region does: create the region first.")
    if conn.dialect.name == "postgresql":
        op.add_column("pathway", sa.Column("owner_id", sa.Integer(), nullable=True))
        op.execute(_BACKFILL)
        op.alter_column("pathway", "owner_id", nullable=False)
        op.create_foreign_key(_FK, "pathway", "locality", ["owner_id"], ["id"], ondelete="RESTRICT")
    else:
        conn.exec_driver_sql("ALTER TABLE pathway ADD COLUMN owner_id INTEGER")
        op.execute(_BACKFILL)
        # NOT NULL and a named table constraint, as a CREATE TABLE would have written them.
        _edit_sqlite_definition(
            lambda sql: sql.replace("owner_id INTEGER", "owner_id INTEGER NOT NULL").rstrip()[:-1]
            + _FK_SQL
            + ")"
        )
    op.create_index("ix_pathway_owner_id", "pathway", ["owner_id"], unique=False)
    op.create_table(
        "pathway_adoption",
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("adopted_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"],
            ["locality.id"],
            name=op.f("fk_pathway_adoption_locality_id_locality"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["pathway.id"],
            name=op.f("fk_pathway_adoption_pathway_id_pathway"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pathway_id", "locality_id", name=op.f("pk_pathway_adoption")),
    )
    op.create_index(
        op.f("ix_pathway_adoption_locality_id"), "pathway_adoption", ["locality_id"], unique=False
    )


def downgrade() -> None:
    # Adoptions are lost: before 0015 every locality used every pathway.
    op.drop_index(op.f("ix_pathway_adoption_locality_id"), table_name="pathway_adoption")
    op.drop_table("pathway_adoption")
    op.drop_index("ix_pathway_owner_id", table_name="pathway")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(_FK, "pathway", type_="foreignkey")
        op.drop_column("pathway", "owner_id")
        return
    # SQLite refuses to drop a column a foreign key names: forget the constraint first.
    _edit_sqlite_definition(
        lambda sql: sql.replace(_FK_SQL, "").replace("owner_id INTEGER NOT NULL", "owner_id INTEGER")
    )
    op.get_bind().exec_driver_sql("ALTER TABLE pathway DROP COLUMN owner_id")
