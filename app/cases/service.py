"""Use-cases of the case library: owned by a locality, public once published."""

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.cases.schemas import CaseCreate, CasePublic, CaseUpdate, RoleQuestions
from app.catalog.lookups import pathway_service_types
from app.changes.log import Action, record_change
from app.core.auth import Principal, authorize
from app.core.errors import NotFound, Unprocessable
from app.core.http import require_if_match
from app.core.pagination import decode_cursor, encode_cursor
from app.localities.lookups import chain_or_404, load_tree
from app.models import Case
from app.models.base import Role, utcnow
from app.pathways.lookups import pathway_by_slug, pathways_by_status

_CASE: Any = Case.__table__.c  # type: ignore[attr-defined]


def etag(case: Case) -> str:
    """A case's ETag: its version."""
    return f'"v{case.version}"'


def _pathway_slugs(session: Session) -> dict[int, str]:
    return {
        p.id: p.slug
        for p in pathways_by_status(session, statuses=["draft", "published", "retired"])
    }


def to_public(case: Case, *, locality: str, pathway: str) -> CasePublic:
    """The API shape of one case."""
    assert case.id is not None
    return CasePublic(
        id=case.id,
        locality=locality,
        pathway=pathway,
        title=case.title,
        age=case.age,
        story=case.story,
        concerns=list(case.concerns),
        entry_point=case.entry_point,
        fictional=case.fictional,
        questions=[RoleQuestions.model_validate(q) for q in case.questions],
        lang=case.lang,
        status=case.status,
        version=case.version,
        author=case.author,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def _check_pathway(session: Session, slug: str, entry_point: str | None) -> int:
    pathway = pathway_by_slug(session, slug)
    if pathway is None:
        raise Unprocessable(f"There is no pathway '{slug}'.", loc=["body", "pathway"])
    if entry_point is not None:
        types = [t.code for t in pathway_service_types(session, pathway.id)]
        if entry_point not in types:
            raise Unprocessable(
                f"'{entry_point}' does not take part in the pathway '{slug}'.",
                loc=["body", "entry_point"],
            )
    return pathway.id


def _log(session: Session, case: Case, *, action: Action, locality: str, pathway: str) -> None:
    record_change(
        session,
        entity="case",
        action=action,
        entity_id=str(case.id),
        locality=locality,
        pathway=pathway,
    )


def create_case(
    session: Session, *, code: str, principal: Principal, data: CaseCreate
) -> CasePublic:
    """A new case owned by the locality (editor in scope)."""
    chain = chain_or_404(session, code)
    pathway_id = _check_pathway(session, data.pathway, data.entry_point)
    now = utcnow()
    case = Case(
        locality_id=chain[-1].id,
        pathway_id=pathway_id,
        title=data.title,
        age=data.age,
        story=data.story,
        concerns=list(data.concerns),
        questions=[q.model_dump() for q in data.questions],
        entry_point=data.entry_point,
        fictional=data.fictional,
        lang=data.lang.value,
        status=data.status.value,
        author=principal.name,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    if case.status == "published":
        _log(session, case, action="upsert", locality=code, pathway=data.pathway)
    session.commit()
    return to_public(case, locality=code, pathway=data.pathway)


def load_readable(
    session: Session, *, case_id: int, principal: Principal | None
) -> tuple[Case, list[str], str]:
    """The case, its owner's chain and its pathway's slug; drafts need a reader in scope."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"There is no case {case_id}.")
    chain = load_tree(session).chain_codes(case.locality_id)
    if case.status != "published":
        authorize(principal, Role.reader, chain)
    return case, chain, _pathway_slugs(session)[case.pathway_id]


def get_case(session: Session, *, case_id: int, principal: Principal | None) -> CasePublic:
    """One case."""
    case, chain, slug = load_readable(session, case_id=case_id, principal=principal)
    return to_public(case, locality=chain[-1], pathway=slug)


def _writable(
    session: Session, case_id: int, principal: Principal | None
) -> tuple[Case, list[str], str]:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"There is no case {case_id}.")
    chain = load_tree(session).chain_codes(case.locality_id)
    authorize(principal, Role.editor, chain)
    return case, chain, _pathway_slugs(session)[case.pathway_id]


def update_case(
    session: Session,
    *,
    case_id: int,
    principal: Principal | None,
    data: CaseUpdate,
    if_match: str | None,
) -> CasePublic:
    """Change a case (editor in scope of its owner, If-Match)."""
    case, chain, slug = _writable(session, case_id, principal)
    require_if_match(if_match, etag(case))
    given = data.model_fields_set
    for field in ("title", "story", "fictional"):
        if field in given and getattr(data, field) is None:
            raise Unprocessable(f"'{field}' cannot be null.", loc=["body", field])
    new_slug = data.pathway or slug
    entry = data.entry_point if "entry_point" in given else case.entry_point
    if "pathway" in given or "entry_point" in given:
        case.pathway_id = _check_pathway(session, new_slug, entry)
    was_published = case.status == "published"
    for field in ("title", "age", "story", "entry_point", "fictional"):
        if field in given:
            setattr(case, field, getattr(data, field))
    if data.concerns is not None:
        case.concerns = list(data.concerns)
    if data.questions is not None:
        case.questions = [q.model_dump() for q in data.questions]
    if data.lang is not None:
        case.lang = data.lang.value
    if data.status is not None:
        case.status = data.status.value
    case.version += 1
    case.updated_at = utcnow()
    session.add(case)
    session.flush()
    if case.status == "published" or was_published:
        action: Action = "upsert" if case.status == "published" else "delete"
        _log(session, case, action=action, locality=chain[-1], pathway=new_slug)
    session.commit()
    return to_public(case, locality=chain[-1], pathway=new_slug)


def delete_case(
    session: Session, *, case_id: int, principal: Principal | None, if_match: str | None
) -> None:
    """Remove a case (editor in scope of its owner, If-Match)."""
    case, chain, slug = _writable(session, case_id, principal)
    require_if_match(if_match, etag(case))
    if case.status == "published":
        _log(session, case, action="delete", locality=chain[-1], pathway=slug)
    session.delete(case)
    session.commit()


def list_cases(
    session: Session,
    *,
    principal: Principal | None,
    pathway: str | None,
    locality: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[CasePublic], str | None]:
    """Published cases, and drafts the caller may read, by id; filtered by pathway or owner."""
    after = decode_cursor(cursor)
    if after is not None and (not isinstance(after, int) or isinstance(after, bool)):
        raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
    tree = load_tree(session)
    slugs = _pathway_slugs(session)
    stmt = select(Case).order_by(_CASE.id)
    if after is not None:
        stmt = stmt.where(_CASE.id > after)
    if pathway is not None:
        ids = [i for i, s in slugs.items() if s == pathway]
        stmt = stmt.where(_CASE.pathway_id.in_(ids))
    if locality is not None:
        owner = tree.id_of(locality)
        if owner is None:
            raise NotFound(f"There is no locality '{locality}'.")
        stmt = stmt.where(_CASE.locality_id == owner)
    if principal is None:
        stmt = stmt.where(_CASE.status == "published")
    items: list[CasePublic] = []
    next_cursor = None
    for case in session.execute(stmt).scalars():
        chain = tree.chain_codes(case.locality_id)
        if case.status != "published" and not (
            principal is not None and principal.has(Role.reader, chain)
        ):
            continue
        if len(items) == limit:
            next_cursor = encode_cursor(items[-1].id)
            break
        items.append(to_public(case, locality=chain[-1], pathway=slugs[case.pathway_id]))
    return items, next_cursor
