"""The example integration script against a live server on loopback."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.exports.helpers import put

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "service_map_sync.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_url, world) -> Iterator[str]:
    """uvicorn on 127.0.0.1 and a free port, on this test's database; stopped afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        # A busy machine takes seconds to import the app: wait up to a minute.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/v1/health", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def sync(base: str, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--base-url", base, "--community", "bergen",
         "--out", str(out)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_example_script_syncs_maps_and_a_quiet_day_costs_one_request(
    server, world, session, tmp_path
):
    put(session, world, world.region, "helsestasjon", text="Rollen.")
    put(session, world, world.region, "bup", section="referral", text="Henvis.")
    out = tmp_path / "maps"

    first = sync(server, out)
    assert first["changed"] == ["4601", "4624"]
    m4601 = json.loads((out / "service-map-4601.json").read_text(encoding="utf-8"))
    assert m4601["locality"]["code"] == "4601"
    hs = next(s for s in m4601["services"] if s["service_type"]["code"] == "helsestasjon")
    assert hs["pathways"][0]["role"]["text"] == "Rollen."

    quiet = sync(server, out)
    assert quiet["feed"] == "304" and quiet["requests"] == 1 and quiet["changed"] == []
    assert quiet["bytes"] == 0

    # A local change in 4601 alters only 4601's map: one feed page, one map, one empty page.
    put(session, world, world.m4601, "helsestasjon", mode="append", text="Ring Årstad.")
    local = sync(server, out)
    assert local["checked"] == ["4601"] and local["changed"] == ["4601"]
    assert local["seq"] > quiet["seq"]
    m4601 = json.loads((out / "service-map-4601.json").read_text(encoding="utf-8"))
    hs = next(s for s in m4601["services"] if s["service_type"]["code"] == "helsestasjon")
    assert hs["pathways"][0]["role"]["text"] == "Rollen.\n\nRing Årstad."

    # A change the map does not show (measures) costs a 304 for the map it could touch.
    put(session, world, world.m4624, "fastlege", section="measures", text="Lokalt tiltak.")
    unseen = sync(server, out)
    assert unseen["checked"] == ["4624"] and unseen["changed"] == []

    # A change in the region's layer reaches every municipality of the community.
    put(session, world, world.region, "fastlege", text="Fastlegen vurderer.")
    regional = sync(server, out)
    assert regional["checked"] == ["4601", "4624"] and regional["changed"] == ["4601", "4624"]
    assert sync(server, out)["feed"] == "304"
