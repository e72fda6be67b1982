"""Use-cases of pathway metadata: the pathway itself and its ordered service types."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.changes.log import record_change
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.http import public_etag, require_if_match_any
from app.core.pagination import keyset_page
from app.models import Locality, Pathway, PathwayServiceType, ServiceType
from app.models.base import PathwayStatus, ServiceLevel, utcnow
from app.pathways.schemas import (
    PathwayCreate,
    PathwayPublic,
    PathwaySummary,
    PathwayUpdate,
    ServiceTypeRef,
)


def get_by_slug(session: Session, slug: str) -> Pathway:
    """The pathway with this slug, or 404."""
    pathway = session.exec(select(Pathway).where(Pathway.slug == slug)).first()
    if pathway is None:
        raise NotFound(f"There is no pathway '{slug}'.")
    return pathway


def service_types_of(session: Session, pathway: Pathway) -> list[ServiceType]:
    """The pathway's participating service types, in its order."""
    stmt = (
        select(ServiceType)
        .join(PathwayServiceType, col(PathwayServiceType.service_type_id) == col(ServiceType.id))
        .where(col(PathwayServiceType.pathway_id) == pathway.id)
        .order_by(col(PathwayServiceType.position))
    )
    return list(session.exec(stmt).all())


def to_public(session: Session, pathway: Pathway) -> PathwayPublic:
    """The pathway's metadata with its ordered service types."""
    return PathwayPublic(
        slug=pathway.slug,
        title=pathway.title,
        title_nn=pathway.title_nn,
        summary=pathway.summary,
        target_group=pathway.target_group,
        summary_nn=pathway.summary_nn,
        target_group_nn=pathway.target_group_nn,
        status=PathwayStatus(pathway.status),
        service_types=[
            ServiceTypeRef(code=st.code, name=st.name, level=ServiceLevel(st.level))
            for st in service_types_of(session, pathway)
        ],
        created_at=pathway.created_at,
        updated_at=pathway.updated_at,
        owner=_owner_code(session, pathway.owner_id),
    )


def _owner_code(session: Session, owner_id: int) -> str | None:
    owner = session.get(Locality, owner_id)
    return owner.code if owner else None


def _owner_for(session: Session, code: str | None) -> int:
    """The owner named at creation, else the only region; 422 when that is not one locality."""
    if code is not None:
        found = session.exec(select(Locality).where(Locality.code == code)).first()
        if found is None:
            raise Unprocessable(f"The owner '{code}' is not a locality.", loc=["body", "owner"])
        return found.id or 0
    roots = session.exec(select(Locality).where(col(Locality.parent_id).is_(None))).all()
    if len(roots) != 1:
        raise Unprocessable(
            "Name the pathway's owner: the installation has "
            + ("no region yet." if not roots else f"{len(roots)} regions."),
            loc=["body", "owner"],
        )
    return roots[0].id or 0


def list_pathways(
    session: Session,
    *,
    status: PathwayStatus | None,
    limit: int,
    cursor: str | None,
    drafts: bool = True,
    owner: str | None = None,
) -> tuple[list[PathwaySummary], str | None]:
    """A page of pathways ordered by slug, optionally of one status or owner; drafts for keys."""
    stmt = sa_select(Pathway)
    if owner is not None:
        found = session.exec(select(Locality).where(Locality.code == owner)).first()
        if found is None:
            raise Unprocessable(f"There is no locality '{owner}'.", loc=["query", "owner"])
        stmt = stmt.where(col(Pathway.owner_id) == found.id)
    if status is not None:
        stmt = stmt.where(col(Pathway.status) == status.value)
    if not drafts:
        # Anonymous readers see published content only (and retired pathways, as history).
        stmt = stmt.where(col(Pathway.status) != PathwayStatus.draft.value)
    rows, next_cursor = keyset_page(
        session,
        stmt,
        col(Pathway.slug),  # type: ignore[arg-type]
        lambda p: p.slug,
        limit=limit,
        cursor=cursor,
    )
    ids = {p.owner_id for p in rows}
    owners = {
        loc.id: loc.code for loc in session.exec(select(Locality).where(col(Locality.id).in_(ids)))
    }
    items = [
        PathwaySummary(
            slug=p.slug,
            title=p.title,
            summary=p.summary,
            status=PathwayStatus(p.status),
            updated_at=p.updated_at,
            owner=owners.get(p.owner_id),
        )
        for p in rows
    ]
    return items, next_cursor


