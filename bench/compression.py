"""What gzip and Brotli cost on the benchmark's largest bodies, level by level.

    .venv/bin/python -m bench.compression --url sqlite:///var/bench.db

The first read after a write compresses what it rebuilt (`app/core/encoding.py`), so the
level chosen there is a trade between that read's time and the bytes sent. Prints, for the
merged view of `forlop-05` at 1101 and the service map of 1101 (`bench.generate` data),
the best of five times and the size at each level.
"""

import argparse
import gzip
import os
import time
from collections.abc import Callable

import brotli


def _best_ms(work: Callable[[], bytes], runs: int = 5) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(work())
        best = min(best, time.perf_counter() - started)
    return best * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a database made by bench.generate")
    parser.add_argument("--code", default="1101")
    parser.add_argument("--slug", default="forlop-05")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    from fastapi.testclient import TestClient

    from app.main import create_app

    plain = {"Accept-Encoding": "identity"}
    with TestClient(create_app()) as client:
        bodies = {
            "merged view": client.get(
                f"/v1/localities/{args.code}/pathways/{args.slug}?lang=nb", headers=plain
            ).content,
            "service map": client.get(
                f"/v1/localities/{args.code}/service-map?lang=nb", headers=plain
            ).content,
        }
    for name, body in bodies.items():
        print(f"{name}: {len(body):,} bytes")
        for quality in range(6):
            ms, size = _best_ms(lambda q=quality, b=body: brotli.compress(b, quality=q))
            print(f"  br {quality}: {ms:6.1f} ms {size:>9,} bytes")
        for level in (1, 4, 6, 9):
            ms, size = _best_ms(
                lambda lv=level, b=body: gzip.compress(b, compresslevel=lv, mtime=0)
            )
            print(f"  gzip {level}: {ms:6.1f} ms {size:>9,} bytes")


if __name__ == "__main__":
    main()
