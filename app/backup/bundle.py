"""Data portability: the whole content as one versioned JSON bundle, and back.

The tables are found, not listed: every table of the schema is in the bundle unless its
model lives in a module of `EXCLUDED_MODULES` (secrets, per-request audit trails, and
collaboration days with their participants' personal data). Rows keep their ids, so
`based_on`, proposal and round references stay valid; export → import into an empty
database → export gives the same bytes (tables in dependency order, rows by primary key,
one row per line).
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from pydantic import (
    AwareDatetime,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Integer,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel
from typing_extensions import TypedDict

import app.models  # noqa: F401  (every table registered on the metadata)
from app.core.db import is_postgres
from app.core.errors import AppError
from app.models.base import UTCDateTime
from app.texts import snapshots

FORMAT = "forlop-bundle"
VERSION = 1
EXCLUDED_MODULES = {
    "app.models.keys": "API keys are secrets; create new ones on the new installation",
    "app.models.audit": "who wrote what per request is this installation's operations log",
    "app.models.events": "collaboration days hold participants' personal data and tokens",
    "app.models.webhooks": "subscriptions hold signing secrets; the outbox and delivery log "
    "are this installation's operations",
}
MAX_ERRORS = 20


class BundleError(AppError):
    """The bundle cannot be imported; `errors` names every bad record (`table[i].field`)."""

    status, title = 422, "Bad bundle"

    def __init__(self, errors: Sequence[str]) -> None:
        shown = list(errors[:MAX_ERRORS])
        more = len(errors) - len(shown)
        lines = "\n".join(f"  {e}" for e in shown) + (f"\n  … and {more} more" if more else "")
        super().__init__(f"the bundle was not imported, nothing changed:\n{lines}")
        self.errors = list(errors)


# Derived data, rebuilt from the revisions after an import.
EXCLUDED_TABLES = {"layer_snapshot"}


def _excluded_tables() -> set[str]:
    names = set(EXCLUDED_TABLES)
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        if mapper.class_.__module__ in EXCLUDED_MODULES:
            names.add(str(getattr(mapper.local_table, "name", "")))
    return names


def bundle_tables() -> list[Table]:
    """The tables a bundle holds, parents before children."""
    excluded = _excluded_tables()
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in excluded]


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _schema_revision(session: Session) -> str | None:
    try:
        row = session.execute(sql_text("SELECT version_num FROM alembic_version")).first()
    except DBAPIError:
        session.rollback()
        return None
    return row[0] if row else None


def export_chunks(session: Session) -> Iterator[bytes]:
    """The bundle, piece by piece: a header, then each table with one row per line."""
    header = {"format": FORMAT, "version": VERSION, "schema": _schema_revision(session)}
    yield orjson.dumps(header)[:-1] + b',"tables":{'
    for i, table in enumerate(bundle_tables()):
        columns = [c.name for c in table.columns]
        head = orjson.dumps(table.name) + b':{"columns":' + orjson.dumps(columns) + b',"rows":['
        yield (b"," if i else b"") + b"\n" + head
        result = session.execute(select(*table.columns).order_by(*_order(table)))
        first = True
        for row in result:
            line = orjson.dumps([_plain(v) for v in row])
            yield (b"\n" if first else b",\n") + line
            first = False
        yield b"]}"
    yield b"\n}}\n"


def export_bundle(session: Session, path: Path) -> dict[str, int]:
    """Write the bundle to `path`; rows per table."""
    with path.open("wb") as out:
        for chunk in export_chunks(session):
            out.write(chunk)
    return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in bundle_tables()}  # fmt: skip


# --- import ------------------------------------------------------------------------------

_IN_LIST = re.compile(r"^(?:(\w+) IS NULL OR )?(\w+) IN \((.*)\)$", re.S)


def _allowed_values(table: Table) -> dict[str, tuple[str, ...]]:
    """Closed vocabularies from `col IN ('a', 'b')` check constraints."""
    out = {}
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        match = _IN_LIST.match(" ".join(str(constraint.sqltext).split()))
        if match:
            out[match.group(2)] = tuple(re.findall(r"'([^']*)'", match.group(3)))
    return out


def _field_type(column: Any, allowed: tuple[str, ...] | None) -> Any:
    col_type = column.type
    base = col_type.impl if isinstance(col_type, TypeDecorator) else col_type
    kind: Any
    if isinstance(col_type, UTCDateTime) or isinstance(base, DateTime):
        kind = AwareDatetime
    elif isinstance(base, Boolean):
        kind = StrictBool
    elif isinstance(base, Integer):
        kind = StrictInt
    elif allowed:
        kind = Literal[allowed]
    elif isinstance(base, String):
        kind = Annotated[StrictStr, Field(max_length=base.length)] if base.length else StrictStr
    else:
        try:
            kind = base.python_type
        except NotImplementedError:
            kind = Any
    return kind | None if column.nullable else kind


def _row_adapter(table: Table) -> TypeAdapter[Any]:
    allowed = _allowed_values(table)
    fields = {c.name: _field_type(c, allowed.get(c.name)) for c in table.columns}
    row_type = TypedDict(f"Bundle_{table.name}", fields)  # type: ignore[misc]
    return TypeAdapter(list[row_type])  # type: ignore[valid-type]


def _decode(raw: bytes) -> dict[str, Any]:
    try:
        bundle = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BundleError([f"the file is not JSON: {exc}"]) from None
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise BundleError([f"format: expected '{FORMAT}' (is this a Forløp bundle?)"])
    if bundle.get("version") != VERSION:
        raise BundleError([f"version: {bundle.get('version')!r} is not supported (only {VERSION})"])
    if not isinstance(bundle.get("tables"), dict):
        raise BundleError(["tables: missing or not an object"])
    return bundle


def _records(name: str, table: Table, part: Any, errors: list[str]) -> list[dict[str, Any]]:
    """The table's rows as dicts; shape problems go to `errors`."""
    if not isinstance(part, dict) or not isinstance(part.get("rows"), list):
        errors.append(f"{name}: expected {{'columns': [...], 'rows': [...]}}")
        return []
    columns = part.get("columns")
    known = {c.name for c in table.columns}
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        errors.append(f"{name}.columns: expected a list of column names")
        return []
    for c in columns:
        if c not in known:
            errors.append(f"{name}.columns: unknown column '{c}'")
    for c in table.columns:
        if c.name not in columns and not c.nullable:
            errors.append(f"{name}.columns: column '{c.name}' is missing")
    missing = [c for c in known if c not in columns]
    out = []
    for i, row in enumerate(part["rows"]):
        if not isinstance(row, list) or len(row) != len(columns):
            errors.append(f"{name}[{i}]: expected a list of {len(columns)} values")
            continue
        record = dict(zip(columns, row, strict=True))
        for c in missing:
            record[c] = None
        out.append(record)
    return out


