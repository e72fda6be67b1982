"""A pathway's map as a graph, and the findings it shows: plain data in and out; no I/O."""

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SEVERITY_RANK = {"problem": 0, "warning": 1, "info": 2}
# (bokmål, nynorsk, English), the order of every text a finding carries.
SECTION_NAMES = {
    "role": ("Rolle", "Rolle", "Role"),
    "assessment": ("Kartlegging", "Kartlegging", "Assessment"),
    "measures": ("Tiltak", "Tiltak", "Measures"),
    "evaluation": ("Evaluering av tiltak", "Evaluering av tiltak", "Evaluation of measures"),
    "collaboration": ("Samarbeid", "Samarbeid", "Collaboration"),
    "referral": ("Videre henvisning", "Vidare tilvising", "Referral onwards"),
    "links": ("Henvisningslenker", "Tilvisingslenker", "Referral links"),
}
LANGS = ("nb", "nn", "en")
Texts = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Node:
    """A service type as the map of one locality sees it."""

    service_type: str
    name: str
    level: str
    hidden: bool = False
    entry_point: bool = False
    in_pathway: bool = True
    unit_count: int = 0
    # True when the region registers units of this type somewhere: then none here means a gap.
    units_expected: bool = False
    missing_sections: tuple[str, ...] = ()
    stale_sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """A merged referral link; `back` marks an expected hand-back, `local` a local layer's."""

    source: str
    target: str
    label: str = ""
    back: bool = False
    local: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """Something on the map a person would want flagged, in bokmål, nynorsk and English."""

    code: str
    severity: str
    message: Texts
    why: Texts
    service_type: str | None = None
    target: str | None = None
    sections: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "service_type": self.service_type,
            "target": self.target,
            "sections": list(self.sections),
            "message": dict(zip(LANGS, self.message, strict=True)),
            "why": dict(zip(LANGS, self.why, strict=True)),
        }


def reachable(starts: Iterable[str], edges: Iterable[Edge], blocked: set[str]) -> set[str]:
    """Services reached from `starts` along edges, never entering a blocked service."""
    onward: dict[str, list[str]] = {}
    for e in edges:
        onward.setdefault(e.source, []).append(e.target)
    seen = {s for s in starts if s not in blocked}
    queue = deque(seen)
    while queue:
        here = queue.popleft()
        for there in onward.get(here, ()):
            if there not in seen and there not in blocked:
                seen.add(there)
                queue.append(there)
    return seen


def walk_order(start: str, edges: Sequence[Edge], blocked: set[str]) -> list[tuple[str, int]]:
    """Breadth-first from `start` along forward links: each service once, with its depth."""
    onward: dict[str, list[str]] = {}
    for e in edges:
        if not e.back:
            onward.setdefault(e.source, []).append(e.target)
    order = [(start, 0)]
    seen = {start}
    queue = deque(order)
    while queue:
        here, depth = queue.popleft()
        for there in onward.get(here, ()):
            if there not in seen and there not in blocked:
                seen.add(there)
                order.append((there, depth + 1))
                queue.append((there, depth + 1))
    return order


