"""The migrations build the schema the models describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.core.db import build_engine
from app.core.migrate import downgrade, upgrade
from app.models import SQLModel


def _diff(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, SQLModel.metadata)


def test_models_and_migrations_agree(db_url):
    engine = build_engine(db_url)
    try:
        assert _diff(engine) == []
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    engine = build_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"locality", "text_revision", "change_log", "api_key"} <= tables
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) == tables
        assert _diff(engine) == []
    finally:
        engine.dispose()