def _validate(
    name: str, table: Table, records: list[dict[str, Any]], errors: list[str]
) -> list[Any]:
    try:
        return list(_row_adapter(table).validate_python(records))
    except ValidationError as exc:
        for err in exc.errors():
            index, *field = err["loc"]
            where = ".".join(str(f) for f in field)
            errors.append(f"{name}[{index}].{where}: {err['msg']}")
        return []


def _unique_sets(table: Table) -> list[tuple[str, ...]]:
    sets = [tuple(c.name for c in table.primary_key.columns)]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            sets.append(tuple(c.name for c in constraint.columns))
    sets += [(c.name,) for c in table.columns if c.unique]
    return [s for s in dict.fromkeys(sets) if s]


def _check_keys(
    tables: dict[str, Table], rows: dict[str, list[dict[str, Any]]], errors: list[str]
) -> None:
    """Unique keys hold and every reference points at a row of the bundle."""
    keys: dict[tuple[str, str], set[Any]] = {}
    for name, table in tables.items():
        for cols in _unique_sets(table):
            if len(cols) == 1:
                values = [row[cols[0]] for row in rows[name]]
                keys[(name, cols[0])] = seen = {v for v in values if v is not None}
                if len(seen) == sum(v is not None for v in values):
                    continue
                tuples = [(v,) for v in values]
            else:
                tuples = [tuple(row[c] for c in cols) for row in rows[name]]
            found: set[Any] = set()
            for i, key in enumerate(tuples):
                if any(v is None for v in key):
                    continue
                if key in found:
                    errors.append(f"{name}[{i}].{','.join(cols)}: {key} is not unique")
                found.add(key)
    for name, table in tables.items():
        for fk in table.foreign_keys:
            target = (fk.column.table.name, fk.column.name)
            if target[0] not in tables:
                continue
            present = keys.get(target, set())
            column = fk.parent.name
            values = [row[column] for row in rows[name]]
            if {v for v in values if v is not None} <= present:
                continue
            for i, value in enumerate(values):
                if value is not None and value not in present:
                    errors.append(
                        f"{name}[{i}].{column}: {value} is not a {target[0]}.{target[1]}"
                        " in the bundle"
                    )