def forward_cycles(order: Sequence[str], edges: Iterable[Edge]) -> list[tuple[str, ...]]:
    """Groups of services that refer each other round in a circle (back links not counted)."""
    graph: dict[str, list[str]] = {n: [] for n in order}
    for e in edges:
        if not e.back and e.source in graph and e.target in graph:
            graph[e.source].append(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[tuple[str, ...]] = []
    counter = 0
    for root in order:
        if root in index:
            continue
        # Tarjan's algorithm, iteratively: a path of (node, next child position).
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph[node]
            if pos < len(children):
                work.append((node, pos + 1))
                child = children[pos]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    rank = {n: i for i, n in enumerate(order)}
                    groups.append(tuple(sorted(group, key=rank.__getitem__)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    rank = {n: i for i, n in enumerate(order)}
    return sorted(groups, key=lambda g: rank[g[0]])


def _sections(keys: Sequence[str]) -> Texts:
    nb, nn, en = (", ".join(SECTION_NAMES.get(k, (k, k, k))[i] for k in keys) for i in range(3))
    return nb, nn, en


def findings(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[Finding]:
    """Every finding of the map, most serious first, then in the pathway's order."""
    by_code = {n.service_type: n for n in nodes}
    rank = {n.service_type: i for i, n in enumerate(nodes)}
    hidden = {n.service_type for n in nodes if n.hidden}
    out: list[Finding] = []
    for e in edges:
        src, dst = by_code.get(e.source), by_code.get(e.target)
        if src is None or dst is None or src.hidden:
            continue
        if dst.hidden:
            out.append(
                Finding(
                    "link_to_hidden_service",
                    "problem",
                    (
                        f"{src.name} henviser til {dst.name}, men tjenesten finnes ikke her.",
                        f"{src.name} viser til {dst.name}, men tenesta finst ikkje her.",
                        f"{src.name} refers to {dst.name}, but that service does not exist here.",
                    ),
                    (
                        "Barnet blir sendt til en tjeneste som ikke finnes lokalt: henvisningen "
                        "stopper opp, eller familien må selv finne en annen vei.",
                        "Barnet blir sendt til ei teneste som ikkje finst lokalt: tilvisinga "
                        "stoppar opp, eller familien må sjølv finne ein annan veg.",
                        "The child is sent to a service that does not exist locally: the "
                        "referral stalls, or the family has to find another way on its own.",
                    ),
                    e.source,
                    e.target,
                )
            )
        elif dst.unit_count == 0 and dst.units_expected:
            out.append(
                Finding(
                    "link_to_service_without_unit",
                    # No specialist unit serving the place: nobody receives the referral. A
                    # missing municipal unit is more often a gap in the catalogue.
                    "info" if dst.level == "municipal" else "warning",
                    (
                        f"{src.name} henviser til {dst.name}, men ingen enhet er registrert her.",
                        f"{src.name} viser til {dst.name}, men inga eining er registrert her.",
                        f"{src.name} refers to {dst.name}, but no unit is registered here.",
                    ),
                    (
                        "Uten en registrert enhet vet ikke den som henviser hvem som skal "
                        "kontaktes, med navn, telefon eller adresse.",
                        "Utan ei registrert eining veit ikkje den som viser vidare kven som skal "
                        "kontaktast, med namn, telefon eller adresse.",
                        "Without a registered unit the referrer does not know whom to contact: "
                        "no name, phone number or address.",
                    ),
                    e.source,
                    e.target,
                )
            )
    visible = [n for n in nodes if not n.hidden]
    starts = [n.service_type for n in visible if n.entry_point]
    if visible and not starts:
        out.append(
            Finding(
                "no_entry_point",
                "problem",
                (
                    "Ingen tjeneste er satt som inngang til forløpet.",
                    "Inga teneste er sett som inngang til forløpet.",
                    "No service is an entry point.",
                ),
                (
                    "Uten en inngang vet ingen hvem som skal fange opp barnet først.",
                    "Utan ein inngang veit ingen kven som skal fange opp barnet først.",
                    "Without an entry point nobody knows who is to notice the child first.",
                ),
            )
        )
    if starts:
        reached = reachable(starts, edges, hidden)
        for n in visible:
            if n.service_type not in reached:
                out.append(
                    Finding(
                        "unreachable_service",
                        "warning",
                        (
                            f"Ingen vei fra en inngang fører til {n.name}.",
                            f"Ingen veg frå ein inngang fører til {n.name}.",
                            f"No path from an entry point leads to {n.name}.",
                        ),
                        (
                            "Tjenesten er med i forløpet, men ingen henviser dit: barn som "
                            "trenger den, kommer kanskje aldri fram.",
                            "Tenesta er med i forløpet, men ingen viser vidare dit: born som "
                            "treng henne, kjem kanskje aldri fram.",
                            "The service is part of the pathway but nobody refers to it: "
                            "children who need it may never get there.",
                        ),
                        n.service_type,
                    )
                )
    onward: dict[str, list[str]] = {}
    for e in edges:
        if e.target not in hidden and e.target in by_code:
            onward.setdefault(e.source, []).append(e.target)
    for n in visible:
        if n.level == "municipal" and not onward.get(n.service_type):
            out.append(
                Finding(
                    "municipal_dead_end",
                    "warning",
                    (
                        f"{n.name} har ingen vei videre i forløpet.",
                        f"{n.name} har ingen veg vidare i forløpet.",
                        f"{n.name} has no route onwards in the pathway.",
                    ),
                    (
                        "Når kommunens tiltak ikke strekker til, må det finnes en neste "
                        "instans; ellers blir barnet stående.",
                        "Når tiltaka i kommunen ikkje strekk til, må det finnast ein neste "
                        "instans; elles blir barnet ståande.",
                        "When the municipality's measures are not enough there must be a next "
                        "step; otherwise the child is left waiting.",
                    ),
                    n.service_type,
                )
            )
    for n in visible:
        if n.missing_sections:
            nb, nn, en = _sections(n.missing_sections)
            out.append(
                Finding(
                    "missing_text",
                    "warning" if "role" in n.missing_sections else "info",
                    (
                        f"{n.name} mangler tekst: {nb}.",
                        f"{n.name} manglar tekst: {nn}.",
                        f"{n.name} has no text for: {en}.",
                    ),
                    (
                        "Tomme felt betyr at ingen har beskrevet hva tjenesten gjør her.",
                        "Tomme felt tyder at ingen har skildra kva tenesta gjer her.",
                        "Empty slots mean nobody has described what the service does here.",
                    ),
                    n.service_type,
                    sections=n.missing_sections,
                )
            )
        if n.stale_sections:
            nb, nn, en = _sections(n.stale_sections)
            out.append(
                Finding(
                    "stale_override",
                    "warning",
                    (
                        f"Lokal tekst for {n.name} er utdatert: {nb}.",
                        f"Lokal tekst for {n.name} er utdatert: {nn}.",
                        f"The local text of {n.name} is out of date: {en}.",
                    ),
                    (
                        "Den regionale teksten er endret etter at den lokale ble skrevet; "
                        "lokale rutiner kan være i strid med den nye.",
                        "Den regionale teksten er endra etter at den lokale vart skriven; "
                        "lokale rutinar kan vere i strid med den nye.",
                        "The regional text changed after the local one was written; local "
                        "routines may contradict the new one.",
                    ),
                    n.service_type,
                    sections=n.stale_sections,
                )
            )
    order = [n.service_type for n in visible]
    for group in forward_cycles(order, [e for e in edges if e.target not in hidden]):
        names = " → ".join(by_code[s].name for s in (*group, group[0]))
        out.append(
            Finding(
                "cycle",
                "warning",
                (
                    f"Henvisningene går i ring: {names}.",
                    f"Tilvisingane går i ring: {names}.",
                    f"Referrals go round in a circle: {names}.",
                ),
                (
                    "Barnet kan bli sendt fram og tilbake uten at noen tar ansvaret. Marker "
                    "forventede tilbakeføringer som det.",
                    "Barnet kan bli sendt fram og tilbake utan at nokon tek ansvaret. Merk "
                    "forventa tilbakeføringar som det.",
                    "The child may be sent back and forth with nobody taking charge. Mark "
                    "expected hand-backs as such.",
                ),
                group[0],
                group[1] if len(group) > 1 else None,
                sections=(),
            )
        )
    return sorted(
        out,
        key=lambda f: (
            SEVERITY_RANK[f.severity],
            rank.get(f.service_type or "", -1),
            f.code,
            rank.get(f.target or "", -1),
        ),
    )


def counts(items: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity."""
    total = {"problem": 0, "warning": 0, "info": 0}
    for f in items:
        total[f.severity] += 1
    return total
