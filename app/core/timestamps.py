"""One timestamp format everywhere: RFC 3339 in UTC, written with `Z`.

Inputs may carry any offset (`+01:00` in winter Norway); they are turned into UTC as they are
read, so nothing ever echoes a caller's offset back. Outputs of plain data go through orjson
with `OPT_UTC_Z` (`app.core.http.to_json_bytes`); pydantic writes UTC as `Z` by itself.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, PlainSerializer, WithJsonSchema


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC (a naive value is taken to be UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def rfc3339(value: datetime) -> str:
    """`2026-12-06T07:00:00Z`: the one way this API writes a time."""
    return as_utc(value).isoformat().replace("+00:00", "Z")


# Request fields: an offset is required and the value is kept in UTC.
UtcDateTime = Annotated[AwareDatetime, AfterValidator(as_utc)]
# Response fields built from values that might not be UTC (raw rows, plain data). Documented
# as a `date-time` string whichever way the schema is read, so that a model using it is not
# split into `X-Input` and `X-Output` when it is also described as a webhook's body.
UtcTimestamp = Annotated[
    datetime,
    PlainSerializer(rfc3339, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def utc(value: Any) -> Any:
    """A stored time as an aware UTC datetime (SQLite hands back naive values or text)."""
    if value is None or (isinstance(value, datetime) and value.tzinfo is not None):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)
