"""Which layers a pathway has for a locality: plain data in, a chain out; no I/O.

A pathway's base text lives in its owner's layer. A locality in the owner's subtree
merges from the owner down to itself (layers above the owner do not take part). A
locality under an adopter merges the owner's base layer, then its own chain from the
adopter down. Anywhere else the pathway is not in use.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar


class Place(Protocol):
    @property
    def id(self) -> int: ...


P = TypeVar("P", bound=Place)


def layers_for(chain: Sequence[P], owner: P, adopters: Collection[int]) -> list[P] | None:
    """The pathway's layers for the chain's last locality, base first; None when not in use."""
    ids = layer_ids_for([loc.id for loc in chain], owner.id, adopters)
    if ids is None:
        return None
    below = list(chain[len(chain) - len(ids) + 1 :])
    return [owner, *below]


def layers_by_pathway(
    chain: Sequence[P],
    owners: Mapping[int, P],
    adopted: Mapping[int, Collection[int]],
    pathway_ids: Iterable[int] | None = None,
) -> dict[int, list[P]]:
    """`layers_for` for each pathway (every owned one when `pathway_ids` is None), given
    each pathway's owner and the localities that adopted it; absent: not in use here."""
    out: dict[int, list[P]] = {}
    for pathway_id in owners.keys() if pathway_ids is None else pathway_ids:
        owner = owners.get(pathway_id)
        layers = layers_for(chain, owner, adopted.get(pathway_id, ())) if owner else None
        if layers is not None:
            out[pathway_id] = layers
    return out


def layer_ids_for(chain: Sequence[int], owner: int, adopters: Collection[int]) -> list[int] | None:
    """`layers_for` over locality ids."""
    if owner in chain:
        return list(chain[chain.index(owner) :])
    # The highest adopter wins: a region's adoption covers its communities' too.
    for i, loc in enumerate(chain):
        if loc in adopters:
            return [owner, *chain[i:]]
    return None


def adoption_refusal(
    adopter_chain: Sequence[int], owner_id: int, adopters: Collection[int]
) -> str | None:
    """Why the chain's last locality may not adopt the pathway, or None when it may."""
    adopter = adopter_chain[-1]
    if adopter == owner_id:
        return "own"
    if owner_id in adopter_chain:
        return "inside-owner"
    if adopter in adopters:
        return "twice"
    if any(loc in adopters for loc in adopter_chain[:-1]):
        return "covered"
    return None
