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
    # Where this deployment is reached from outside: problem `type`s, FHIR and HSDS
    # canonical URLs are built under it, so a self-hosting region names its own.
    public_url: str = Field(default="https://forlop.no", pattern=r"^https?://[^\s?#]+$")
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 5 * 1024 * 1024
    cache_max_age: int = 60
    default_lang: Literal["nb", "nn"] = "nb"
    # Requests a worker process runs at once in threads (routes that touch the database;
    # cached reads are answered on the event loop without one). Few threads finish each
    # request sooner: measured on 2 cores under mixed load, 6 (with 3 write slots) served
    # 1.2–1.6 times the requests per second of anyio's default 40 (README, "Performance").
    worker_threads: int = Field(default=6, ge=1, le=256)
    # Writes a process runs at once (the rest wait without a thread): a write waiting for a
    # lock holds its thread, and the reads it made stale need threads to be rebuilt.
    write_slots: int = Field(default=3, ge=1, le=256)
    # How long a thread may hold the GIL while another waits (ms; Python's default is 5).
    switch_interval_ms: float = Field(default=20.0, ge=0.1, le=1000.0)
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_pool_timeout: float = 5.0
    # Seconds to wait for a new PostgreSQL connection (libpq takes at least 2).
    db_connect_timeout: int = Field(default=3, ge=2)
    sqlite_busy_timeout_ms: int = 10_000
    # Decoded layer snapshots a process keeps (app/texts/snapshot_cache.py), ~1.8 kB each:
    # with `read_cache_mb` sized so that a worker stays under 300 MB RSS (bench/national.py).
    layer_cache_entries: int = Field(default=20_000, ge=0)
    # Bytes of rendered public reads (views, service maps, embeds, FHIR, maps) a process
    # keeps, least recently used out first (app/texts/read_cache.py).
    read_cache_mb: int = Field(default=64, ge=0)
    # Operations (README, "Operating Forløp"): logs, metrics, and per-process rate limits.
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"
    access_log_sample: float = Field(default=0.0, ge=0.0, le=1.0)
    metrics_enabled: bool = True
    # Proxies (addresses, CIDR networks, or `*`) whose X-Forwarded-For/-Proto are believed;
    # empty: none, the client is the connection's peer (app/core/forwarded.py).
    forwarded_allow_ips: str = Field(
        default="",
        validation_alias=AliasChoices("FORLOP_FORWARDED_ALLOW_IPS", "FORWARDED_ALLOW_IPS"),
    )
    # Requests per client per minute (also the burst); 0 turns a limit off.
    rate_limit_registration: int = Field(default=30, ge=0)
    rate_limit_feedback: int = Field(default=30, ge=0)
    rate_limit_failed_auth: int = Field(default=10, ge=0)
    # Signs the tokens of the public forms (app/events/pages/csrf.py). Empty: one random
    # secret per process, so set it when running more than one worker or instance.
    form_secret: str = ""
    # Webhooks (README, "Integrating with webhooks"). Private targets (loopback, RFC 1918)
    # and plain http only when the operator allows them: tests and closed networks.
    webhook_allow_private: bool = False
    # Deliver inside `forlop serve` (one deliverer per database wins a lock); off when a
    # separate `forlop worker` runs.
    webhook_deliver_in_serve: bool = True
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    webhook_poll_seconds: float = Field(default=1.0, gt=0)
    # Exponential backoff with jitter: base × 2^(attempt-1), capped, for at most the window.
    webhook_retry_base_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_retry_window_seconds: float = Field(default=86400.0, gt=0)
    # Delivered and failed deliveries (and their events) are kept this long in the log.
    webhook_log_retention_days: int = Field(default=30, ge=1)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache to change them)."""
    return Settings()


def public_url() -> str:
    """The deployment's public base URL, without a trailing slash."""
    return get_settings().public_url.rstrip("/")
