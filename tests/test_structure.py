"""The house keeps its shape: the tree, pathways and catalogue are read from their owners,
what a commit does is installed in one place, and the copies issue 16 removed stay gone."""

import ast
from collections import Counter
from pathlib import Path

from sqlalchemy.orm import Session as OrmSession

from app.commit_hooks import install_session_hooks

APP = Path(__file__).resolve().parents[1] / "app"

# What `app.texts.queries` used to serve every domain; their owners are
# app.localities.lookups, app.pathways.lookups, app.catalog.lookups and app.core.timestamps.
MOVED = {
    "LocalityRow", "chain_of", "region", "PathwayRow", "pathway_by_slug", "pathways",
    "ServiceTypeRow", "UnitRow", "pathway_service_types", "service_types_by_code",
    "units_for", "utc",
}  # fmt: skip


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(APP.rglob("*.py"))]


def _name(path: Path) -> str:
    return str(path.relative_to(APP.parent))


def _tree_reads_through_texts(tree: ast.Module) -> list[str]:
    """Tree, pathway or catalogue names taken from app.texts.queries in this module."""
    found = []
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "app.texts.queries":
            found += [a.name for a in node.names if a.name in MOVED]
        if isinstance(node, ast.ImportFrom) and node.module == "app.texts":
            aliases |= {a.asname or a.name for a in node.names if a.name == "queries"}
        if isinstance(node, ast.Import):
            aliases |= {a.asname for a in node.names if a.name == "app.texts.queries" and a.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr in MOVED
        ):
            found.append(node.attr)
    return found


def test_no_domain_reads_the_tree_or_catalogue_through_texts() -> None:
    offenders = {
        _name(path): names
        for path, tree in _modules()
        if path.parent.name != "texts" and (names := _tree_reads_through_texts(tree))
    }
    assert offenders == {}


def test_texts_queries_defines_none_of_the_moved_reads() -> None:
    tree = ast.parse((APP / "texts" / "queries.py").read_text(encoding="utf-8"))
    defined = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in MOVED
    }
    assert defined == set()


def _session_hooks_registered(tree: ast.Module) -> list[int]:
    """Lines that register an ORM session hook (`@event.listens_for(Session…)`, `event.listen`)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.args[0] if node.args else None
            if (
                node.func.attr in ("listens_for", "listen")
                and isinstance(target, ast.Name)
                and "Session" in target.id
            ):
                lines.append(node.lineno)
    return lines


def test_session_hooks_are_registered_only_by_the_installer() -> None:
    offenders = {
        _name(path): lines
        for path, tree in _modules()
        if path.name != "commit_hooks.py" and (lines := _session_hooks_registered(tree))
    }
    assert offenders == {}


def test_installing_the_hooks_twice_registers_each_once() -> None:
    from app.audit import writer
    from app.changes import log
    from app.texts import read_cache, snapshots

    install_session_hooks()
    install_session_hooks()
    dispatch = OrmSession().dispatch
    after_flush = Counter(list(dispatch.after_flush))
    before_commit = list(dispatch.before_commit)
    assert after_flush[writer.write_audit_rows] == 1
    assert after_flush[snapshots.note_layers] == 1
    assert Counter(before_commit)[snapshots.rebuild_pending] == 1
    assert Counter(before_commit)[read_cache.note_change] == 1
    # The change log is written last: its lock is held from there to the commit.
    assert before_commit[-1] is log.write_pending


def _definitions(name: str) -> list[str]:
    return [
        _name(path)
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == name
    ]


def test_each_lookup_has_one_home() -> None:
    assert _definitions("chain_or_404") == ["app/localities/lookups.py"]
    assert _definitions("pathway_or_404") == ["app/pathways/lookups.py"]
    assert _definitions("title_in") == ["app/pathways/lookups.py"]


def test_the_language_choice_of_a_title_is_written_once() -> None:
    copies = [
        _name(path)
        for path, _ in _modules()
        if "title_nn if lang" in path.read_text(encoding="utf-8")
    ]
    assert copies == ["app/pathways/lookups.py"]


def test_core_does_not_import_the_app() -> None:
    """app.core is what the domains build on; the composition (app.main) sits above it."""
    offenders = [
        _name(path)
        for path, tree in _modules()
        if path.parent.name == "core"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "app.main"
    ]
    assert offenders == []
