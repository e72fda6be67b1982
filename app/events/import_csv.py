"""Reading sign-up exports (deltaker.no, Læringsportalen, or any spreadsheet): pure, no I/O.

Bytes → text (UTF-8, with or without BOM, UTF-16 with BOM; Windows-1252 from Excel is
recognised by its Norwegian letters, anything else is refused with a clear reason) →
rows (the delimiter sniffed among `;`, `,` and tab) → one dict per row with the
registration fields, through a column mapping whose defaults know both exports' headers.
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

MAX_ROWS = 10_000

# Headers (case- and space-insensitive) each field is found under by default. deltaker.no
# exports first and last name apart; Læringsportalen has one name column.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("navn", "fullt navn", "deltakernavn", "deltaker", "name", "full name"),
    "first_name": ("fornavn", "first name", "firstname"),
    "last_name": ("etternavn", "last name", "lastname", "surname"),
    "email": ("e-post", "epost", "e-postadresse", "epostadresse", "e-mail", "email", "mail"),
    "organisation": (
        "organisasjon", "arbeidssted", "arbeidsgiver", "firma", "virksomhet", "enhet",
        "avdeling", "organisation", "organization", "employer",
    ),
    "municipality": ("kommune", "kommunenummer", "kommunenr", "municipality"),
    "service_type": ("tjeneste", "tjenestetype", "tjenestekode", "service type", "service_type"),
    "kind": ("deltakertype", "deltar som", "rolle", "kind", "participant type"),
    "dietary": (
        "kost og allergier", "allergier", "matallergier", "allergi", "kost",
        "spesielle hensyn", "dietary",
    ),
}  # fmt: skip
FIELDS = tuple(ALIASES)
_NORWEGIAN = set("æøåÆØÅ")


class ImportUnreadable(ValueError):
    """The file cannot be read as a sign-up list; `field` says what to change."""

    def __init__(self, message: str, *, field: str = "body") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Sheet:
    encoding: str
    delimiter: str
    header: list[str]
    mapping: dict[str, str | None]
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, field → value)


def decode(data: bytes, encoding: str = "auto") -> tuple[str, str]:
    """The text and the encoding it was read in; refuses what it cannot read for sure."""
    if encoding == "windows-1252":
        try:
            return data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            raise ImportUnreadable(
                "Filen er ikke gyldig Windows-1252 heller. Lagre den som «CSV UTF-8» i Excel.",
                field="encoding",
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if encoding == "utf-8":
        raise ImportUnreadable(
            "Filen er ikke UTF-8. Lagre den som «CSV UTF-8» i Excel, eller send "
            "encoding=windows-1252.",
            field="encoding",
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    # Windows-1252 decodes almost anything; only take it when it yields Norwegian letters.
    if text and _NORWEGIAN & set(text):
        return text, "windows-1252"
    raise ImportUnreadable(
        "Tegnsettet i filen er ukjent (verken UTF-8 eller Windows-1252 med æ, ø, å). "
        "Lagre den som «CSV UTF-8» i Excel og prøv igjen.",
        field="encoding",
    )


def _norm(header: str) -> str:
    return " ".join(header.replace("_", " ").casefold().split()).strip(" *:")


def default_mapping(header: list[str]) -> dict[str, str | None]:
    """Field → the first column whose header is a known alias (None: not in the file)."""
    by_norm: dict[str, str] = {}
    for column in header:
        by_norm.setdefault(_norm(column), column)
    return {f: next((by_norm[a] for a in ALIASES[f] if a in by_norm), None) for f in FIELDS}


def read_sheet(
    data: bytes, *, encoding: str = "auto", overrides: Mapping[str, str] | None = None
) -> Sheet:
    """Decode, split and map the file; every row keeps its line number for the report."""
    if not data.strip():
        raise ImportUnreadable("Filen er tom.")
    text, used = decode(data, encoding)
    if "\x00" in text:
        raise ImportUnreadable("Filen inneholder binære data og er ikke en CSV-fil.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise ImportUnreadable(
            "Fant ingen kolonner: første linje må være overskrifter skilt med ; eller ,."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
        rows: list[tuple[int, dict[str, str]]] = []
        mapping = default_mapping(header)
        for key, column in (overrides or {}).items():
            if column not in header:
                raise ImportUnreadable(
                    f"Kolonnen «{column}» finnes ikke i filen (den har: {', '.join(header)}).",
                    field=f"column_{key}",
                )
            mapping[key] = column
        index = {f: header.index(c) for f, c in mapping.items() if c is not None}
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # blank lines, common at the end of exports
            if len(rows) >= MAX_ROWS:
                raise ImportUnreadable(
                    f"Filen har flere enn {MAX_ROWS} påmeldinger. Del den i flere filer.",
                )
            values = {f: cells[i].strip() if i < len(cells) else "" for f, i in index.items()}
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportUnreadable(f"Filen er ikke gyldig CSV: {exc}.") from None
    if mapping["email"] is None:
        raise ImportUnreadable(
            "Fant ingen kolonne med e-post. Gi kolonnen navnet «E-post», eller oppgi column_email.",
            field="column_email",
        )
    if mapping["name"] is None and mapping["first_name"] is None:
        raise ImportUnreadable(
            "Fant ingen kolonne med navn («Navn», eller «Fornavn» og «Etternavn»). Oppgi "
            "column_name.",
            field="column_name",
        )
    return Sheet(used, delimiter, header, mapping, rows)


def full_name(values: Mapping[str, str]) -> str:
    """One name: the name column, else first and last name joined."""
    if values.get("name"):
        return values["name"]
    return " ".join(p for p in (values.get("first_name", ""), values.get("last_name", "")) if p)


_CODE = re.compile(r"^\d{4}$")


def is_municipality_code(value: str) -> bool:
    return bool(_CODE.match(value))
