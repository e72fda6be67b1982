"""Alembic environment: the URL from the app's settings, the metadata from app.models."""

from alembic import context
from sqlalchemy import Connection

import app.models  # noqa: F401  (registers every table)
from app.core.db import get_engine
from app.models import SQLModel

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with get_engine().connect() as conn:
        _run(conn)
        conn.commit()
