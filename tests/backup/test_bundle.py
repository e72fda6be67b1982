"""Data portability: export → import into an empty database → export gives the same bytes;
a bad bundle changes nothing and names the record."""

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import orjson
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlmodel import Session, SQLModel

from app.backup import bundle
from app.cli import main
from app.core.db import build_engine
from app.demo.seed import seed_demo
from app.models import ServiceUnitCatchment
from tests.exports.helpers import put
from tests.factories import make_key


@pytest.fixture
def empty_url(backend, request, tmp_path) -> Iterator[str]:
    """A second fresh, migrated, empty database on the same backend."""
    if backend == "sqlite":
        path = tmp_path / "target.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"target{os.getpid()}_{request.node.name.count('[')}_{id(request)}"
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE forlop_template"))
    yield cluster.url(name)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def target(empty_url) -> Iterator[Session]:
    engine = build_engine(empty_url)
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def content(session, world):
    """The demo data plus a revision chain, a scheduled text, a catchment and a key."""
    base = put(session, world, world.region, "bup", text="Base.", needs_local_adaptation=True)
    local = put(session, world, world.m4601, "bup", mode="append", text="Lokalt.", based_on=base.id)
    put(session, world, world.m4601, "bup", mode="append", text="Lokalt 2.", based_on=base.id,
        change_kind="editorial", note="typo")  # fmt: skip
    put(session, world, world.region, "bup", lang="nn", text="Grunn.", status="draft")
    put(session, world, world.region, "fastlege", text="Snart.",
        valid_from=datetime.now(UTC) + timedelta(days=3))  # fmt: skip
    session.add(ServiceUnitCatchment(unit_id=2, locality_id=world.m1106.id))
    session.commit()
    make_key(session, role="admin", name="secret-admin")
    seed_demo(session)
    return local


def export_bytes(session) -> bytes:
    return b"".join(bundle.export_chunks(session))


def counts(session) -> dict[str, int]:
    return {
        t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
        for t in bundle.bundle_tables()
    }


def test_round_trip_is_byte_identical(world, session, target, tmp_path):
    local = content(session, world)
    first = export_bytes(session)
    data = orjson.loads(first)
    assert (data["format"], data["version"]) == ("forlop-bundle", 1)
    tables = data["tables"]
    assert len(tables["text_revision"]["rows"]) > 300 and tables["service_unit_catchment"]["rows"]
    assert "api_key" not in tables and b"secret-admin" not in first
    assert not any(name.startswith(("event", "feedback", "audit")) for name in tables)
    imported = bundle.import_bundle(target, first)
    assert imported["text_revision"] == len(tables["text_revision"]["rows"])
    assert export_bytes(target) == first
    # Ids survive, so references between revisions stay valid.
    cols = tables["text_revision"]["columns"]
    row = next(r for r in tables["text_revision"]["rows"] if r[0] == local.id)
    assert dict(zip(cols, row, strict=True))["based_on"] == local.based_on


def test_imported_database_keeps_working(world, session, target):
    content(session, world)
    bundle.import_bundle(target, export_bytes(session))
    # New rows get fresh ids after the imported ones (PostgreSQL sequences are moved on).
    target.execute(
        text("INSERT INTO locality (code, name, kind, parent_id, created_at, updated_at) "
             "VALUES ('9999', 'Ny', 'municipality', 1, :t, :t)"),
        {"t": datetime.now(UTC)},
    )  # fmt: skip
    target.commit()
    new_id = target.execute(text("SELECT id FROM locality WHERE code = '9999'")).scalar_one()
    assert new_id > max(
        r[0] for r in target.execute(text("SELECT id FROM locality WHERE code <> '9999'"))
    )


def test_every_table_is_exported_or_excluded_for_a_reason():
    included = {t.name for t in bundle.bundle_tables()}
    everything = set(SQLModel.metadata.tables)
    assert {"locality", "service_type", "service_unit", "service_unit_catchment", "pathway",
            "pathway_service_type", "text_revision", "change_log"} <= included  # fmt: skip
    assert "api_key" not in included
    for optional in ("change_proposal", "proposal_comment", "review_round", "assessment"):
        if optional in everything:
            assert optional in included
    assert everything - included == bundle._excluded_tables()


def bad(first: bytes, mutate) -> bytes:
    data = orjson.loads(first)
    mutate(data["tables"])
    return orjson.dumps(data)


def rows_of(tables, name):
    cols = tables[name]["columns"]
    return cols, tables[name]["rows"]


def set_value(tables, name, index, column, value):
    cols, rows = rows_of(tables, name)
    rows[index][cols.index(column)] = value


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: set_value(t, "text_revision", 3, "mode", "rewrite"), "text_revision[3].mode"),
        (lambda t: set_value(t, "locality", 2, "code", None), "locality[2].code"),
        (lambda t: set_value(t, "locality", 1, "parent_id", 99999), "locality[1].parent_id: 99999"),
        (lambda t: set_value(t, "text_revision", 0, "created_at", "yesterday"),
         "text_revision[0].created_at"),
        (lambda t: set_value(t, "service_type", 1, "code", t["service_type"]["rows"][0][0]),
         "is not unique"),
        (lambda t: t["pathway"]["rows"][0].pop(), "pathway[0]: expected a list of"),
        (lambda t: t.update(nonsense={"columns": [], "rows": []}), "tables.nonsense"),
    ],
)  # fmt: skip
def test_a_bad_bundle_changes_nothing_and_names_the_record(world, session, target, mutate, message):
    content(session, world)
    raw = bad(export_bytes(session), mutate)
    with pytest.raises(bundle.BundleError) as err:
        bundle.import_bundle(target, raw)
    assert message in err.value.detail, err.value.detail
    assert not any(counts(target).values())


