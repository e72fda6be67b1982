"""/docs works without internet: Swagger UI from the installed package, rendered by Chromium."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.openapi_file import current_document
from tests.conftest import IN_CI
from tests.live import serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_docs_name_no_host_but_this_one(client: TestClient):
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/docs/assets/") for s in sources), sources
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200 and len(asset.content) > 0, source


@pytest.mark.skipif(CHROMIUM is None and not IN_CI, reason="chromium is not installed")
def test_docs_render_every_operation_in_headless_chromium(client: TestClient, tmp_path: Path):
    assert CHROMIUM is not None, "CI installs chromium (.ci/run)"
    document = current_document()
    # The paths' operations and the deliveries documented under OpenAPI 3.1 `webhooks`.
    items = [*document["paths"].values(), *document.get("webhooks", {}).values()]
    operation_ids = {op["operationId"] for item in items for op in item.values()}
    with serve() as base:
        # No network beyond this server: a CDN reference would leave the page blank.
        command = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=127.0.0.1",
            "--virtual-time-budget=20000",
            "--window-size=1280,1600",
        ]
        dom = subprocess.run(
            [*command, "--dump-dom", f"{base}/docs"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        shot = tmp_path / "docs.png"
        subprocess.run(
            [*command, f"--screenshot={shot}", f"{base}/docs"],
            capture_output=True,
            timeout=120,
            check=True,
        )
    # Each operation is a block `operations-<tag>-<operationId>` (twice if it has two tags).
    ids = re.findall(r'id="operations-(?!tag-)([^"]+)"', dom)
    rendered = {i.split("-", 1)[1] for i in ids}
    assert "Forløp API" in dom
    assert rendered == operation_ids
    assert shot.stat().st_size > 20_000  # a page with content, not a blank one
