"""Architecture: text revisions are inserted by one writer, `app.texts.revisions`.

Every other module asks the writer, so the slot's lock, the preconditions, the change
log and the snapshot rebuild cannot be forgotten. The demo data writes whole histories
as they are (seeding a database no one reads yet) and is named here; the bundle import
inserts every table alike and never names the revision model.
"""

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
WRITER = "texts/revisions.py"
DEMO_DATA = {"demo/seed.py", "demo/maps.py"}

_RAW_INSERT = re.compile(r"insert\s+into\s+text_revision\b", re.IGNORECASE)


def _names_revisions(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id == "TextRevision")
        or (isinstance(n, ast.Attribute) and n.attr == "TextRevision")
        or (isinstance(n, ast.Constant) and n.value == "text_revision")
        for n in ast.walk(node)
    )


def revision_inserts(source: str) -> list[int]:
    """Lines that make a revision row: `TextRevision(…)`, `insert(<the revision table>)`,
    or SQL `INSERT INTO text_revision`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            inserts = name == "insert" and any(_names_revisions(a) for a in node.args)
            if name == "TextRevision" or inserts:
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _RAW_INSERT.search(node.value)
        ):
            found.append(node.lineno)
    return found


def test_the_detector_finds_each_kind_of_insert():
    source = (
        "rev = TextRevision(mode='replace')\n"
        "session.execute(insert(TextRevision.__table__), rows)\n"
        "session.execute(text('INSERT INTO text_revision (id) VALUES (1)'))\n"
        "rows = select(TextRevision).where(TextRevision.id == 1)\n"
    )
    assert revision_inserts(source) == [1, 2, 3]


def test_only_the_writer_inserts_revisions():
    offenders = {}
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP).as_posix()
        if rel == WRITER or rel in DEMO_DATA:
            continue
        lines = revision_inserts(path.read_text(encoding="utf-8"))
        if lines:
            offenders[rel] = lines
    assert offenders == {}, f"revisions inserted outside {WRITER}: {offenders}"


def test_the_writer_is_where_the_test_looks():
    assert revision_inserts((APP / WRITER).read_text(encoding="utf-8"))
