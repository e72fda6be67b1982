"""A Helse Vest-scale dataset for the benchmarks, written fast with Core bulk inserts.

    DATABASE_URL=sqlite:///var/bench.db python -m bench.generate [--scale 1.0] [--seed 1]

66 municipalities, 4 health communities, 40 service types, 25 pathways (the first with
40 service types), 6 sections, nb everywhere and nn for half the base texts; ~10 % of
slots overridden per municipality and 15 % per community; ~5 revisions per slot.
"""

import argparse
import csv
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlmodel import Session

from app.core.config import get_settings
from app.core.db import build_engine
from app.core.migrate import upgrade
from app.models import (
    Locality,
    Pathway,
    PathwayServiceType,
    ServiceType,
    ServiceUnit,
    TextRevision,
)
from app.texts import snapshots

# The shared reference data lives beside the repository (`../shared/data`), wherever it is.
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SECTIONS = ["role", "assessment", "measures", "evaluation", "collaboration", "referral"]
LEVELS = ["municipal"] * 28 + ["specialist"] * 8 + ["state"] * 2 + ["other"] * 2
_WORD_TEXT = (
    "barnet foresatte helsestasjonen kartlegging samtale tiltak oppfølging henvisning fastlegen "
    "skolen samarbeid vurdering angst søvn kontakt avtale tverrfaglig møte psykolog veileder "
    "plan evaluering tilbud ventetid koordinator ansvarsgruppe"
)
WORDS = _WORD_TEXT.split()
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def _municipalities(n: int) -> list[tuple[str, str, str]]:
    path = DATA / "helse-vest-municipalities.csv"
    if path.exists():
        with path.open() as f:
            rows = [(r["municipality_number"], r["name"], r["health_community"])
                    for r in csv.DictReader(f)]  # fmt: skip
    else:
        comms = ["sor-rogaland", "fonna", "bergen", "sogn-og-fjordane"]
        rows = [(str(4601 + i), f"Kommune {i}", comms[i % 4]) for i in range(66)]
    return rows[:n]


def _text(rnd: random.Random, rev: int) -> str:
    words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(25, 60)))
    tail = f"- {rnd.choice(WORDS)}\n- ring 55 00 {rev % 100:02d} 00"
    return f"**Revisjon {rev}.** {words.capitalize()}.\n\n{tail}"


def _insert(engine: Engine, table: Any, rows: list[dict[str, Any]], chunk: int = 20_000) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), chunk):
            conn.execute(insert(table), rows[i : i + chunk])