def _parents_first(table: Table, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a self-referencing table ordered so a referenced row is inserted first."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return records
    key_name = own[0].column.name
    if all(
        r[fk.parent.name] is None or r[fk.parent.name] < r[key_name] for r in records for fk in own
    ):
        return records  # rows come by primary key: every parent is already before its child
    by_key = {r[key_name]: r for r in records}
    placed: set[Any] = set()
    out: list[dict[str, Any]] = []

    def place(record: dict[str, Any], visiting: set[Any]) -> None:
        key = record[key_name]
        if key in placed or key in visiting:
            return  # a cycle is left for the database to refuse
        visiting.add(key)
        for fk in own:
            parent = by_key.get(record[fk.parent.name])
            if parent is not None:
                place(parent, visiting)
        placed.add(key)
        out.append(record)

    for record in records:
        place(record, set())
    return out


def _not_empty(session: Session, tables: Iterable[Table]) -> list[str]:
    held = []
    for table in tables:
        count = session.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            held.append(f"{table.name}: {count} rows")
    return held


def _reset_sequences(session: Session, tables: Iterable[Table]) -> None:
    """PostgreSQL: move every serial past the imported ids."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        seq = session.execute(
            sql_text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar_one()
        if seq:
            session.execute(
                sql_text(
                    f'SELECT setval(:s, coalesce((SELECT max("{pk[0].name}") FROM "{table.name}"),'
                    f' 1), (SELECT count(*) > 0 FROM "{table.name}"))'
                ),
                {"s": seq},
            )


def _insert(session: Session, table: Table, records: list[dict[str, Any]]) -> None:
    """Straight to the driver: the rows are validated already, and the ORM's per-value
    processing would double the import's time. Times are written as SQLAlchemy stores them."""
    if not records:
        return
    sqlite = not is_postgres(session)
    names = [c.name for c in table.columns]
    times = [i for i, c in enumerate(table.columns) if isinstance(c.type, UTCDateTime | DateTime)]
    jsons = [i for i, c in enumerate(table.columns) if isinstance(c.type, JSON)]
    marker = "?" if sqlite else "%s"
    statement = (
        f'INSERT INTO "{table.name}" ('
        + ", ".join(f'"{n}"' for n in names)
        + ") VALUES ("
        + ", ".join([marker] * len(names))
        + ")"
    )

    def stored(value: datetime | None) -> Any:
        if value is None or not sqlite:
            return value
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    params = []
    for record in records:
        row = [record[n] for n in names]
        for i in times:
            row[i] = stored(row[i])
        for i in jsons:  # the driver takes JSON columns as text
            row[i] = orjson.dumps(row[i]).decode() if row[i] is not None else None
        params.append(tuple(row))
    connection = session.connection()
    if not sqlite:
        # PostgreSQL: COPY in the same transaction, an order of magnitude above INSERTs.
        cols = ", ".join(f'"{n}"' for n in names)
        raw: Any = connection.connection.dbapi_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy,
        ):
            for values in params:
                copy.write_row(values)
        return
    for start in range(0, len(params), 10000):
        connection.exec_driver_sql(statement, params[start : start + 10000])


def import_bundle(session: Session, raw: bytes) -> dict[str, int]:
    """Load a bundle into an empty database in one transaction; rows per table.

    Every record is checked first (types, vocabularies, lengths, unique keys, references);
    on any problem nothing is written and `BundleError` lists the records.
    """
    bundle = _decode(raw)
    tables = {t.name: t for t in bundle_tables()}
    errors = [f"tables.{n}: this installation has no such table"
              for n in bundle["tables"] if n not in tables]  # fmt: skip
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in tables.items():
        part = bundle["tables"].get(name, {"columns": [c.name for c in table.columns], "rows": []})
        records = _records(name, table, part, errors)
        validated = _validate(name, table, records, errors)
        rows[name] = validated
    if not errors:
        _check_keys(tables, rows, errors)
    if errors:
        raise BundleError(errors)
    held = _not_empty(session, tables.values())
    if held:
        raise BundleError(
            ["the database already holds content (" + ", ".join(held) + "); import only into"
             " an empty database, e.g. a new DATABASE_URL after `forlop migrate`"]
        )  # fmt: skip
    try:
        with snapshots.bulk_revisions(session):
            for name, table in tables.items():
                _insert(session, table, _parents_first(table, rows[name]))
        if is_postgres(session):
            _reset_sequences(session, tables.values())
        session.commit()
    except Exception as exc:
        # COPY speaks to the driver directly, so its errors arrive unwrapped.
        driver_error = getattr(session.get_bind().dialect.dbapi, "Error", DBAPIError)
        if not isinstance(exc, DBAPIError | driver_error):
            raise
        session.rollback()
        orig = getattr(exc, "orig", None) or exc
        message = str(orig).splitlines()[0]
        raise BundleError([f"the database refused the bundle: {message}"]) from None
    return {name: len(r) for name, r in rows.items()}
