"""Excel workbooks (.xlsx) of tabular exports, for people who open exports in Excel.

Norwegian Excel expects `;` in CSV and garbles comma-separated files; an .xlsx opens cleanly
whatever the locale. Every text cell gets the same formula guard as the CSV exports (a value
a registrant or editor typed is never run as a formula). The bytes depend only on the rows
(fixed zip times and document dates), so the ETag of an unchanged export stays the same.
"""

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from starlette.responses import Response

from app.core.csvio import guard_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_FIXED = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# openpyxl stamps the save time into the document properties; it is put back to `_FIXED`.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _value(value: Any) -> Any:
    """Numbers stay numbers (they cannot be formulas); everything else is guarded text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", guard_cell(value))
    return text[:MAX_CELL]


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    """One sheet: a bold, frozen header with a filter, the rows, columns sized to their text."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet.translate(_SHEET_FORBIDDEN)[:31] or "Ark1"
    ws.append([_value(h) for h in header])
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], len(str(v)) if v is not None else 0)
    for c in ws[1]:
        c.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(width, 6) + 2, 60)
        if width > 60:  # long texts wrap in a wide column instead of running off the sheet
            for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                c.alignment = wrap
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    wb.properties.creator = "Forløp"
    wb.properties.created = wb.properties.modified = _FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_times(raw.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same archive with every entry dated alike: equal rows give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + _FIXED.isoformat().encode() + rb"Z\g<2>", body)
            dst.writestr(entry, body)
    return out.getvalue()


def xlsx_response(body: bytes, filename: str) -> Response:
    """A private workbook download (the lists it serves hold personal data)."""
    return Response(
        body,
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
