"""Benchmark of the map at Helse Vest scale: one map cold, the community overview, the SVG.

    .venv/bin/python -m bench.maps [--backend sqlite|pg] [--runs 15] [--db /tmp/maps.db]

Builds `bench.exports.generate`'s dataset (66 municipalities, 40 service types, 25 pathways
of 40 services, ~500,000 text revisions), adds regional links for every pathway (each
service refers to 2–3 others, four entry points) and local link overrides in ~10 % of the
municipality × service pairs, then measures in-process (server time, fresh session):

- the map with findings of a 40-service pathway in Bergen (4601), no cache (median);
- the findings overview of the Bergen community (18 municipalities) over 7 published
  pathways, and over all 25;
- the SVG of that map (Graphviz `dot`), and the Mermaid text.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.db import build_engine  # noqa: E402
from app.core.migrate import upgrade  # noqa: E402
from app.maps import render, service  # noqa: E402
from app.maps.links import Link, LinksDoc, canonical  # noqa: E402
from app.models import Locality, Pathway, ServiceType, TextRevision  # noqa: E402
from bench.exports import generate  # noqa: E402


def add_links(session: Session, seed: int = 11) -> int:
    """Regional links for every pathway, and local overrides; returns the rows written."""
    rng = random.Random(seed)
    t: Any = TextRevision.__table__  # type: ignore[attr-defined]
    types = [r[0] for r in session.execute(select(ServiceType.id).order_by(ServiceType.id))]  # type: ignore[call-overload]
    codes = dict(session.execute(select(ServiceType.id, ServiceType.code)).all())  # type: ignore[call-overload]
    pathways = [r[0] for r in session.execute(select(Pathway.id))]  # type: ignore[call-overload]
    munis = [
        r[0]
        for r in session.execute(
            select(Locality.id).where(Locality.kind == "municipality")  # type: ignore[call-overload]
        )
    ]
    when = datetime.now(UTC) - timedelta(hours=1)
    rows: list[dict[str, Any]] = []

    def row(loc: int, p: int, st: int, mode: str, doc: LinksDoc, base: int | None) -> None:
        rows.append({
            "locality_id": loc, "pathway_id": p, "service_type_id": st, "section": "links",
            "lang": "nb", "mode": mode, "text": canonical(doc), "status": "published",
            "valid_from": None, "based_on": base, "change_kind": "substantive",
            "needs_local_adaptation": False, "author": "bench", "note": None,
            "proposal_id": None, "created_at": when,
        })  # fmt: skip

    for p in pathways:
        for i, st in enumerate(types):
            onward = [types[j] for j in range(i + 1, min(i + 4, len(types)))]
            links = tuple(Link(codes[x], f"ved behov {k}") for k, x in enumerate(onward[:3]))
            row(1, p, st, "replace", LinksDoc(links, entry_point=i < 4), None)
    for m in munis:
        for p in pathways:
            for st in rng.sample(types, 4):  # ~10 % of the 40 services
                target = rng.choice([x for x in types if x != st])
                row(m, p, st, "append", LinksDoc((Link(codes[target], "lokalt"),)), None)
    for start in range(0, len(rows), 20000):
        session.execute(insert(t), rows[start : start + 20000])
    session.commit()
    return len(rows)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(first, median of `runs`) in milliseconds."""
    results = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        fn()
        results.append((time.perf_counter() - start) * 1000)
    return results[0], statistics.median(results[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "pg"), default="sqlite")
    parser.add_argument("--url", help="PostgreSQL URL of an empty database (pg)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", help="SQLite file: generated once if missing, then reused")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="forlop-bench-maps-")
    url = args.url if args.backend == "pg" else f"sqlite:///{args.db or f'{tmp}/bench.db'}"
    if url is None:
        parser.error("--url is needed for pg")
    engine = build_engine(url)
    reuse = args.db is not None and Path(args.db).exists()
    upgrade(engine)
    if not reuse:
        with Session(engine) as s:
            started = time.perf_counter()
            counts = generate(s)
            counts["links"] = add_links(s)
            print(f"dataset: {counts} in {time.perf_counter() - started:.1f} s")
    if args.backend == "pg":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))

    def in_session(fn: Callable[[Session], Any]) -> Callable[[], Any]:
        def run() -> Any:
            with Session(engine) as s:
                return fn(s)

        return run

    slug = "forlop-01"
    view = in_session(lambda s: service.pathway_map(s, code="4601", slug=slug, lang="nb"))()
    print(f"map of {slug} in 4601: {len(view['nodes'])} nodes, {len(view['edges'])} edges, "
          f"{len(view['findings'])} findings")  # fmt: skip
    first, median = timed(
        in_session(lambda s: service.pathway_map(s, code="4601", slug=slug, lang="nb")), args.runs
    )
    print(f"map with findings, cold: first {first:.1f} ms, median {median:.1f} ms (≤ 30 ms)")
    first, median = timed(lambda: render.to_svg(render.to_dot(view)), args.runs)
    print(f"SVG (dot) of that map: first {first:.1f} ms, median {median:.1f} ms (≤ 300 ms)")
    first, median = timed(lambda: render.to_mermaid(view), args.runs)
    print(f"Mermaid text: median {median:.2f} ms")
    runs = max(3, args.runs // 3)
    for published in (25, 7):
        with Session(engine) as s:
            p: Any = Pathway.__table__  # type: ignore[attr-defined]
            s.execute(update(p).values(status="published"))
            s.execute(update(p).where(p.c.id > published).values(status="draft"))
            s.commit()
        first, median = timed(
            in_session(lambda s: service.findings_overview(s, code="bergen", lang="nb")), runs
        )
        print(f"findings overview, bergen (18 municipalities) × {published} pathways: "
              f"first {first:.0f} ms, median {median:.0f} ms (≤ 2 s for × 7)")  # fmt: skip


if __name__ == "__main__":
    main()
