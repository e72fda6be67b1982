"""Opaque cursor paging for every list: `?limit=&cursor=` → `{items, next_cursor}`."""

import base64
import binascii
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select
from sqlmodel import Session

from app.core.errors import Unprocessable

T = TypeVar("T")

LimitQuery = Annotated[int, Query(ge=1, le=500, description="Page size (1–500).")]
CursorQuery = Annotated[
    str | None, Query(max_length=500, description="Opaque cursor from `next_cursor`.")
]


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    next_cursor: str | None = None


def encode_cursor(key: Any) -> str:
    """Pack the last sort key of a page into an opaque, URL-safe token."""
    return base64.urlsafe_b64encode(orjson.dumps({"k": key})).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Any:
    """Unpack a cursor; a forged or damaged one is a 422 on `cursor`."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = orjson.loads(raw)
        if not isinstance(data, dict) or "k" not in data:
            raise ValueError
        return data["k"]
    except (ValueError, binascii.Error, orjson.JSONDecodeError):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"]) from None


def keyset_page(
    session: Session,
    stmt: Select[Any],
    key: Any,
    key_of: Callable[[Any], Any],
    *,
    limit: int,
    cursor: str | None,
    key_type: type[int] | type[str] = str,
) -> tuple[list[Any], str | None]:
    """Run `stmt` ordered by the unique `key` after the cursor; return a page and next cursor."""
    after = decode_cursor(cursor)
    if after is not None:
        if not isinstance(after, key_type) or isinstance(after, bool):
            raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
        stmt = stmt.where(key > after)
    rows = list(session.execute(stmt.order_by(key).limit(limit + 1)).scalars().all())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(key_of(rows[-1]))
