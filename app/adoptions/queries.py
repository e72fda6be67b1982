"""The reads behind a pathway's layers: owners and adoptions, two small queries."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session

from app.adoptions import core
from app.localities.lookups import LocalityRow
from app.models import Locality, Pathway, PathwayAdoption

_LOCALITY: Any = Locality.__table__.c  # type: ignore[attr-defined]
_PATHWAY: Any = Pathway.__table__.c  # type: ignore[attr-defined]
_ADOPTION: Any = PathwayAdoption.__table__.c  # type: ignore[attr-defined]

_OWNERS = select(
    _PATHWAY.id, _LOCALITY.id, _LOCALITY.code, _LOCALITY.name, _LOCALITY.kind
).join_from(
    Pathway.__table__,  # type: ignore[attr-defined]
    Locality.__table__,  # type: ignore[attr-defined]
    _LOCALITY.id == _PATHWAY.owner_id,
)
_ADOPTED = select(_ADOPTION.pathway_id, _ADOPTION.locality_id).where(
    _ADOPTION.locality_id.in_(bindparam("chain", expanding=True))
)


def owners(session: Session, pathway_ids: Sequence[int] | None = None) -> dict[int, LocalityRow]:
    """Each pathway's owner (all pathways when `pathway_ids` is None)."""
    stmt = _OWNERS if pathway_ids is None else _OWNERS.where(_PATHWAY.id.in_(list(pathway_ids)))
    return {r[0]: LocalityRow(*r[1:]) for r in session.execute(stmt).all()}


def adopted_in(session: Session, chain: Sequence[LocalityRow]) -> dict[int, set[int]]:
    """Per pathway, the localities of the chain that adopted it."""
    found: dict[int, set[int]] = defaultdict(set)
    for pathway_id, locality_id in session.execute(
        _ADOPTED, {"chain": [loc.id for loc in chain]}
    ).all():
        found[pathway_id].add(locality_id)
    return found


def layers_by_pathway(
    session: Session, chain: Sequence[LocalityRow], pathway_ids: Sequence[int] | None = None
) -> dict[int, list[LocalityRow]]:
    """The layers of each pathway in use at the chain's last locality (absent: not in use)."""
    return core.layers_by_pathway(chain, owners(session, pathway_ids), adopted_in(session, chain))


def layers_of(
    session: Session, pathway_id: int, chain: Sequence[LocalityRow]
) -> list[LocalityRow] | None:
    """The pathway's layers for the chain's last locality, base first; None when not in use."""
    return layers_by_pathway(session, chain, [pathway_id]).get(pathway_id)


_OWNER_OF = (
    select(_LOCALITY.code)
    .join_from(Locality.__table__, Pathway.__table__, _LOCALITY.id == _PATHWAY.owner_id)  # type: ignore[attr-defined]
    .where(_PATHWAY.slug == bindparam("slug"))
)


def owner_code(session: Session, slug: str) -> str | None:
    """The code of the pathway's owner, or None when there is no such pathway."""
    row = session.execute(_OWNER_OF, {"slug": slug}).first()
    return row[0] if row else None


def every_adoption(session: Session) -> dict[int, set[int]]:
    """Per pathway, every locality that adopted it (for reads over a whole subtree)."""
    found: dict[int, set[int]] = defaultdict(set)
    for pathway_id, locality_id in session.execute(
        select(_ADOPTION.pathway_id, _ADOPTION.locality_id)
    ).all():
        found[pathway_id].add(locality_id)
    return found


def owner_ids(session: Session) -> dict[int, int]:
    """Each pathway's owner id."""
    return {r[0]: r[1] for r in session.execute(select(_PATHWAY.id, _PATHWAY.owner_id)).all()}


def adopters_by_base(session: Session) -> dict[tuple[str, str], list[str]]:
    """(owner code, pathway slug) → the codes of the localities that adopted the pathway.

    A change in the owner's layer of a pathway reaches every adopter's subtree too.
    """
    owner = Locality.__table__.alias("owner")  # type: ignore[attr-defined]
    stmt = (
        select(owner.c.code, _PATHWAY.slug, _LOCALITY.code)
        .select_from(PathwayAdoption.__table__)  # type: ignore[attr-defined]
        .join(Pathway.__table__, _PATHWAY.id == _ADOPTION.pathway_id)  # type: ignore[attr-defined]
        .join(owner, owner.c.id == _PATHWAY.owner_id)
        .join(Locality.__table__, _LOCALITY.id == _ADOPTION.locality_id)  # type: ignore[attr-defined]
        .order_by(_LOCALITY.code)
    )
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for owner_code, slug, adopter in session.execute(stmt).all():
        found[(owner_code, slug)].append(adopter)
    return dict(found)


def bases_adopted_on(session: Session, chain_codes: Sequence[str]) -> list[tuple[str, str]]:
    """(owner code, pathway slug) of every pathway adopted by a locality of the chain."""
    return [
        (owner, slug)
        for (owner, slug), adopters in adopters_by_base(session).items()
        if any(code in chain_codes for code in adopters)
    ]


def owners_by_slug(session: Session) -> dict[str, str]:
    """Every pathway's owner: slug → locality code."""
    stmt = select(_PATHWAY.slug, _LOCALITY.code).join_from(
        Pathway.__table__,  # type: ignore[attr-defined]
        Locality.__table__,  # type: ignore[attr-defined]
        _LOCALITY.id == _PATHWAY.owner_id,
    )
    return {slug: code for slug, code in session.execute(stmt).all()}
