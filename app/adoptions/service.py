"""Use-cases of adoption: a locality takes another owner's pathway into use, or gives it up."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.adoptions import queries
from app.adoptions.core import adoption_refusal
from app.adoptions.schemas import AdoptionPublic, PlaceRef
from app.changes.log import record_change
from app.core.errors import Conflict, NotFound, Unprocessable
from app.localities.lookups import LocalityRow, chain_of
from app.models import Locality, Pathway, PathwayAdoption
from app.models.base import LocalityKind

_REFUSALS = {
    "own": "'{code}' owns the pathway '{slug}': its layer holds the base text already.",
    "inside-owner": "'{code}' lies under the pathway's owner '{owner}' and uses it already.",
    "twice": "'{code}' has adopted the pathway '{slug}' already.",
    "covered": "'{code}' uses the pathway '{slug}' already, through its {adopter}'s adoption.",
}


def _place(loc: Locality | LocalityRow) -> PlaceRef:
    return PlaceRef(code=loc.code, name=loc.name, kind=LocalityKind(loc.kind))


def layers_or_404(
    session: Session, pathway_id: int, slug: str, chain: list[LocalityRow]
) -> list[LocalityRow]:
    """The pathway's layers for the chain's last locality; 404 when it is not in use there."""
    layers = queries.layers_of(session, pathway_id, chain)
    if layers is None:
        raise not_in_use(slug, chain[-1].code)
    return layers


def not_in_use(slug: str, code: str) -> NotFound:
    return NotFound(
        f"The pathway '{slug}' is not in use in '{code}': it belongs to another owner, and no "
        "locality above has adopted it."
    )


def list_adoptions(session: Session, *, pathway: Pathway) -> list[AdoptionPublic]:
    """The localities that adopted the pathway, by code."""
    owner = session.get(Locality, pathway.owner_id)
    assert owner is not None
    rows = session.exec(
        select(PathwayAdoption, Locality)
        .join(Locality, col(Locality.id) == col(PathwayAdoption.locality_id))
        .where(col(PathwayAdoption.pathway_id) == pathway.id)
        .order_by(col(Locality.code))
    ).all()
    return [
        AdoptionPublic(
            pathway=pathway.slug,
            owner=_place(owner),
            locality=_place(loc),
            adopted_at=adoption.created_at,
        )
        for adoption, loc in rows
    ]


def _pathway_for(session: Session, slug: str, *, loc: list[str | int]) -> Pathway:
    pathway = session.exec(select(Pathway).where(Pathway.slug == slug)).first()
    if pathway is None:
        raise Unprocessable(f"There is no pathway '{slug}'.", loc=loc)
    return pathway


def adopt(session: Session, *, locality: Locality, slug: str, actor: str) -> AdoptionPublic:
    """`locality` takes the pathway into use: its subtree merges the owner's base text."""
    pathway = _pathway_for(session, slug, loc=["body", "pathway"])
    chain = chain_of(session, locality.code)
    adopted = queries.adopted_in(session, chain).get(pathway.id or 0, set())
    owner = session.get(Locality, pathway.owner_id)
    assert owner is not None
    why = adoption_refusal([loc.id for loc in chain], pathway.owner_id, adopted)
    if why is not None:
        adopter = next((loc.code for loc in chain if loc.id in adopted), "")
        text = _REFUSALS[why].format(
            code=locality.code, slug=slug, owner=owner.code, adopter=adopter
        )
        if why == "twice":
            raise Conflict(text)
        raise Unprocessable(text, loc=["body", "pathway"])
    adoption = PathwayAdoption(
        pathway_id=pathway.id or 0, locality_id=locality.id or 0, adopted_by=actor
    )
    session.add(adoption)
    try:
        session.flush()
    except IntegrityError:  # a concurrent adoption won the race
        session.rollback()
        raise Conflict(_REFUSALS["twice"].format(code=locality.code, slug=slug)) from None
    _record(session, pathway, locality)
    session.commit()
    return AdoptionPublic(
        pathway=pathway.slug,
        owner=_place(owner),
        locality=_place(locality),
        adopted_at=adoption.created_at,
    )


def unadopt(session: Session, *, locality: Locality, slug: str) -> None:
    """`locality` gives the pathway up; its local layers stay in the history, unused."""
    pathway = session.exec(select(Pathway).where(Pathway.slug == slug)).first()
    if pathway is None:
        raise NotFound(f"There is no pathway '{slug}'.")
    adoption = session.get(PathwayAdoption, (pathway.id, locality.id))
    if adoption is None:
        raise NotFound(f"'{locality.code}' has not adopted the pathway '{slug}'.")
    session.delete(adoption)
    _record(session, pathway, locality)
    session.commit()


def _record(session: Session, pathway: Pathway, locality: Locality) -> None:
    # Every view of the adopter's subtree changes: the feed says so as a pathway change
    # at the adopter, so pollers and webhooks filtered to that subtree hear of it.
    record_change(
        session,
        entity="pathway",
        action="upsert",
        entity_id=pathway.slug,
        locality=locality.code,
        pathway=pathway.slug,
    )


def owner_by_code(session: Session, code: str, *, loc: list[str | int]) -> Locality:
    """The locality named as a pathway's owner; 422 when there is none."""
    owner = session.exec(select(Locality).where(Locality.code == code)).first()
    if owner is None:
        raise Unprocessable(f"The owner '{code}' is not a locality.", loc=loc)
    return owner
