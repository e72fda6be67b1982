"""The tree, the pathways, their owners, service types and adoptions, and the units, as
a cold read asks for them, held.

Every view, service map and search built after a write first asks for the locality's
chain and each pathway's layers: three small queries, about half a millisecond of a cold
view's five on SQLite (SQLAlchemy's per-statement work more than the database's), and a
round trip each on PostgreSQL. A view then asks for its pathway, that pathway's service
types and the units at the locality: three more, two thirds of a view rebuilt after a
region's write (measured under mixed load on PostgreSQL, where such rebuilds were most of
the work). A service map asks for the published pathways, the catalogue, every pathway's
order and the units with their owners and catchments. All of them change only with
writes that move `GLOBAL` (localities, pathways, the catalogue and adoptions log as such)
or, for units, `UNITS`, so they are held per process like the tree itself
(`read_cache.read_shape`), and answered from the lookups the moment their slot moves.
Writes read them too (the slot a PUT or a proposal names), but only a transaction that has
not written fills them: it must not hold what it has not committed (`read_shape` checks).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.adoptions.core import layers_by_pathway
from app.catalog import lookups as catalog
from app.catalog.lookups import ServiceTypeInfo, ServiceTypeRow, Unit, UnitRow
from app.localities import lookups, tree
from app.localities.lookups import LocalityRow
from app.models.base import PathwayStatus
from app.pathways.lookups import PathwayRow, pathways_by_status, shown_or_404
from app.texts import freshness, snapshots
from app.texts.read_cache import read_shape


@dataclass(frozen=True, slots=True)
class _Tree:
    """The tree as one query read it, by code (loaded and held as one value, so that its
    parts always come from the same read)."""

    by_code: dict[str, LocalityRow]
    parents: dict[str, str | None]


def _load_tree(session: Session) -> _Tree:
    found = lookups.load_tree(session)
    return _Tree({row.code: row for row in found.by_id.values()}, found.parents_by_code())


def chain_of(session: Session, code: str) -> list[LocalityRow]:
    """The chain from the region down to `code` (`lookups.chain_of`: [] when there is no
    such locality), from the held tree."""
    held: _Tree = read_shape("tree-rows", session, _load_tree)
    if code not in held.by_code:
        return []
    return [held.by_code[c] for c in tree.chain(held.parents, code)]


def locality_chain(session: Session, code: str) -> list[LocalityRow]:
    """The chain from the region down to `code` (`lookups.chain_or_404`), from the held tree."""
    chain = chain_of(session, code)
    if not chain:
        raise lookups.no_such_locality(code)
    return chain


def chain_codes_or_404(session: Session, code: str) -> list[str]:
    """`lookups.chain_codes_or_404` from the held tree (the write guard's check)."""
    return [loc.code for loc in locality_chain(session, code)]


def locality_codes(session: Session) -> dict[int, str]:
    """Every locality's code by id, from the held tree."""
    held: _Tree = read_shape("tree-rows", session, _load_tree)
    return {row.id: code for code, row in held.by_code.items()}


def pathway_slugs(session: Session) -> dict[int, str]:
    """Every pathway's slug by id, whatever its status, from the held pathways."""
    return {p.id: slug for slug, p in _pathways(session).items()}


def layers_in_use(
    session: Session, chain: Sequence[LocalityRow], pathway_ids: Sequence[int] | None = None
) -> dict[int, list[LocalityRow]]:
    """Each pathway's layers at the chain's end (`adoption_queries.layers_by_pathway`),
    from the held owners and adoptions."""
    owners: dict[int, LocalityRow] = read_shape("owner-rows", session, adoption_queries.owners)
    adopted: dict[int, set[int]] = read_shape("adoptions", session, adoption_queries.every_adoption)
    return layers_by_pathway(chain, owners, adopted, pathway_ids)


def pathway_layers(
    session: Session, pathway_id: int, slug: str, chain: list[LocalityRow]
) -> list[LocalityRow]:
    """The pathway's layers at the chain's end, or 404 (`adoptions.layers_or_404`), from
    the held owners and adoptions."""
    layers = layers_in_use(session, chain, [pathway_id]).get(pathway_id)
    if layers is None:
        raise adoptions.not_in_use(slug, chain[-1].code)
    return layers


def _pathways_by_slug(session: Session) -> dict[str, PathwayRow]:
    found = pathways_by_status(session, statuses=[s.value for s in PathwayStatus])
    return {p.slug: p for p in found}  # by slug, as `pathways_by_status` orders them


def _pathways(session: Session) -> dict[str, PathwayRow]:
    held: dict[str, PathwayRow] = read_shape("pathways-by-slug", session, _pathways_by_slug)
    return held


def pathway_for_view(session: Session, slug: str, *, preview: bool) -> PathwayRow:
    """The pathway (`pathways.lookups.pathway_or_404`), from the held pathways."""
    return shown_or_404(_pathways(session).get(slug), slug, preview=preview)


def published_pathways(session: Session) -> list[PathwayRow]:
    """The published pathways by slug (`pathways_by_status`), from the held pathways."""
    return [p for p in _pathways(session).values() if p.status == PathwayStatus.published]


def pathway_by_slug(session: Session, slug: str) -> PathwayRow | None:
    """The pathway whatever its status (`pathways.lookups.pathway_by_slug`), held."""
    return _pathways(session).get(slug)


def service_type_by_code(session: Session, code: str) -> ServiceTypeRow | None:
    """A service type of the catalogue (`catalog.lookups.all_service_types`), held."""
    held: dict[str, ServiceTypeRow]
    held = read_shape("service-types-by-code", session, catalog.all_service_types)
    return held.get(code)


def service_type_codes(session: Session) -> dict[int, str]:
    """Every service type's code by id, from the held catalogue."""
    return {st.id: st.code for st in service_types_by_id(session).values()}


def pathway_types(session: Session, pathway_id: int) -> list[ServiceTypeRow]:
    """The pathway's service types in its order (`catalog.lookups.pathway_service_types`)."""
    held: dict[int, list[ServiceTypeRow]]
    held = read_shape("types-by-pathway", session, catalog.types_by_pathway)
    return held.get(pathway_id, [])


def pathway_orders(session: Session) -> dict[int, list[int]]:
    """Every pathway's service type ids in its order (`catalog.lookups.pathway_orders`)."""
    held: dict[int, list[int]] = read_shape("pathway-orders", session, catalog.pathway_orders)
    return held


def service_types_by_id(session: Session) -> dict[int, ServiceTypeInfo]:
    """The catalogue's service types with their descriptions (`catalog.lookups.service_types`)."""
    held: dict[int, ServiceTypeInfo] = read_shape("service-types", session, catalog.service_types)
    return held


# Units move `UNITS` (and the catalogue `GLOBAL`): held per locality until either does.
_UNIT_SLOTS = (freshness.GLOBAL, freshness.UNITS)


def units_at(session: Session, chain: list[LocalityRow]) -> list[UnitRow]:
    """The units seen at the chain's end, as a view shows them (`catalog.lookups.units_for`)."""
    name = "unit-rows:" + chain[-1].code
    found: list[UnitRow] = read_shape(
        name, session, lambda s: catalog.units_for(s, chain), _UNIT_SLOTS
    )
    return found


def visible_units_at(session: Session, chain: list[LocalityRow]) -> list[Unit]:
    """The units seen at the chain's end with their owner and catchment, as the service
    map shows them (`catalog.lookups.visible_units`)."""
    name = "units:" + chain[-1].code
    found: list[Unit] = read_shape(
        name, session, lambda s: catalog.visible_units(s, chain), _UNIT_SLOTS
    )
    return found


def layers_with_text(
    session: Session, pathway: PathwayRow, layers: list[LocalityRow]
) -> list[LocalityRow]:
    """The pathway's `layers` at a locality without those that hold none of its text (the
    owner's base layer always stays). Merging over them gives what merging over all of
    `layers` gives (`tests/texts/test_merge_properties.py`), so the localities whose own
    layers hold none of the pathway's text share one merge: after a region's write, one
    merge serves every municipality that only inherits (`merged.held_merge`,
    `exports.map_parts`)."""
    held: frozenset[int] = read_shape(
        f"layers-with-text:{pathway.id}",
        session,
        lambda s: snapshots.layers_with_text(s, pathway.id),
        freshness.with_text(pathway.id),
    )
    return [layers[0], *(loc for loc in layers[1:] if loc.id in held)]
