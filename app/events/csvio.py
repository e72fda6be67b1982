"""CSV for spreadsheets: UTF-8 with BOM, comma-separated, formulas defused."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from starlette.responses import Response

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A safe cell: spreadsheets must never run what a registrant typed as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV bytes with a BOM so Excel reads the Norwegian letters right."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def csv_response(body: bytes, filename: str) -> Response:
    """A private CSV download."""
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
