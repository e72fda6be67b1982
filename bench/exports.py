"""Benchmark of the exports at Helse Vest scale, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.exports [--backend sqlite|pg|both] [--runs 15]

Builds the dataset (66 municipalities in 4 communities, 40 service types, 25 pathways of
40 services × 6 sections × 2 languages, 5 revisions per slot on average, ~15 % of slots
overridden per community and ~10 % per municipality: ~500,000 revisions), then measures
in-process (server time, no HTTP client):

- the service map of Bergen (4601): cold = no view cache, fresh session, Markdown memo
  cleared before each run (decoded layer snapshots kept, as a running server holds
  them); median; and "process cold": the memo and the decoded layers both cleared;
- the same map as HSDS and FHIR, as a ratio to JSON;
- the FHIR PlanDefinition and the embed fragment of a 40-service pathway;
- `forlop export` of everything, and `forlop import` of that bundle into an empty database.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import insert, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.backup import bundle  # noqa: E402
from app.core.config import get_settings  # noqa: E402
from app.core.db import build_engine  # noqa: E402
from app.core.migrate import upgrade  # noqa: E402
from app.exports import content, embed, fhir, hsds, map_parts, service_map  # noqa: E402
from app.models import (  # noqa: E402
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    ServiceUnitCatchment,
    TextRevision,
)
from app.texts import snapshots  # noqa: E402
from app.texts.markdown import render  # noqa: E402
from app.texts.read_cache import close_cache, get_cache  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SECTIONS = ("role", "assessment", "measures", "evaluation", "collaboration", "referral")
WORDS = [
    "barnet",
    "familien",
    "helsestasjonen",
    "fastlegen",
    "kartlegging",
    "tiltak",
    "samarbeid",
    "henvisning",
    "foreldre",
    "skolen",
    "oppfølging",
    "vurdering",
    "samtale",
    "behov",
    "tjenesten",
    "ansvar",
    "tidlig",
    "innsats",
    "angst",
    "søvn",
    "trivsel",
    "bekymring",
    "koordinator",
    "avtale",
    "møte",
    "rutine",
    "kontakt",
]


def _text(rng: random.Random, n: int = 45) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return f"**{words[0].capitalize()}** " + " ".join(words[1:]) + ". Ring 55 00 00 00."


def generate(session: Session, seed: int = 7) -> dict[str, int]:
    """Write the Helse Vest-scale dataset with bulk inserts; counts per table."""
    rng = random.Random(seed)
    now = datetime.now(UTC) - timedelta(days=1)
    tables: dict[str, Any] = {
        "locality": Locality.__table__,  # type: ignore[attr-defined]
        "service_type": ServiceType.__table__,  # type: ignore[attr-defined]
        "pathway": Pathway.__table__,  # type: ignore[attr-defined]
        "pst": PathwayServiceType.__table__,  # type: ignore[attr-defined]
        "unit": ServiceUnit.__table__,  # type: ignore[attr-defined]
        "catchment": ServiceUnitCatchment.__table__,  # type: ignore[attr-defined]
        "rev": TextRevision.__table__,  # type: ignore[attr-defined]
    }
    stamp = {"created_at": now, "updated_at": now}
    locs = [{"id": 1, "code": "helse-vest", "name": "Helse Vest", "kind": "region",
             "parent_id": None, **stamp}]  # fmt: skip
    community_ids: dict[str, int] = {}
    with (DATA / "health-communities.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            community_ids[row["code"]] = len(locs) + 1
            locs.append({"id": len(locs) + 1, "code": row["code"], "name": row["name"],
                         "kind": "health_community", "parent_id": 1, **stamp})  # fmt: skip
    municipalities: list[dict[str, Any]] = []
    with (DATA / "helse-vest-municipalities.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            loc = {"id": len(locs) + 1, "code": row["municipality_number"], "name": row["name"],
                   "kind": "municipality", "parent_id": community_ids[row["health_community"]],
                   **stamp}  # fmt: skip
            locs.append(loc)
            municipalities.append({**loc, "bup": row["bup_catchment"]})
    types = [
        {"id": i + 1, "code": f"tjeneste-{i + 1:02d}", "name": f"Tjeneste {i + 1}",
         "name_nn": f"Teneste {i + 1}", "level": "specialist" if i % 8 == 0 else "municipal",
         "description": _text(rng, 20), **stamp}
        for i in range(40)
    ]  # fmt: skip
    pathways = [
        {"id": p + 1, "slug": f"forlop-{p + 1:02d}", "title": f"Forløp {p + 1}",
         "title_nn": None, "summary": _text(rng, 30), "target_group": "Barn og unge 0–18 år",
         "status": "published", "owner_id": 1, **stamp}  # the region owns them all
        for p in range(25)
    ]  # fmt: skip
    pst = [{"pathway_id": p["id"], "service_type_id": t["id"], "position": i}
           for p in pathways for i, t in enumerate(types)]  # fmt: skip
    units: list[dict[str, Any]] = []
    catchments: list[dict[str, Any]] = []
    for m in municipalities:
        for t in types[1:9]:
            units.append({"id": len(units) + 1, "name": f"{t['name']} {m['name']}",
                          "phone": "55 00 00 00", "email": f"post{len(units)}@example.org",
                          "url": f"https://example.org/u/{len(units)}", "visiting_address": None,
                          "locality_id": m["id"], "service_type_id": t["id"], **stamp})  # fmt: skip
    for code, cid in community_ids.items():
        unit_id = len(units) + 1
        units.append({"id": unit_id, "name": f"BUP {code}", "phone": "55 11 11 11",
                      "email": None, "url": None, "visiting_address": None, "locality_id": cid,
                      "service_type_id": 1, **stamp})  # fmt: skip
        for m in municipalities:
            if m["bup"] == code and community_ids.get(code) != m["parent_id"]:
                catchments.append({"unit_id": unit_id, "locality_id": m["id"]})
    for name, rows in (("locality", locs), ("service_type", types), ("pathway", pathways),
                       ("pst", pst), ("unit", units), ("catchment", catchments)):  # fmt: skip
        session.execute(insert(tables[name]), rows)
    revs: list[dict[str, Any]] = []
    start = now - timedelta(days=30)

    def add(loc_id: int, p: int, t: int, sec: str, lang: str, mode: str, base: int | None) -> int:
        for k in range(rng.randint(1, 9)):  # 5 revisions per slot on average
            revs.append({
                "id": len(revs) + 1, "locality_id": loc_id, "pathway_id": p, "service_type_id": t,
                "section": sec, "lang": lang, "mode": mode,
                "text": None if mode == "hide" else _text(rng),
                "status": "published", "valid_from": None, "based_on": base,
                "change_kind": "editorial" if k % 3 == 2 else "substantive",
                "needs_local_adaptation": False, "author": "bench", "note": None,
                "proposal_id": None, "created_at": start + timedelta(seconds=len(revs)),
            })  # fmt: skip
        return len(revs)

    base_rev: dict[tuple[int, int, str, str], int] = {}
    for p in pathways:
        for t in types:
            for sec in SECTIONS:
                for lang in ("nb", "nn"):
                    key = (p["id"], t["id"], sec, lang)
                    base_rev[key] = add(1, p["id"], t["id"], sec, lang, "replace", None)
    slots = list(base_rev)
    for layer_ids, share in ((list(community_ids.values()), 0.15),
                             ([m["id"] for m in municipalities], 0.10)):  # fmt: skip
        for loc_id in layer_ids:
            for key in rng.sample(slots, int(len(slots) * share)):
                mode = rng.choices(("replace", "append", "hide"), (5, 4, 1))[0]
                add(loc_id, *key, mode, base_rev[key])
    for start in range(0, len(revs), 20000):
        session.execute(insert(tables["rev"]), revs[start : start + 20000])
    session.commit()
    return {"localities": len(locs), "units": len(units), "revisions": len(revs)}


def timed(fn: Callable[[], Any], runs: int, *, layers: bool = False) -> tuple[float, float]:
    """(first, median of `runs`) in milliseconds; markdown memo (and with `layers` the
    decoded layer snapshots) cleared before each run."""
    results = []
    for _ in range(runs + 1):
        render.cache_clear()
        get_cache().entries.clear()  # no held read, no held service-map part
        if layers:
            snapshots.cache.clear()
        start = time.perf_counter()
        fn()
        results.append((time.perf_counter() - start) * 1000)
    return results[0], statistics.median(results[1:])


def bench_backend(name: str, url: str, empty_url: str, runs: int) -> dict[str, Any]:
    # The read cache (and the tree it holds) keys on the configured database.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    close_cache()
    engine = build_engine(url)
    upgrade(engine)
    with Session(engine) as s:
        started = time.perf_counter()
        counts = generate(s)
        build_s = time.perf_counter() - started
        # Bulk rows leave the layer snapshots behind; `forlop migrate`/`import` rebuild them.
        started = time.perf_counter()
        snapshots.refresh(s)
        s.commit()
        snapshots_s = time.perf_counter() - started
    if name == "pg":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))

    def in_session(fn: Callable[[Session], Any]) -> Callable[[], Any]:
        def run() -> Any:
            with Session(engine) as s:
                return fn(s)

        return run

    out: dict[str, Any] = {"backend": name, **counts, "generate_s": round(build_s, 1),
                           "snapshots_s": round(snapshots_s, 1)}  # fmt: skip
    variants = {
        # As the route builds it: from per-pathway parts (none held here).
        "map_json": lambda s: map_parts.service_map_json(s, code="4601", lang="nb"),
        "map_csv": lambda s: service_map.to_csv(content.service_map(s, code="4601", lang="nb")),
        "map_hsds": lambda s: orjson.dumps(
            hsds.page(content.service_map(s, code="4601", lang="nb"), page_number=1, per_page=500)
        ),
        "map_fhir": lambda s: orjson.dumps(
            fhir.service_map_bundle(content.service_map(s, code="4601", lang="nb"))
        ),
        "plan_definition": lambda s: orjson.dumps(
            fhir.plan_definition(
                content.merged_pathway(s, code="4601", slug="forlop-01", lang="nb")
            )
        ),
        "embed": lambda s: embed.fragment(
            content.merged_pathway(s, code="4601", slug="forlop-01", lang="nb")
        ),
    }
    for key, fn in variants.items():
        first, median = timed(in_session(fn), runs)
        out[f"{key}_first_ms"] = round(first, 1)
        out[f"{key}_median_ms"] = round(median, 1)
    first, median = timed(in_session(variants["map_json"]), runs, layers=True)
    out["map_json_process_cold_median_ms"] = round(median, 1)
    for key in ("map_hsds", "map_fhir", "map_csv"):
        out[f"{key}_ratio"] = round(out[f"{key}_median_ms"] / out["map_json_median_ms"], 2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        with Session(engine) as s:
            started = time.perf_counter()
            bundle.export_bundle(s, path)
            out["export_s"] = round(time.perf_counter() - started, 1)
        out["bundle_mb"] = round(path.stat().st_size / 1e6, 1)
        target = build_engine(empty_url)
        upgrade(target)
        with Session(target) as s:
            started = time.perf_counter()
            bundle.import_bundle(s, path.read_bytes())
            out["import_s"] = round(time.perf_counter() - started, 1)
        with Session(target) as s:
            again = b"".join(bundle.export_chunks(s))
        out["round_trip_identical"] = again == path.read_bytes()
        target.dispose()
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "pg", "both"), default="both")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = []
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(bench_backend("sqlite", f"sqlite:///{tmp}/a.db",
                                         f"sqlite:///{tmp}/b.db", args.runs))  # fmt: skip
    if args.backend in ("pg", "both"):
        from sqlalchemy import create_engine

        from tests.pg import create_cluster

        cluster = create_cluster()
        try:
            admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("CREATE DATABASE bench_a"))
                conn.execute(text("CREATE DATABASE bench_b"))
            admin.dispose()
            results.append(
                bench_backend("pg", cluster.url("bench_a"), cluster.url("bench_b"), args.runs)
            )
        finally:
            cluster.destroy()
    for result in results:
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
