"""The search index: each layer's current entries as stemmed terms, and their vocabulary.

`app.search.index` writes it in the transaction of every revision written through the ORM
(beside the layer snapshots) and rebuilds what is behind on `forlop migrate`/`import`;
existing data gets its index from `forlop migrate` after this migration.

PostgreSQL: `pg_trgm` indexes the vocabulary for typo tolerance and prefix matching.
Where the extension cannot be created (no rights, not installed), the index is a plain
B-tree under the same name and the app matches typos in Python instead.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _trigram_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        try:
            with bind.begin_nested():
                bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
                bind.execute(
                    sa.text(
                        "CREATE INDEX ix_search_word_trgm ON search_word "
                        "USING gin (word gin_trgm_ops)"
                    )
                )
            return
        except sa.exc.DBAPIError:
            pass  # no pg_trgm here: a plain index; app.search.vocabulary falls back
    op.create_index("ix_search_word_trgm", "search_word", ["word"], unique=False)


def upgrade() -> None:
    op.create_table(
        "search_layer",
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "pathway_id", "locality_id", "section", name=op.f("pk_search_layer")
        ),
    )
    op.create_table(
        "search_word",
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_word")),
    )
    _trigram_index()
    op.create_table(
        "search_entry",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("pathway_id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("service_type_id", sa.Integer(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["text_revision.id"],
            name=op.f("fk_search_entry_revision_id_text_revision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("revision_id", name=op.f("pk_search_entry")),
    )
    op.create_index(
        "ix_search_entry_layer",
        "search_entry",
        ["pathway_id", "locality_id", "section"],
        unique=False,
    )
    op.create_index("ix_search_entry_locality", "search_entry", ["locality_id"], unique=False)
    op.create_table(
        "search_term",
        sa.Column("term", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("tf", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["search_entry.revision_id"],
            name=op.f("fk_search_term_revision_id_search_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "revision_id", name=op.f("pk_search_term")),
    )
    op.create_index("ix_search_term_revision", "search_term", ["revision_id"], unique=False)


def downgrade() -> None:
    op.drop_table("search_term")
    op.drop_table("search_entry")
    op.drop_index("ix_search_word_trgm", table_name="search_word")
    op.drop_table("search_word")
    op.drop_table("search_layer")
