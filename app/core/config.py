"""Settings, read once from the environment."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every knob of a deployment; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="FORLOP_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{ROOT / 'var' / 'forlop.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "FORLOP_DATABASE_URL"),
    )
    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 5 * 1024 * 1024
    cache_max_age: int = 60
    default_lang: Literal["nb", "nn"] = "nb"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_pool_timeout: float = 5.0
    # Seconds to wait for a new PostgreSQL connection (libpq takes at least 2).
    db_connect_timeout: int = Field(default=3, ge=2)
    sqlite_busy_timeout_ms: int = 10_000
    # Entries of decoded layer snapshots a process keeps (app/texts/decoded.py), ~1.5 kB each.
    layer_cache_entries: int = Field(default=60_000, ge=0)
    # Operations (README, "Operating Forløp"): logs, metrics, and per-process rate limits.
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"
    access_log_sample: float = Field(default=0.0, ge=0.0, le=1.0)
    metrics_enabled: bool = True
    # True only behind a proxy that sets X-Forwarded-For: the limits then key on its last hop.
    trusted_proxy: bool = False
    # Requests per client per minute (also the burst); 0 turns a limit off.
    rate_limit_registration: int = Field(default=30, ge=0)
    rate_limit_feedback: int = Field(default=30, ge=0)
    rate_limit_failed_auth: int = Field(default=10, ge=0)
    # Signs the tokens of the public forms (app/events/pages/csrf.py). Empty: one random
    # secret per process, so set it when running more than one worker or instance.
    form_secret: str = ""


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache to change them)."""
    return Settings()
