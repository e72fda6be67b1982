"""The load benchmark's records, and the check of them against the database afterwards."""

import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, text


@dataclass
class Write:
    """One write sent, with its marker and what the server answered."""

    kind: str  # "put" or "proposal"
    marker: str
    entity_key: tuple[str, str, str]  # change-log (entity, locality, entity_id)
    what: str = ""  # method and path
    status: int = 0  # 0: no answer (transport error or timeout)
    proposal_id: int | None = None


@dataclass
class Results:
    """What the clients recorded: latencies (ms), status counts, the writes."""

    reads: list[float] = field(default_factory=list)
    writes_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    writes: list[Write] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # 5xx and transport errors, first few
    elapsed: float = 0.0


def last_seq(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT COALESCE(MAX(seq), 0) FROM change_log")).scalar_one())


def verify(engine: Engine, results: Results, run_id: str, start_seq: int) -> dict[str, int]:
    """Search the database for every write's marker, and the change log for gaps."""
    marker = re.compile(rf"lt{run_id}x\d{{7}}")
    found: dict[str, Counter[str]] = {"put": Counter(), "proposal": Counter()}
    tables = {"put": "text_revision", "proposal": "change_proposal"}
    with engine.connect() as conn:
        for kind, table in tables.items():
            rows = conn.execute(text(f"SELECT text FROM {table} WHERE text LIKE :p"),
                                {"p": f"%lt{run_id}x%"}).scalars()  # fmt: skip
            for body in rows:
                found[kind].update(set(marker.findall(body or "")))
        log = conn.execute(text(
            "SELECT seq, entity, locality, entity_id FROM change_log WHERE seq > :s ORDER BY seq"),
            {"s": start_seq}).all()  # fmt: skip
    acked = [w for w in results.writes if 200 <= w.status < 300]
    refused = [w for w in results.writes if w.status >= 300]
    seqs = [row[0] for row in log]
    expected = Counter(w.entity_key for w in acked)
    actual = Counter((row[1], row[2], row[3]) for row in log)
    lost = [w for w in acked if found[w.kind][w.marker] == 0]
    duplicated = [w for w in acked if found[w.kind][w.marker] > 1]
    phantom = [w for w in refused if found[w.kind][w.marker] > 0]
    for name, writes in (("lost", lost), ("duplicated", duplicated), ("phantom", phantom)):
        for w in writes[:10]:
            results.failures.append(f"{name} write: {w.what} {w.marker} answered {w.status}")
    return {
        "acknowledged writes": len(acked),
        "refused writes": len(refused),
        "unanswered writes": sum(1 for w in results.writes if w.status == 0),
        "lost writes": len(lost),
        "duplicated writes": len(duplicated),
        "phantom writes": len(phantom),
        "change-log entries": len(log),
        "change-log gaps": (seqs[-1] - start_seq - len(seqs)) if seqs else 0,
        "change-log mismatches": sum(((expected - actual) + (actual - expected)).values()),
    }


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return f"p50 {at(0.50):.1f} ms, p90 {at(0.90):.1f} ms, p99 {at(0.99):.1f} ms"


TARGETS = ("5xx", "unanswered writes", "lost writes", "duplicated writes", "phantom writes",
           "change-log gaps", "change-log mismatches")  # fmt: skip


def report(results: Results, checks: dict[str, int]) -> dict[str, int]:
    """Print the figures; returns them with the requests' count and the 5xx."""
    total = sum(results.statuses.values())
    fivexx = sum(n for s, n in results.statuses.items() if s.startswith("5"))
    print(f"requests: {total} in {results.elapsed:.1f} s → {total / results.elapsed:.1f} req/s")
    print(f"reads:  {len(results.reads)}, {percentiles(results.reads)}")
    print(f"writes: {len(results.writes_ms)}, {percentiles(results.writes_ms)}")
    kinds = Counter((w.kind, w.status) for w in results.writes)
    print(
        "writes by kind and status:",
        ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(kinds.items())),
    )
    print("status codes:", ", ".join(f"{s}: {n}" for s, n in sorted(results.statuses.items())))
    for name, value in checks.items():
        print(f"{name}: {value}")
    print(f"5xx: {fivexx}")
    for line in results.failures:
        print("  failure:", line)
    return {"requests": total, **checks, "5xx": fivexx}


def missed(figures: dict[str, int]) -> dict[str, int]:
    """The targets (each must be 0) that were missed."""
    return {name: figures[name] for name in TARGETS if figures[name]}
