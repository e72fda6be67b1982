"""The divergence report: how a locality's subtree departs from what it inherits.

Published content only. Three queries whatever the size of the subtree: the locality
tree, the pathways, and every visible published revision of the subtree and its
ancestors; the rest is the pure merge.
"""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions.core import layer_ids_for
from app.localities.lookups import chain_or_404, load_tree
from app.models import Locality, Pathway, ServiceType, TextRevision
from app.models.base import Mode, PathwayStatus, utcnow
from app.texts.editing import inherited_change_of
from app.texts.merge import (
    EntryRow,
    current_entries,
    inherited_text_at,
    merge_slot,
    stale_by_marks,
    substantive_marks,
)
from app.texts.schemas import (
    DivergenceReport,
    InheritedText,
    LayerDivergence,
    ModeCounts,
    NotAdapted,
    PathwayCounts,
    ProvenanceItem,
    StaleOverride,
)

_LOCALITY = Locality.__table__.c  # type: ignore[attr-defined]
_PATHWAY = Pathway.__table__.c  # type: ignore[attr-defined]
_SERVICE_TYPE = ServiceType.__table__.c  # type: ignore[attr-defined]
_TEXT_REVISION = TextRevision.__table__.c  # type: ignore[attr-defined]


def _visible_rows(
    session: Session, locality_ids: list[int], pathway_ids: list[int], at: datetime
) -> dict[int, list[EntryRow]]:
    """Every published revision of these layers visible at `at`, grouped by pathway."""
    stmt = (
        select(
            _TEXT_REVISION.pathway_id,
            _TEXT_REVISION.id,
            _LOCALITY.code,
            _SERVICE_TYPE.code,
            _TEXT_REVISION.section,
            _TEXT_REVISION.lang,
            _TEXT_REVISION.mode,
            _TEXT_REVISION.text,
            _TEXT_REVISION.status,
            _TEXT_REVISION.valid_from,
            _TEXT_REVISION.created_at,
            _TEXT_REVISION.based_on,
            _TEXT_REVISION.change_kind,
            _TEXT_REVISION.needs_local_adaptation,
        )
        .select_from(TextRevision.__table__)  # type: ignore[attr-defined]
        .join(Locality.__table__, _LOCALITY.id == _TEXT_REVISION.locality_id)  # type: ignore[attr-defined]
        .join(ServiceType.__table__, _SERVICE_TYPE.id == _TEXT_REVISION.service_type_id)  # type: ignore[attr-defined]
        .where(
            _TEXT_REVISION.locality_id.in_(locality_ids),
            _TEXT_REVISION.pathway_id.in_(pathway_ids),
            _TEXT_REVISION.status == "published",
            _TEXT_REVISION.created_at <= at,
            _TEXT_REVISION.valid_from.is_(None) | (_TEXT_REVISION.valid_from <= at),
        )
    )
    grouped: dict[int, list[EntryRow]] = defaultdict(list)
    for r in session.execute(stmt).all():
        grouped[r[0]].append(
            EntryRow(
                r[1],
                r[2],
                0,
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                bool(r[13]),
            )
        )
    return grouped


