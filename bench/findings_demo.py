"""The community findings overview on the demo, over HTTP in-process: built and held.

    .venv/bin/python -m bench.findings_demo [--code helse-vest] [--runs 20] [--db /tmp/x.db]

Seeds the demo (`forlop migrate`, `forlop seed --demo`) into a fresh SQLite file unless
`--db` names one, then times `GET /v1/localities/{code}/findings` through the whole app
(TestClient: middleware, serialisation, ETag):

- built: every request after `clear()`, i.e. the overview merged again
  (what every request cost before the overview was held);
- held: repeated requests while nothing changed (what a reader gets now);
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(values) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default="helse-vest")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", default=None, help="an already seeded SQLite file")
    args = parser.parse_args()
    path = args.db or os.path.join(tempfile.mkdtemp(), "demo.db")
    os.environ["FORLOP_DATABASE_URL"] = f"sqlite:///{path}"

    from fastapi.testclient import TestClient

    from app.cli import main as forlop
    from app.main import create_app

    try:
        from app.maps.findings_cache import clear
    except ImportError:  # a tree from before the overview was held: every request builds

        def clear() -> None:
            pass

    if args.db is None:
        assert forlop(["migrate"]) == 0 and forlop(["seed", "--demo"]) == 0
    url = f"/v1/localities/{args.code}/findings"
    with TestClient(create_app()) as client:
        assert client.get(url).status_code == 200  # warm imports and connections

        def once() -> float:
            started = time.perf_counter()
            r = client.get(url)
            assert r.status_code == 200, r.text
            return time.perf_counter() - started

        built = []
        for _ in range(max(3, args.runs // 4)):
            clear()
            built.append(once())
        once()
        held = [once() for _ in range(args.runs)]
        size = len(client.get(url, params={"limit": 500}).content)
    print(f"GET {url} (demo, SQLite), first page of 50; {size} bytes at limit=500")
    print(f"  built (every request before):  {_ms(built)}  ({len(built)} runs)")
    print(f"  held (repeated, unchanged):    {_ms(held)}  ({len(held)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
