"""The tree, the pathways' owners and the adoptions, as a cold read asks for them, held.

Every view, service map and search built after a write first asks for the locality's
chain and each pathway's layers: three small queries, about half a millisecond of a cold
view's five on SQLite (SQLAlchemy's per-statement work more than the database's), and a
round trip each on PostgreSQL. All three change only with
writes that move `GLOBAL` (localities, pathways and adoptions log as such), so they are
held per process like the tree itself (`read_cache.read_shape`), and answered from
`app.localities.lookups` and `app.adoptions.queries` the moment that slot moves.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.adoptions.core import layers_by_pathway
from app.localities import lookups, tree
from app.localities.lookups import LocalityRow
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


def locality_chain(session: Session, code: str) -> list[LocalityRow]:
    """The chain from the region down to `code` (`lookups.chain_or_404`), from the held tree."""
    held: _Tree = read_shape("tree-rows", session, _load_tree)
    if code not in held.by_code:
        raise lookups.no_such_locality(code)
    return [held.by_code[c] for c in tree.chain(held.parents, code)]


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
