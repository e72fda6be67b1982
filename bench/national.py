"""A national installation: four regions, pathways owned by each and adopted across them.

    DATABASE_URL=sqlite:///var/national.db python -m bench.generate --national
    python -m bench.national --url sqlite:///var/national.db --runs 30   # the figures

Helse Vest as in `bench.generate` (its 4 health communities and 66 municipalities), and
three fictitious regions beside it (17 communities, 291 municipalities): 21 communities
and 357 municipalities. 100 pathways, 25 owned by each region; 50 of them adopted by two
other regions each. Base texts as in `bench.generate`; overrides in 10 % of the slots in
use per community, 5 % per municipality and 10 % of the adopted slots per adopting
region: about five times Helse Vest's revisions.

The figures (`main`): the merged view and the service map of a municipality in an
adopting region, each read right after a write to its community's layer (so no cache
helps), median of N; the process's peak RSS after serving views and service maps of
many localities; and `forlop export` / `forlop import` (wall clock, the import including
the layer snapshots it builds).
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from app.core.db import build_engine
from app.core.migrate import upgrade
from app.models import (
    Locality,
    Pathway,
    PathwayAdoption,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    TextRevision,
)
from app.texts import snapshots
from bench.generate import LEVELS, SECTIONS, T0, _insert, _municipalities, _text

# (code, name, communities, municipalities): the three regions beside Helse Vest.
OTHER_REGIONS = [
    ("helse-nord", "Helse Nord", 4, 86),
    ("helse-midt", "Helse Midt-Norge", 3, 38),
    ("helse-sor-ost", "Helse Sør-Øst", 10, 167),
]
N_TYPES = 40
PER_REGION = 25
CHUNK = 50_000


def generate_national(url: str, *, seed: int = 1, scale: float = 1.0) -> dict[str, int]:
    """Migrate the database at `url` and fill it with the national dataset; row counts.

    `scale` shrinks the three other regions and the pathways (a quick smoke run)."""
    rnd = random.Random(seed)
    per_region = max(2, round(PER_REGION * scale))
    engine = build_engine(url)
    upgrade(engine)
    span = (datetime.now(UTC) - T0).total_seconds()

    locs: list[dict[str, Any]] = []

    def add(code: str, name: str, kind: str, parent: int | None) -> int:
        locs.append(dict(id=len(locs) + 1, code=code, name=name, kind=kind, parent_id=parent))
        return len(locs)

    regions: list[int] = []
    communities: dict[int, list[int]] = {}  # region → its communities
    municipalities: dict[int, list[int]] = {}  # region → its municipalities
    vest = add("helse-vest", "Helse Vest", "region", None)
    regions.append(vest)
    hv_comms: dict[str, int] = {}
    for number, name, comm in _municipalities(66):
        if comm not in hv_comms:
            hv_comms[comm] = add(comm, f"Helsefellesskapet {comm}", "health_community", vest)
        municipalities.setdefault(vest, []).append(
            add(number, name, "municipality", hv_comms[comm])
        )
    communities[vest] = list(hv_comms.values())
    number = 3001
    for code, name, n_comm, n_muni in OTHER_REGIONS:
        n_muni = max(n_comm, round(n_muni * scale))
        region = add(code, name, "region", None)
        regions.append(region)
        comms = [
            add(f"{code}-hf-{i + 1}", f"{name} helsefellesskap {i + 1}", "health_community", region)
            for i in range(n_comm)
        ]
        communities[region] = comms
        for i in range(n_muni):
            municipalities.setdefault(region, []).append(
                add(str(number), f"Kommune {number}", "municipality", comms[i % n_comm])
            )
            number += 1
    _insert(engine, Locality.__table__, locs)  # type: ignore[attr-defined]
    parent = {loc["id"]: loc["parent_id"] for loc in locs}

    types = [
        dict(id=i + 1, code=f"tjeneste-{i + 1:02d}", name=f"Tjeneste {i + 1}",
             level=LEVELS[i % len(LEVELS)], description="")
        for i in range(N_TYPES)
    ]  # fmt: skip
    _insert(engine, ServiceType.__table__, types)  # type: ignore[attr-defined]
    units = []
    for region in regions:
        for m in municipalities[region]:
            for st in rnd.sample(range(1, N_TYPES + 1), k=10):
                units.append(dict(name=f"Eining {m}-{st}", locality_id=m, service_type_id=st,
                                  phone="55 00 00 00", email="post@example.no"))  # fmt: skip
        for c in communities[region]:
            units.append(dict(name=f"BUP {c}", locality_id=c, service_type_id=N_TYPES,
                              phone="55 11 11 11", email=None))  # fmt: skip
    _insert(engine, ServiceUnit.__table__, units)  # type: ignore[attr-defined]

    pathways, members, adoptions = [], [], []
    slots: dict[int, list[tuple[int, int, str]]] = {}
    owner_of: dict[int, int] = {}
    in_use: dict[int, list[int]] = {r: [] for r in regions}  # region → pathways in use
    adopted_by: dict[int, list[int]] = {}
    for p in range(1, len(regions) * per_region + 1):
        owner = regions[(p - 1) % len(regions)]
        owner_of[p] = owner
        in_use[owner].append(p)
        k = N_TYPES if p == 1 else rnd.randint(N_TYPES * 3 // 4, N_TYPES)
        pathways.append(dict(id=p, slug=f"forlop-{p:03d}", title=f"Forløp {p}",
                             summary="Et forløp.", target_group="", status="published",
                             owner_id=owner))  # fmt: skip
        slots[p] = []
        for pos, st in enumerate(rnd.sample(range(1, N_TYPES + 1), k=k)):
            members.append(dict(pathway_id=p, service_type_id=st, position=pos))
            slots[p].extend((p, st, sec) for sec in SECTIONS)
        if p % 2 == 0:  # half the pathways, each adopted by two other regions
            others = rnd.sample([r for r in regions if r != owner], k=2)
            adopted_by[p] = others
            for r in others:
                in_use[r].append(p)
                adoptions.append(dict(pathway_id=p, locality_id=r, adopted_by="bench",
                                      created_at=T0))  # fmt: skip
    _insert(engine, Pathway.__table__, pathways)  # type: ignore[attr-defined]
    _insert(engine, PathwayServiceType.__table__, members)  # type: ignore[attr-defined]
    _insert(engine, PathwayAdoption.__table__, adoptions)  # type: ignore[attr-defined]

    # The plan first (small tuples), then the rows written in chunks: ~1 million revisions.
    plan: list[tuple[float, int, tuple[int, int, str], str, str]] = []

    def history(layer: int, slot: tuple[int, int, str], lang: str, mode: str) -> None:
        for _ in range(rnd.randint(1, 9)):
            plan.append((rnd.random() * span, layer, slot, lang, mode))

    def overrides(layer: int, candidates: list[tuple[int, int, str]], share: float) -> None:
        for slot in rnd.sample(candidates, k=int(len(candidates) * share)):
            mode = rnd.choices(["replace", "append", "hide"], weights=[5, 4, 1])[0]
            history(layer, slot, "nb" if rnd.random() < 0.8 else "nn", mode)

    for p, owner in owner_of.items():
        for slot in slots[p]:
            history(owner, slot, "nb", "replace")
            if rnd.random() < 0.5:
                history(owner, slot, "nn", "replace")
    for region in regions:
        used = [s for p in in_use[region] for s in slots[p]]
        overrides(region, [s for p in in_use[region] if p in adopted_by for s in slots[p]
                           if owner_of[p] != region], 0.10)  # fmt: skip
        for c in communities[region]:
            overrides(c, used, 0.10)
        for m in municipalities[region]:
            overrides(m, used, 0.05)
    plan.sort(key=lambda r: r[0])

    latest_base: dict[tuple[int, int, str], int] = {}
    batch: list[dict[str, Any]] = []
    for rev_id, (offset, layer, (p, st, sec), lang, mode) in enumerate(plan, start=1):
        based_on = None
        if layer == owner_of[p]:
            latest_base[(p, st, sec)] = rev_id
        else:
            based_on = latest_base.get((p, st, sec))
        batch.append(dict(
            id=rev_id, locality_id=layer, pathway_id=p, service_type_id=st, section=sec,
            lang=lang, mode=mode, text=None if mode == "hide" else _text(rnd, rev_id),
            status="published", valid_from=None, based_on=based_on,
            change_kind="substantive" if rnd.random() < 0.7 else "editorial",
            needs_local_adaptation=layer == owner_of[p] and rnd.random() < 0.05,
            author="bench", created_at=T0 + timedelta(seconds=offset),
        ))  # fmt: skip
        if len(batch) == CHUNK:
            _insert(engine, TextRevision.__table__, batch)  # type: ignore[attr-defined]
            batch = []
    _insert(engine, TextRevision.__table__, batch)  # type: ignore[attr-defined]
    del parent
    with Session(engine.execution_options(forlop_write=True)) as session:
        snapshots.refresh(session)
        session.commit()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for table in ("locality", "service_type", "pathway", "text_revision"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return {"localities": len(locs), "pathways": len(pathways), "adoptions": len(adoptions),
            "units": len(units), "text_revisions": len(plan)}  # fmt: skip


# --- the figures -------------------------------------------------------------------------


def _target(url: str) -> tuple[str, str, str, str]:
    """(municipality, pathway, its community's layer to write, service type): the first
    pathway adopted by a municipality's region, else (one region) its region's first."""
    engine = build_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT m.code, p.slug, c.code, st.code FROM pathway_adoption a"
            " JOIN pathway p ON p.id = a.pathway_id JOIN locality r ON r.id = a.locality_id"
            " JOIN locality c ON c.parent_id = r.id JOIN locality m ON m.parent_id = c.id"
            " JOIN pathway_service_type pst ON pst.pathway_id = p.id AND pst.position = 0"
            " JOIN service_type st ON st.id = pst.service_type_id"
            " ORDER BY p.id, m.code LIMIT 1"
        )).first() or conn.execute(text(
            "SELECT m.code, p.slug, c.code, st.code FROM pathway p"
            " JOIN locality r ON r.id = p.owner_id"
            " JOIN locality c ON c.parent_id = r.id JOIN locality m ON m.parent_id = c.id"
            " JOIN pathway_service_type pst ON pst.pathway_id = p.id AND pst.position = 0"
            " JOIN service_type st ON st.id = pst.service_type_id"
            " ORDER BY p.id, m.code LIMIT 1"
        )).one()  # fmt: skip
    engine.dispose()
    return row[0], row[1], row[2], row[3]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


def after_writes(url: str, runs: int) -> dict[str, Any]:
    """Median and p90 ms of a merged view and of a service map, each read right after a
    write, from a client outside the server: one uvicorn worker pinned to core 0 (as
    `bench.views` serves it), the client on core 1. Plain and Brotli (what browsers ask
    for: the first read after a write compresses what it rebuilt). Then the worker's RSS
    after serving views and service maps of many localities."""
    import httpx

    from app.core.auth import hash_token, new_token
    from app.models import ApiKey
    from bench.views import _rss_mb, served

    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})  # the client on core 1, the worker on core 0
    municipality, slug, layer, st = _target(url)
    token = new_token()
    engine = build_engine(url)
    with Session(engine) as session:
        key = ApiKey(name=f"bench-{time.time_ns()}", role="admin", token_hash=hash_token(token))
        session.add(key)
        session.commit()
        codes = [c for (c,) in session.execute(text(
            "SELECT code FROM locality WHERE kind = 'municipality' ORDER BY code"
        )).all()]  # fmt: skip
        in_use = [s for (s,) in session.execute(text("SELECT slug FROM pathway")).all()]
    engine.dispose()
    auth = {"Authorization": f"Bearer {token}"}
    view_url = f"/v1/localities/{municipality}/pathways/{slug}?lang=nb"
    map_url = f"/v1/localities/{municipality}/service-map?lang=nb"
    slot = f"/v1/localities/{layer}/pathways/{slug}/texts/{st}/measures"
    codings = {"identity": "identity", "br": "gzip, deflate, br"}
    timings: dict[str, list[float]] = {}
    with (
        served("app.main:create_app", {"DATABASE_URL": url}) as (base, proc),
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        for path in (view_url, map_url):  # warm: a worker that has served before
            for accept in codings.values():
                r = client.get(path, headers={"Accept-Encoding": accept})
                assert r.status_code == 200, r.text
        for i in range(runs * 4):
            got = client.get(slot, headers=auth)
            pre = {"If-Match": got.headers["etag"]} if got.status_code == 200 else {}
            body = {"mode": "append", "text": f"Lokal rutine {i}.", "lang": "nb",
                    "status": "published"}  # fmt: skip
            put = client.put(slot, json=body,
                             headers={**auth, **(pre or {"If-None-Match": "*"})})  # fmt: skip
            assert put.status_code in (200, 201), put.text
            what, path = ("view", view_url) if i % 2 == 0 else ("service_map", map_url)
            coding = "identity" if (i // 2) % 2 == 0 else "br"
            started = time.perf_counter()
            r = client.get(path, headers={"Accept-Encoding": codings[coding]})
            r.read()
            timings.setdefault(f"{what}_{coding}", []).append(
                (time.perf_counter() - started) * 1000
            )
            assert r.status_code == 200
        # RSS as a worker holds it after serving many localities' views and service maps.
        for code in codes[:: max(1, len(codes) // 40)]:
            for accept in codings.values():
                client.get(f"/v1/localities/{code}/service-map?lang=nb",
                           headers={"Accept-Encoding": accept})  # fmt: skip
                for s in in_use[:10]:
                    client.get(f"/v1/localities/{code}/pathways/{s}?lang=nb",
                               headers={"Accept-Encoding": accept})  # fmt: skip
        rss = _rss_mb(proc.pid)
    figures: dict[str, Any] = {"target": f"{municipality} {slug} (writes at {layer})"}
    for name, values in sorted(timings.items()):
        figures[f"{name}_after_write_ms"] = {
            "median": round(statistics.median(values), 1),
            "p90": _percentile(values, 0.9),
        }
    figures["worker_rss_mb"] = round(rss)
    return figures


def export_import(url: str) -> dict[str, float]:
    """Wall-clock seconds of `forlop export` and of `forlop import` into an empty SQLite."""
    forlop = [str(Path(sys.executable).parent / "forlop")]
    with tempfile.TemporaryDirectory(dir="var") as tmp:
        bundle = Path(tmp) / "bundle.json"
        started = time.perf_counter()
        subprocess.run([*forlop, "export", str(bundle)], check=True,
                       env={**os.environ, "DATABASE_URL": url})  # fmt: skip
        exported = time.perf_counter() - started
        empty = f"sqlite:///{Path(tmp).resolve() / 'empty.db'}"
        started = time.perf_counter()
        subprocess.run([*forlop, "import", str(bundle)], check=True,
                       env={**os.environ, "DATABASE_URL": empty})  # fmt: skip
        imported = time.perf_counter() - started
        size = bundle.stat().st_size / 1e6
    return {"export_s": round(exported, 1), "import_s": round(imported, 1),
            "bundle_mb": round(size)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a database made by bench.generate")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = after_writes(args.url, args.runs)
    print(figures, flush=True)
    if not args.skip_export:
        figures |= export_import(args.url)
    print(figures)


if __name__ == "__main__":
    main()
