"""The TypeScript example (examples/typescript): types generated from openapi/openapi.json by
openapi-typescript, compiled with `tsc --strict`, run against the demo.

What a frontend team would meet: if the contract says less than, or other than, what the
server does, this fails to compile (a cast would be needed) or fails at run time."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.config import ROOT
from tests.conftest import IN_CI
from tests.demo_cli import seed_demo_cli
from tests.live import serve

assert seed_demo_cli  # registers the `demo-cli` content

EXAMPLE = ROOT / "examples" / "typescript"
NPM = shutil.which("npm")
pytestmark = pytest.mark.skipif(NPM is None and not IN_CI, reason="node and npm are not installed")


def _run(*command: str, timeout: int = 300) -> str:
    done = subprocess.run(
        command, cwd=EXAMPLE, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def compiled() -> Path:
    """node_modules from the pinned lock, the types generated, the client compiled strict."""
    assert NPM is not None, "CI installs node and npm (.ci/run)"
    lock = EXAMPLE / "package-lock.json"
    stamp = EXAMPLE / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        _run(NPM, "ci", "--no-audit", "--no-fund", timeout=600)
    _run(NPM, "run", "--silent", "generate")
    _run(NPM, "run", "--silent", "build")
    return EXAMPLE / "dist"


def _code(path: Path) -> str:
    """The source without its comments."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def test_the_client_compiles_strict_without_casts_any_or_unknown(compiled: Path):
    sources = sorted((EXAMPLE / "src").glob("*.ts"))
    sources = [s for s in sources if not s.name.endswith(".d.ts")]
    assert {s.name for s in sources} == {"client.ts", "main.ts"}
    for source in sources:
        code = _code(source)
        assert not re.search(r"\bas\s+(?!const\b)[\w{(\[]", code), f"a cast in {source.name}"
        assert not re.search(r"\bany\b", code), f"`any` in {source.name}"
        assert not re.search(r"\bunknown\b", code), f"`unknown` in {source.name}"
        assert "@ts-" not in code, f"a suppressed error in {source.name}"
    # What the caller sees: the declarations tsc wrote for the client.
    declarations = (compiled / "client.d.ts").read_text(encoding="utf-8")
    assert not re.search(r"\b(any|unknown)\b", declarations), declarations
    tsconfig = json.loads((EXAMPLE / "tsconfig.json").read_text(encoding="utf-8"))
    assert tsconfig["compilerOptions"]["strict"] is True


@pytest.mark.db_content("demo-cli")
def test_the_client_runs_against_the_demo(compiled: Path, backend: str, db_url: str):
    with serve() as base:
        report = json.loads(_run("node", str(compiled / "main.js"), base, timeout=120))
    view = report["view"]
    assert view["title"] == "Angst" and view["lang"] == "nb" and view["services"] >= 5
    assert set(view["origins"]) <= {"regional", "local", "mixed", "empty"}
    # The second read sent If-None-Match and got 304: the client used its copy.
    assert view["revalidated"] is True and view["same"] is True
    assert report["serviceMap"]["locality"] == "4601"
    assert report["serviceMap"]["services"] > 0 and report["serviceMap"]["units"] > 0
    feed = report["feed"]
    assert feed["changes"] > 100 and feed["after"] == 0
    assert "service_unit" in feed["entities"] and "unit" not in feed["entities"]
    assert int(feed["cursor"]) >= feed["changes"]
    assert report["problem"] == {"status": 404, "kind": "not-found"}
