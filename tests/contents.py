"""Database contents a test can start from instead of an empty database, and the app.

A test marked `@pytest.mark.db_content("name")` gets a copy of a template that holds what
the seeder registered under that name wrote (made once per xdist worker and backend, with
DATABASE_URL pointing at the template); `result(backend, name)` is what the seeder returned.
Seeding once and copying is what makes read-mostly tests over the demo data cheap.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI

from app.core.config import get_settings
from app.core.observability import configure_logging

Seeder = TypeVar("Seeder", bound=Callable[[], Any])

SEEDERS: dict[str, Callable[[], Any]] = {}
RESULTS: dict[tuple[str, str], Any] = {}


def seeder(name: str) -> Callable[[Seeder], Seeder]:
    """Register the function that fills the template of content `name`."""

    def register(fn: Seeder) -> Seeder:
        assert SEEDERS.get(name, fn) is fn, f"two seeders for {name!r}"
        SEEDERS[name] = fn
        return fn

    return register


def result(backend: str, name: str) -> Any:
    """What the seeder of `name` returned when it filled this backend's template."""
    return RESULTS[(backend, name)]


_apps: dict[str, FastAPI] = {}


def app() -> FastAPI:
    """The app for the current settings, built once per worker and settings: building one
    costs ~0.3 s (FastAPI analyses every route), and none of it depends on the database.
    Its only state, the rate limiter's buckets, starts afresh on every call."""
    from app.main import create_app

    settings = get_settings()
    key = settings.model_dump_json(exclude={"database_url"})
    built = _apps.get(key)
    if built is None:
        built = _apps[key] = create_app()
    else:
        configure_logging(level=settings.log_level, fmt=settings.log_format)  # as create_app
    built.state.rate_limiter = None  # limiter_of makes a fresh one on first use
    return built
