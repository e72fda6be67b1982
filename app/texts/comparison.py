"""Two revisions of a slot compared word by word (the API shape around `compare`)."""

from sqlalchemy import select
from sqlmodel import Session

from app.core.auth import Principal
from app.core.errors import NotFound
from app.models import TextRevision
from app.models.base import RevisionStatus, utcnow
from app.texts import compare, queries
from app.texts.editing import Slot, can_preview
from app.texts.schemas import ComparedRevision, DiffOpPublic, RevisionComparison


def compare_revisions(
    session: Session, *, slot: Slot, old: int, new: int, principal: Principal | None
) -> RevisionComparison:
    """Two revisions of the slot in this layer's chain, compared word by word."""
    t = TextRevision.__table__.c  # type: ignore[attr-defined]
    ids = {loc.id: loc.code for loc in slot.chain}
    found = {
        r.id: r
        for r in session.execute(
            select(TextRevision).where(
                t.id.in_([old, new]),
                t.locality_id.in_(list(ids)),
                t.pathway_id == slot.pathway.id,
                t.service_type_id == slot.service_type.id,
                t.section == slot.section,
            )
        ).scalars()
    }
    preview = can_preview(principal, slot)
    now = utcnow()
    for number, name in ((old, "from"), (new, "to")):
        r = found.get(number)
        hidden = (
            r is not None
            and not preview
            and (
                r.status != RevisionStatus.published.value
                or (r.valid_from is not None and queries.utc(r.valid_from) > now)
            )
        )
        if r is None or hidden:
            raise NotFound(
                f"Revision {number} ('{name}') is not a revision of this slot in the layers "
                f"of '{slot.layer.code}'.",
            )

    def shown(r: TextRevision) -> ComparedRevision:
        assert r.id is not None
        return ComparedRevision(
            revision=r.id,
            locality=ids[r.locality_id],
            mode=r.mode,
            text=r.text,
            lang=r.lang,
            status=r.status,
            created_at=r.created_at,
            valid_from=r.valid_from,
        )

    diff = compare.word_diff(found[old].text or "", found[new].text or "")
    return RevisionComparison(
        from_=shown(found[old]),
        to=shown(found[new]),
        changed=diff.changed,
        ops=[DiffOpPublic(op=o.op, text=o.text) for o in diff.ops],  # type: ignore[arg-type]
        html=diff.html,
    )