def generate(url: str, *, scale: float = 1.0, seed: int = 1) -> dict[str, int]:
    """Migrate the database at `url` and fill it; returns row counts."""
    rnd = random.Random(seed)
    engine = build_engine(url)
    upgrade(engine)
    n_muni = max(2, round(66 * scale))
    n_types = max(6, round(40 * scale))
    n_pathways = max(2, round(25 * scale))
    now = datetime.now(UTC)
    span = (now - T0).total_seconds()

    locs: list[dict[str, Any]] = [dict(id=1, code="helse-vest", name="Helse Vest", kind="region",
                                       parent_id=None)]  # fmt: skip
    comm_ids: dict[str, int] = {}
    with (DATA / "health-communities.csv").open() as f:
        for r in csv.DictReader(f):
            comm_ids[r["code"]] = len(locs) + 1
            locs.append(dict(id=len(locs) + 1, code=r["code"], name=r["name"],
                             kind="health_community", parent_id=1))  # fmt: skip
    muni_ids = []
    for number, name, comm in _municipalities(n_muni):
        muni_ids.append(len(locs) + 1)
        locs.append(dict(id=len(locs) + 1, code=number, name=name, kind="municipality",
                         parent_id=comm_ids[comm]))  # fmt: skip
    parent = {loc["id"]: loc["parent_id"] for loc in locs}
    _insert(engine, Locality.__table__, locs)  # type: ignore[attr-defined]

    types = [
        dict(id=i + 1, code=f"tjeneste-{i + 1:02d}", name=f"Tjeneste {i + 1}",
             level=LEVELS[i % len(LEVELS)], description="")
        for i in range(n_types)
    ]  # fmt: skip
    _insert(engine, ServiceType.__table__, types)  # type: ignore[attr-defined]
    units = []
    for m in muni_ids:
        for st in rnd.sample(range(1, n_types + 1), k=min(10, n_types)):
            units.append(dict(name=f"Eining {m}-{st}", locality_id=m, service_type_id=st,
                              phone="55 00 00 00", email="post@example.no"))  # fmt: skip
    for c in comm_ids.values():
        units.append(dict(name=f"BUP {c}", locality_id=c, service_type_id=n_types,
                          phone="55 11 11 11", email=None))  # fmt: skip
    _insert(engine, ServiceUnit.__table__, units)  # type: ignore[attr-defined]

    pathways, members = [], []
    slots: list[tuple[int, int, str]] = []
    for p in range(n_pathways):
        k = n_types if p == 0 else rnd.randint(max(1, n_types * 3 // 4), n_types)
        pathways.append(dict(id=p + 1, slug=f"forlop-{p + 1:02d}", title=f"Forløp {p + 1}",
                             summary="Et forløp.", target_group="",
                             status="published", owner_id=1))  # fmt: skip
        for pos, st in enumerate(rnd.sample(range(1, n_types + 1), k=k)):
            members.append(dict(pathway_id=p + 1, service_type_id=st, position=pos))
            slots.extend((p + 1, st, sec) for sec in SECTIONS)
    _insert(engine, Pathway.__table__, pathways)  # type: ignore[attr-defined]
    _insert(engine, PathwayServiceType.__table__, members)  # type: ignore[attr-defined]

    # Each revision as (time, layer, slot, lang, mode); ids are given in time order below.
    plan: list[tuple[float, int, tuple[int, int, str], str, str]] = []

    def history(layer: int, slot: tuple[int, int, str], lang: str, mode: str) -> None:
        for _ in range(rnd.randint(1, 9)):
            plan.append((rnd.random() * span, layer, slot, lang, mode))

    for slot in slots:
        history(1, slot, "nb", "replace")
        if rnd.random() < 0.5:
            history(1, slot, "nn", "replace")
    for layer, share in [(c, 0.15) for c in comm_ids.values()] + [(m, 0.10) for m in muni_ids]:
        for slot in rnd.sample(slots, k=int(len(slots) * share)):
            mode = rnd.choices(["replace", "append", "hide"], weights=[5, 4, 1])[0]
            history(layer, slot, "nb" if rnd.random() < 0.8 else "nn", mode)
    plan.sort(key=lambda r: r[0])

    revisions = []
    latest_region: dict[tuple[int, int, str], int] = {}
    for rev_id, (offset, layer, (p, st, sec), lang, mode) in enumerate(plan, start=1):
        based_on = None
        if layer != 1:
            based_on = latest_region.get((p, st, sec))
        else:
            latest_region[(p, st, sec)] = rev_id
        revisions.append(dict(
            id=rev_id, locality_id=layer, pathway_id=p, service_type_id=st, section=sec,
            lang=lang, mode=mode, text=None if mode == "hide" else _text(rnd, rev_id),
            status="published", valid_from=None, based_on=based_on,
            change_kind="substantive" if rnd.random() < 0.7 else "editorial",
            needs_local_adaptation=layer == 1 and rnd.random() < 0.05,
            author="bench", created_at=T0 + timedelta(seconds=offset),
        ))  # fmt: skip
    del parent
    _insert(engine, TextRevision.__table__, revisions)  # type: ignore[attr-defined]
    # Bulk inserts bypass the ORM hook: build the layer snapshots as a write would have.
    with Session(engine.execution_options(forlop_write=True)) as session:
        snapshots.refresh(session)
        session.commit()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("locality", "service_type", "pathway", "text_revision"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return {"localities": len(locs), "service_types": len(types), "pathways": len(pathways),
            "units": len(units), "text_revisions": len(revisions)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--national", action="store_true", help="four regions with adoptions (bench/national.py)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.national:
        from bench.national import generate_national

        counts = generate_national(get_settings().database_url, scale=args.scale, seed=args.seed)
        print(counts, f"in {time.perf_counter() - started:.1f} s")
        return
    counts = generate(get_settings().database_url, scale=args.scale, seed=args.seed)
    print(counts, f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
