"""Arranging texts straight as revisions, as the texts tests do."""

from sqlmodel import Session

from app.changes.log import record_change
from app.models import TextRevision


def put(session: Session, world, loc, st="helsestasjon", **kw) -> TextRevision:
    """A published revision of one layer of one slot of `angst` (role, nb, replace by default)."""
    data = dict(section="role", lang="nb", mode="replace", text="Base", author="test")
    data.update(kw)
    rev = TextRevision(
        locality_id=loc.id,
        pathway_id=world.pathway.id,
        service_type_id=world.service_types[st].id,
        **data,
    )
    session.add(rev)
    session.flush()
    if rev.status == "published":
        record_change(
            session,
            entity="text",
            action="upsert",
            locality=loc.code,
            pathway=world.pathway.slug,
            entity_id=f"{world.pathway.slug}/{st}/{rev.section}/{rev.lang}",
        )
    session.commit()
    return rev