def _resolve_service_types(session: Session, codes: Sequence[str]) -> list[int]:
    """Ids of the listed service types in order; unknown or repeated codes are a 422."""
    found = {
        st.code: st.id
        for st in session.exec(select(ServiceType).where(col(ServiceType.code).in_(codes)))
    }
    seen: set[str] = set()
    ids: list[int] = []
    for i, code in enumerate(codes):
        if code in seen:
            raise Unprocessable(
                f"The service type '{code}' is listed twice.", loc=["body", "service_types", i]
            )
        seen.add(code)
        type_id = found.get(code)
        if type_id is None:
            raise Unprocessable(
                f"There is no service type '{code}'.", loc=["body", "service_types", i]
            )
        ids.append(type_id)
    return ids


def _set_service_types(session: Session, pathway: Pathway, type_ids: Sequence[int]) -> None:
    # Delete by statement first, so re-adding a type in a new position cannot clash on the key.
    session.execute(
        delete(PathwayServiceType).where(col(PathwayServiceType.pathway_id) == pathway.id)
    )
    assert pathway.id is not None
    for position, type_id in enumerate(type_ids):
        session.add(
            PathwayServiceType(pathway_id=pathway.id, service_type_id=type_id, position=position)
        )


def _record(session: Session, pathway: Pathway) -> None:
    record_change(
        session, entity="pathway", action="upsert", entity_id=pathway.slug, pathway=pathway.slug
    )


def create_pathway(session: Session, *, data: PathwayCreate) -> Pathway:
    """Add a pathway with its ordered service types."""
    duplicate = f"A pathway with slug '{data.slug}' already exists."
    if session.exec(select(Pathway).where(Pathway.slug == data.slug)).first() is not None:
        raise Conflict(duplicate)
    type_ids = _resolve_service_types(session, data.service_types)
    owner_id = _owner_for(session, data.owner)
    pathway = Pathway(
        owner_id=owner_id,
        slug=data.slug,
        title=data.title,
        title_nn=data.title_nn,
        summary=data.summary,
        target_group=data.target_group,
        summary_nn=data.summary_nn,
        target_group_nn=data.target_group_nn,
        status=data.status.value,
    )
    session.add(pathway)
    try:
        session.flush()
    except IntegrityError:
        # The check above is racy; the unique constraint is the real guard.
        session.rollback()
        raise Conflict(duplicate) from None
    _set_service_types(session, pathway, type_ids)
    _record(session, pathway)
    session.commit()
    return pathway


def update_pathway(
    session: Session,
    *,
    pathway: Pathway,
    data: PathwayUpdate,
    if_match: str | None,
    current_etags: Sequence[str] = (),
) -> Pathway:
    """Change metadata, status or service type order, if the client saw the current version.

    `current_etags` are the tags of the representations a client may have read (the base
    view in each language, served by the texts domain); the metadata's own tag counts too.
    """
    require_if_match_any(if_match, [public_etag(to_public(session, pathway)), *current_etags])
    changes = data.model_dump(exclude_unset=True)
    type_ids = None
    if "service_types" in changes:
        type_ids = _resolve_service_types(session, changes.pop("service_types"))
    if "status" in changes:
        changes["status"] = changes["status"].value
    for field, value in changes.items():
        setattr(pathway, field, value)
    if type_ids is not None:
        _set_service_types(session, pathway, type_ids)
    pathway.updated_at = utcnow()
    session.add(pathway)
    _record(session, pathway)
    session.commit()
    return pathway
