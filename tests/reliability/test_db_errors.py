"""Which database errors mean "away for now" (503 with Retry-After) and which stay a 500."""

import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.core.db_errors import is_unavailable, unavailable_response

pytestmark = pytest.mark.reliability


def _wrapped(orig: Exception, cls: type = OperationalError) -> Exception:
    return cls("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    "exc",
    [
        _wrapped(sqlite3.OperationalError("database is locked")),
        _wrapped(psycopg.OperationalError("connection failed: No such file or directory")),
        psycopg.OperationalError("consuming input failed: server closed the connection"),
        PoolTimeout("QueuePool limit of size 10 overflow 10 reached"),
    ],
)
def test_unavailable(exc):
    assert is_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        _wrapped(sqlite3.OperationalError("no such table: pathway")),
        _wrapped(sqlite3.IntegrityError("UNIQUE constraint failed"), IntegrityError),
        ValueError("not a database error"),
    ],
)
def test_not_unavailable(exc):
    assert not is_unavailable(exc)


def test_the_answer_says_when_to_come_back():
    r = unavailable_response()
    assert r.status_code == 503 and r.media_type == "application/problem+json"
    assert int(r.headers["Retry-After"]) > 0