def report(session: Session, *, code: str, at: datetime | None = None) -> DivergenceReport:
    """Per layer of the subtree: overrides by mode and pathway, stale ones, unadapted bases."""
    at = at or utcnow()
    chain = chain_or_404(session, code)
    tree = load_tree(session)
    subtree = tree.subtree_ids(chain[-1].id)
    owners = adoption_queries.owner_ids(session)
    adopted = adoption_queries.every_adoption(session)
    # The layers below the roots, and a region that adopted a pathway: its layer holds
    # overrides of that pathway. Which layers a pathway has is decided per pathway below.
    adopters = {loc for locs in adopted.values() for loc in locs}
    layer_ids = sorted(
        (i for i in subtree if tree.parents[i] is not None or i in adopters),
        key=lambda i: (len(tree.chain_ids(i)), tree.by_id[i].code),
    )
    codes_by_id = {i: loc.code for i, loc in tree.by_id.items()}
    tree_chains = {tree.by_id[i].code: tree.chain_ids(i) for i in layer_ids}
    kinds = {tree.by_id[i].code: tree.by_id[i].kind for i in layer_ids}
    pathways = {
        r[0]: r[1]
        for r in session.execute(
            select(_PATHWAY.id, _PATHWAY.slug).where(_PATHWAY.status != PathwayStatus.retired.value)
        ).all()
    }
    wanted = sorted({loc.id for loc in chain} | set(subtree) | set(owners.values()))
    rows_by_pathway = _visible_rows(session, wanted, list(pathways), at) if pathways else {}

    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    stale: dict[str, list[StaleOverride]] = defaultdict(list)
    not_adapted: dict[str, list[NotAdapted]] = defaultdict(list)
    for pathway_id, rows in sorted(rows_by_pathway.items(), key=lambda kv: pathways[kv[0]]):
        slug = pathways[pathway_id]
        owner = owners[pathway_id]
        # Each layer's chain for this pathway, base first; the owner and layers where the
        # pathway is not in use hold no overrides of it.
        chains: dict[str, list[str]] = {}
        for loc_code, ids in tree_chains.items():
            found = layer_ids_for(ids, owner, adopted.get(pathway_id, ()))
            if found is not None and len(found) > 1:
                chains[loc_code] = [codes_by_id[i] for i in found]
        current = current_entries(rows, at=at)
        marks = substantive_marks(rows, at=at)
        # Highest published revision per layer and slot: what a confirm would be based on.
        latest: dict[tuple[str, str, str], int] = {}
        for row in rows:
            k = (row.locality, row.service_type, row.section)
            latest[k] = max(latest.get(k, 0), row.revision)
        have = {(loc, st, sec) for (loc, st, sec, _) in current}
        for (loc, st, sec, lang), entry in sorted(current.items()):
            if loc not in chains:
                continue
            by_mode = counts[loc][slug]
            by_mode[entry.mode] = by_mode.get(entry.mode, 0) + 1
            layer_chain = chains[loc]
            if stale_by_marks(entry, layer_chain, marks):
                above = layer_chain[:-1]
                merged = merge_slot(above, current, st, sec, lang)
                revs = [latest[(a, st, sec)] for a in above if (a, st, sec) in latest]
                stale[loc].append(
                    StaleOverride(
                        pathway=slug,
                        service_type=st,
                        section=sec,
                        lang=lang,
                        mode=entry.mode,
                        revision=entry.revision,
                        based_on=entry.based_on,
                        text=entry.text,
                        inherited=InheritedText(
                            text=merged.text,
                            hidden=merged.hidden,
                            lang=merged.lang,
                            origin=merged.origin,
                            layers=[
                                ProvenanceItem(
                                    locality=p.locality,
                                    mode=p.mode,
                                    revision=p.revision,
                                    lang=p.lang,
                                )
                                for p in merged.layers
                            ],
                            revision=max(revs) if revs else None,
                        ),
                        inherited_change=inherited_change_of(
                            inherited_text_at(rows, above, st, sec, lang, entry.based_on),
                            merged.text,
                            entry.based_on,
                            max(revs) if revs else None,
                        ),
                    )
                )
        region = codes_by_id[owner]
        bases: dict[tuple[str, str], int] = {}
        for (loc, st, sec, _), entry in sorted(current.items()):
            if loc == region and entry.needs_local_adaptation:
                bases.setdefault((st, sec), entry.revision)
        for loc, layer_chain in chains.items():
            if kinds[loc] != "municipality":
                continue
            for (st, sec), base_rev in sorted(bases.items()):
                if not any((c, st, sec) in have for c in layer_chain[1:]):
                    not_adapted[loc].append(
                        NotAdapted(
                            pathway=slug, service_type=st, section=sec, base_revision=base_rev
                        )
                    )

    layers = []
    for loc_id in layer_ids:
        _, loc_code, name, kind = tree.by_id[loc_id]
        per_pathway = counts.get(loc_code, {})
        total = ModeCounts()
        by_pathway = []
        for slug, by_mode in sorted(per_pathway.items()):
            by_pathway.append(PathwayCounts(pathway=slug, **by_mode))
            for mode in Mode:
                setattr(total, mode.value, getattr(total, mode.value) + by_mode.get(mode.value, 0))
        layers.append(
            LayerDivergence(
                locality=loc_code,
                name=name,
                kind=kind,
                overrides=total,
                by_pathway=by_pathway,
                stale=stale.get(loc_code, []),
                not_adapted=not_adapted.get(loc_code, []) if kind == "municipality" else None,
            )
        )
    return DivergenceReport(locality=code, layers=layers)
