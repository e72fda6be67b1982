"""When the database cannot be reached: a quick 503 with Retry-After, never a 500 or a hang.

A lost connection, a refused connect, a full pool or (on SQLite) a lock held past the busy
timeout all mean "try again shortly"; the client hears exactly that, and the operator a
one-line warning instead of a stack trace. Every other database error stays a 500.
"""

import logging
import sqlite3

from fastapi import FastAPI, Request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.responses import Response

from app.core.errors import problem_response

log = logging.getLogger("forlop.db")

RETRY_AFTER_SECONDS = 5
_SQLITE_TRANSIENT = ("database is locked", "database table is locked", "unable to open database")


def _driver_errors() -> tuple[type[BaseException], ...]:
    """psycopg's connection errors (raw COPY raises them unwrapped), when psycopg is there."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return ()
    return (psycopg.OperationalError, psycopg.InterfaceError)


def is_unavailable(exc: BaseException) -> bool:
    """True for errors that say the database is out of reach for now, not that a query is wrong."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        return is_unavailable(exc.orig) if exc.orig is not None else False
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        return any(m in message for m in _SQLITE_TRANSIENT)
    driver = _driver_errors()
    return bool(driver) and isinstance(exc, driver)


def unavailable_response() -> Response:
    """The answer while the database is away."""
    return problem_response(
        503,
        "The database is not available right now. Try again shortly.",
        title="Service unavailable",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _database_error(request: Request, exc: Exception) -> Response:
    if is_unavailable(exc):
        # The cause, not the statement or its values: one line per failed request.
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        log.warning(
            "database unavailable: %s %s: %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
            reason,
        )
        return unavailable_response()
    log.exception("unhandled database error", exc_info=exc)
    return problem_response(500, "An unexpected error occurred. It has been logged.")


def install_db_error_handlers(app: FastAPI) -> None:
    """Answer 503 problem+json when the database is unreachable, locked or its pool is full."""
    for kind in (DBAPIError, PoolTimeout, sqlite3.OperationalError, *_driver_errors()):
        app.add_exception_handler(kind, _database_error)