def test_a_database_refusal_rolls_everything_back(world, session, target, monkeypatch):
    content(session, world)
    # Past our own checks, the database itself refuses the last table: nothing may remain.
    raw = bad(export_bytes(session), lambda t: set_value(t, "text_revision", 5, "based_on", 10**8))
    monkeypatch.setattr(bundle, "_check_keys", lambda *a: None)
    with pytest.raises(bundle.BundleError) as err:
        bundle.import_bundle(target, raw)
    assert "the database refused" in err.value.detail
    assert not any(counts(target).values())
    # The revision counting that SQLite's import sets aside comes back with the rollback.
    sql = (
        "SELECT count(*) FROM pg_trigger WHERE tgname = :name"
        if target.get_bind().dialect.name == "postgresql"
        else "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = :name"
    )
    assert target.execute(text(sql), {"name": "text_revision_written_insert"}).scalar_one() == 1


def _counted_after_one_more_revision(db, world) -> int:
    """Insert one revision by plain SQL; what the database's count says for its layer."""
    db.execute(text(
        "INSERT INTO text_revision (locality_id, pathway_id, service_type_id, section, lang, "
        "mode, text, status, change_kind, needs_local_adaptation, author, created_at) "
        "SELECT l.id, p.id, st.id, 'role', 'nb', 'replace', 'Ny', 'published', 'substantive', "
        "false, 'test', CURRENT_TIMESTAMP FROM locality l, pathway p, service_type st "
        "WHERE l.code = '4601' AND p.slug = 'angst' AND st.code = 'helsestasjon'"
    ))  # fmt: skip
    return db.execute(text(
        "SELECT s.written - (SELECT count(*) FROM text_revision r WHERE r.pathway_id = "
        "s.pathway_id AND r.locality_id = s.locality_id AND r.section = s.section) + 1 "
        "FROM layer_snapshot s JOIN locality l ON l.id = s.locality_id "
        "WHERE l.code = '4601' AND s.section = 'role'"
    )).scalar_one()  # fmt: skip


def test_imported_counts_match_the_history_and_keep_counting(world, session, target):
    content(session, world)
    bundle.import_bundle(target, export_bytes(session))
    held = dict(
        ((p, loc, sec), n)
        for p, loc, sec, n in target.execute(
            text("SELECT pathway_id, locality_id, section, written FROM layer_snapshot")
        ).all()
    )
    actual = dict(
        ((p, loc, sec), n)
        for p, loc, sec, n in target.execute(
            text("SELECT pathway_id, locality_id, section, count(*) FROM text_revision "
                 "GROUP BY pathway_id, locality_id, section")
        ).all()
    )  # fmt: skip
    assert held == actual and actual
    assert _counted_after_one_more_revision(target, world) == 1


def test_import_refuses_a_database_with_content(world, session):
    raw = export_bytes(session)
    with pytest.raises(bundle.BundleError) as err:
        bundle.import_bundle(session, raw)
    assert "already holds content" in err.value.detail


def test_not_a_bundle(session):
    for raw, message in [(b"{", "not JSON"), (b"[]", "format"),
                         (b'{"format": "forlop-bundle", "version": 7}', "version: 7")]:  # fmt: skip
        with pytest.raises(bundle.BundleError) as err:
            bundle.import_bundle(session, raw)
        assert message in err.value.detail


def test_cli_export_and_import(world, session, empty_url, tmp_path, capsys, monkeypatch):
    content(session, world)
    path = tmp_path / "bundle.json"
    assert main(["export", str(path)]) == 0
    assert "exported" in capsys.readouterr().out
    monkeypatch.setenv("DATABASE_URL", empty_url)
    from app.core.config import get_settings
    from app.core.db import reset_engine

    get_settings.cache_clear()
    reset_engine()
    broken = tmp_path / "broken.json"
    broken.write_bytes(bad(path.read_bytes(), lambda t: set_value(t, "pathway", 0, "status", "x")))
    assert main(["import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "pathway[0].status" in err and "Traceback" not in err and "nothing changed" in err
    assert main(["import", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "imported" in out and "layer snapshots" in out
    # The import's revisions have whole snapshots once the command is done.
    from sqlalchemy import text

    from app.core.db import get_engine

    with get_engine().connect() as conn:
        whole = "sum(CASE WHEN revisions = written THEN 1 END)"
        count, whole = conn.execute(text(f"SELECT count(*), {whole} FROM layer_snapshot")).one()
    assert count > 0 and whole == count
    again = tmp_path / "again.json"
    assert main(["export", str(again)]) == 0
    assert again.read_bytes() == path.read_bytes()
