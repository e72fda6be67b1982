"""Applying the Alembic migrations from code (CLI, `serve`, tests)."""

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from app.core.config import ROOT
from app.core.db import get_engine


def alembic_config() -> Config:
    """The project's Alembic configuration, wherever the process was started from."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    return cfg


def upgrade(engine: Engine | None = None, revision: str = "head") -> None:
    """Bring the database up to `revision` (default: the newest)."""
    cfg = alembic_config()
    with (engine or get_engine()).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine | None = None, revision: str = "base") -> None:
    """Take the database back to `revision` (default: empty)."""
    cfg = alembic_config()
    with (engine or get_engine()).begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
