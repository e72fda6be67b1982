"""Use-cases of the locality tree."""

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.changes.log import record_change
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.http import public_etag, require_if_match
from app.core.pagination import keyset_page
from app.localities import lookups
from app.localities.lookups import LocalityRow
from app.localities.schemas import LocalityCreate, LocalityPublic, LocalityUpdate
from app.models import Locality
from app.models.base import LocalityKind, utcnow

# Which kind of parent each kind hangs under.
_PARENT_KIND = {
    LocalityKind.region: None,
    LocalityKind.health_community: LocalityKind.region,
    LocalityKind.municipality: LocalityKind.health_community,
}


def get_by_code(session: Session, code: str) -> Locality:
    """The locality with this code, or 404."""
    loc = session.exec(select(Locality).where(Locality.code == code)).first()
    if loc is None:
        raise NotFound(f"There is no locality '{code}'.")
    return loc


def chain_of(session: Session, locality: Locality) -> list[LocalityRow]:
    """The locality's ancestors from the region down to itself."""
    return lookups.chain_of(session, locality.code)


def to_public(session: Session, locality: Locality) -> LocalityPublic:
    """The API shape of one locality, with its chain."""
    chain = [loc.code for loc in chain_of(session, locality)]
    return LocalityPublic(
        code=locality.code,
        name=locality.name,
        kind=LocalityKind(locality.kind),
        parent=chain[-2] if len(chain) > 1 else None,
        chain=chain,
    )


def list_localities(
    session: Session,
    *,
    kind: LocalityKind | None,
    parent: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[LocalityPublic], str | None]:
    """A page of localities ordered by code, optionally of one kind or under one parent."""
    stmt = sa_select(Locality)
    if kind is not None:
        stmt = stmt.where(Locality.kind == kind.value)  # type: ignore[arg-type]
    if parent is not None:
        stmt = stmt.where(Locality.parent_id == get_by_code(session, parent).id)  # type: ignore[arg-type]
    rows, next_cursor = keyset_page(
        session,
        stmt,
        col(Locality.code),
        lambda loc: loc.code,
        limit=limit,
        cursor=cursor,  # type: ignore[arg-type]
    )
    tree = lookups.load_tree(session)
    items = []
    for loc in rows:
        assert loc.id is not None
        chain = tree.chain_codes(loc.id)
        items.append(
            LocalityPublic(
                code=loc.code,
                name=loc.name,
                kind=LocalityKind(loc.kind),
                parent=chain[-2] if len(chain) > 1 else None,
                chain=chain,
            )
        )
    return items, next_cursor


def create_locality(session: Session, *, data: LocalityCreate) -> Locality:
    """Add a locality under its parent; the tree keeps its kinds in order."""
    if session.exec(select(Locality).where(Locality.code == data.code)).first() is not None:
        raise Conflict(f"A locality with code '{data.code}' already exists.")
    wanted = _PARENT_KIND[data.kind]
    parent_id = None
    if wanted is None:
        if data.parent is not None:
            raise Unprocessable("A region has no parent.", loc=["body", "parent"])
    else:
        if data.parent is None:
            raise Unprocessable(f"A {data.kind.value} needs a parent.", loc=["body", "parent"])
        parent = session.exec(select(Locality).where(Locality.code == data.parent)).first()
        if parent is None:
            raise Unprocessable(f"There is no locality '{data.parent}'.", loc=["body", "parent"])
        if parent.kind != wanted.value:
            raise Unprocessable(
                f"A {data.kind.value} belongs under a {wanted.value}, not a {parent.kind}.",
                loc=["body", "parent"],
            )
        parent_id = parent.id
    locality = Locality(code=data.code, name=data.name, kind=data.kind.value, parent_id=parent_id)
    session.add(locality)
    session.flush()
    record_change(
        session, entity="locality", action="upsert", entity_id=data.code, locality=data.code
    )
    session.commit()
    return locality


def update_locality(
    session: Session, *, locality: Locality, data: LocalityUpdate, if_match: str | None
) -> Locality:
    """Rename a locality, if the client saw its current version."""
    require_if_match(if_match, public_etag(to_public(session, locality)))
    locality.name = data.name
    locality.updated_at = utcnow()
    session.add(locality)
    record_change(
        session, entity="locality", action="upsert", entity_id=locality.code, locality=locality.code
    )
    session.commit()
    return locality
