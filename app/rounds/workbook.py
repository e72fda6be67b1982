"""The review workbook (openpyxl): written for one municipality, read back when filled in.

Plain data in and out; no database. What we write never holds a formula made from user
text: every text cell is stored as a string, so `=…` stays text. What we read takes a
formula a person typed as its text (read with `data_only=False`), never its result.
A hidden sheet names the format, the round and the municipality, and maps every sheet to
its pathway; hidden columns carry each row's service, section and the revision it shows.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.core.csvio import guard_workbook_cell
from app.core.errors import PayloadTooLarge, Unprocessable, UnsupportedMediaType
from app.texts.markdown import render

FORMAT = "forlop-review-workbook"
VERSION = "1"
META_SHEET = "forlop"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_MAX_ENTRIES = 5_000
_MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell

LIGHTS = {"grønn": "green", "gul": "yellow", "rød": "red"}
CHANGES = {"erstatt": "replace", "tillegg": "append"}

# (header, width, wrap); the last three are hidden and carry the row's keys.
COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("Tjeneste", 26, True),
    ("Del", 18, True),
    ("Tekst slik kommunen ser den nå", 70, True),
    ("Hvor teksten kommer fra", 30, True),
    ("Trafikklys (grønn/gul/rød)", 14, False),
    ("Type endring (erstatt/tillegg)", 16, False),
    ("Forslag til ny tekst", 60, True),
    ("Begrunnelse", 40, True),
    ("Hva må jobbes med i tjenesten", 40, True),
    ("tjeneste_kode", 14, False),
    ("del_kode", 12, False),
    ("basert_på_revisjon", 10, False),
)
HEADERS = tuple(c[0] for c in COLUMNS)
_HIDDEN_FROM = 9


@dataclass(frozen=True)
class Answer:
    """What the municipality already answered for a row (shown when it downloads again)."""

    traffic_light: str | None = None  # as written in the workbook: grønn, gul, rød
    change: str | None = None  # erstatt, tillegg
    text: str | None = None
    rationale: str | None = None
    service_work: str | None = None


@dataclass(frozen=True)
class ExportRow:
    service_type: str
    service_name: str
    section: str
    section_label: str
    text: str | None
    source: str
    based_on: int | None
    answer: Answer = field(default_factory=Answer)


class _PlainText(HTMLParser):
    """Safe HTML (what the texts render to) as plain text: paragraphs, bullets, links."""

    _BLOCKS = frozenset({"p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [ordered?, counter]
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.lists.append([1 if tag == "ol" else 0, 0])
        elif tag == "li":
            indent = "  " * max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.parts.append(f"\n{indent}{self.lists[-1][1]}. ")
            else:
                self.parts.append(f"\n{indent}• ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.parts.append("\n\n")
        elif tag == "a":
            if self.href and not self.href.startswith("#"):
                self.parts.append(f" ({self.href})")
            self.href = None
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if "\n" in data and not data.strip():  # the line breaks between tags
            return
        self.parts.append(data)


def plain_text(markdown: str | None) -> str:
    """A text's Markdown as a person reads it in a cell: no asterisks, bullets as •."""
    if not markdown:
        return ""
    parser = _PlainText()
    parser.feed(render(markdown))
    parser.close()
    lines = [line.rstrip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class ExportSheet:
    pathway: str
    title: str
    rows: list[ExportRow]


@dataclass(frozen=True)
class Meta:
    round_id: int
    municipality: str
    lang: str
    sheets: dict[str, str] = field(default_factory=dict)  # sheet title → pathway slug


@dataclass(frozen=True)
class FilledRow:
    """One non-empty row as a person left it (values are stripped text or None)."""

    sheet: str
    row: int
    pathway: str
    service_type: str | None
    section: str | None
    based_on: str | None
    traffic_light: str | None
    change: str | None
    text: str | None
    rationale: str | None
    service_work: str | None


@dataclass
class Filled:
    meta: Meta
    rows: list[FilledRow]
    sheet_problems: list[tuple[str, list[str]]]


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_CELL]


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write a value; text is always stored as text, never as a formula (app/core/csvio)."""
    cell = ws.cell(row=row, column=col)
    cell.value = _clean(value) if isinstance(value, str) else value
    return guard_workbook_cell(cell)


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "", title).strip()[:28] or "Forløp"
    name, n = base, 2
    while name.lower() in taken or name.lower() == META_SHEET:
        name, n = f"{base[:26]} {n}", n + 1
    taken.add(name.lower())
    return name


def write(
    meta: Meta, sheets: list[ExportSheet], *, round_title: str, municipality_name: str
) -> bytes:
    """The workbook for one municipality: a sheet per pathway, a row per service × section."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = _clean(f"{round_title} – {municipality_name}")
    wb.properties.subject = f"{FORMAT} round={meta.round_id} municipality={meta.municipality}"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    taken: set[str] = set()
    mapping: list[tuple[str, str]] = []
    for sheet in sheets:
        title = _sheet_title(sheet.title, taken)
        mapping.append((title, sheet.pathway))
        ws = wb.create_sheet(title)
        for col, (header, width, _) in enumerate(COLUMNS, start=1):
            cell = _put(ws, 1, col, header)
            cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = width
            if col > _HIDDEN_FROM:
                ws.column_dimensions[letter].hidden = True
        ws.freeze_panes = "C2"
        for i, row in enumerate(sheet.rows, start=2):
            answer = row.answer
            values = (
                row.service_name,
                row.section_label,
                plain_text(row.text),
                row.source,
                answer.traffic_light,
                answer.change,
                answer.text,
                answer.rationale,
                answer.service_work,
                row.service_type,
                row.section,
                "" if row.based_on is None else str(row.based_on),
            )
            for col, value in enumerate(values, start=1):
                cell = _put(ws, i, col, value)
                cell.alignment = wrap if COLUMNS[col - 1][2] else top
        last = max(len(sheet.rows) + 1, 2)
        lights = DataValidation(
            type="list",
            formula1='"' + ",".join(LIGHTS) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Trafikklys",
            error="Velg grønn, gul eller rød.",
        )
        changes = DataValidation(
            type="list",
            formula1='"' + ",".join(CHANGES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Type endring",
            error="Velg erstatt (ny tekst i stedet) eller tillegg (tekst i tillegg).",
        )
        ws.add_data_validation(lights)
        ws.add_data_validation(changes)
        lights.add(f"E2:E{last}")
        changes.add(f"F2:F{last}")
    meta_ws = wb.create_sheet(META_SHEET)
    meta_ws.sheet_state = "veryHidden"
    fixed = [
        ("format", FORMAT),
        ("version", VERSION),
        ("round", str(meta.round_id)),
        ("municipality", meta.municipality),
        ("lang", meta.lang),
    ]
    for r, (key, value) in enumerate(fixed, start=1):
        _put(meta_ws, r, 1, key)
        _put(meta_ws, r, 2, value)
    for r, (title, slug) in enumerate(mapping, start=len(fixed) + 1):
        _put(meta_ws, r, 1, "sheet")
        _put(meta_ws, r, 2, title)
        _put(meta_ws, r, 3, slug)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def check_container(data: bytes) -> None:
    """Refuse what is not a plain .xlsx before openpyxl parses it: size, zip, macros."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"The workbook is larger than the limit of {MAX_UPLOAD_BYTES} bytes.")
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsupportedMediaType("The file is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if len(infos) > _MAX_ENTRIES or sum(i.file_size for i in infos) > _MAX_UNPACKED_BYTES:
                raise PayloadTooLarge("The workbook is too large once unpacked.")
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        raise UnsupportedMediaType("The file is not an Excel workbook (.xlsx).") from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise UnsupportedMediaType(
            "Macro-enabled workbooks (.xlsm) are not accepted: save it as .xlsx."
        )
    if "xl/workbook.xml" not in names:
        raise UnsupportedMediaType("The file is not an Excel workbook (.xlsx).")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _meta(wb: Any) -> Meta:
    if META_SHEET not in wb.sheetnames:
        raise Unprocessable(
            "This workbook was not made by Forløp for a review round (no hidden sheet).",
            loc=["body", "file"],
        )
    values: dict[str, str] = {}
    sheets: dict[str, str] = {}
    for row in wb[META_SHEET].iter_rows(values_only=True):
        cells = [_text(v) for v in row[:3]] + [None, None, None]
        if cells[0] == "sheet" and cells[1] and cells[2]:
            sheets[cells[1]] = cells[2]
        elif cells[0] and cells[1]:
            values[cells[0]] = cells[1]
    if values.get("format") != FORMAT or values.get("version") != VERSION:
        raise Unprocessable(
            f"This workbook is not a Forløp review workbook of version {VERSION}.",
            loc=["body", "file"],
        )
    round_id = values.get("round", "")
    if not round_id.isdigit() or not values.get("municipality"):
        raise Unprocessable("The workbook's hidden sheet is damaged.", loc=["body", "file"])
    return Meta(int(round_id), values["municipality"], values.get("lang", "nb"), sheets)


def read(data: bytes) -> Filled:
    """The metadata and every non-empty row of a filled workbook."""
    check_container(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise Unprocessable(
            "The workbook could not be read; save it again as .xlsx.", loc=["body", "file"]
        ) from None
    try:
        meta = _meta(wb)
        rows: list[FilledRow] = []
        problems: list[tuple[str, list[str]]] = []
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                continue
            slug = meta.sheets.get(ws.title)
            grid = list(ws.iter_rows(values_only=True))
            filled = [
                (n, r)
                for n, r in enumerate(grid[1:], start=2)
                if any(_text(v) for v in (list(r) + [None] * len(COLUMNS))[4:9])
            ]
            if slug is None:
                if filled:
                    problems.append(
                        (ws.title, ["This sheet is not one Forløp wrote: rows ignored."])
                    )
                continue
            header = tuple(_text(v) for v in (grid[0] if grid else ()))[: len(HEADERS)]
            if header != HEADERS:
                if filled:
                    problems.append(
                        (ws.title, ["The columns were changed: keep Forløp's columns."])
                    )
                continue
            for n, raw in filled:
                v = [_text(x) for x in (list(raw) + [None] * len(COLUMNS))[: len(COLUMNS)]]
                rows.append(
                    FilledRow(ws.title, n, slug, v[9], v[10], v[11], v[4], v[5], v[6], v[7], v[8])
                )
        return Filled(meta, rows, problems)
    finally:
        wb.close()
