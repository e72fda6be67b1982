"""Calling off a scheduled revision before it takes effect.

The one change to a stored revision: its status becomes `called_off` (with who and when),
so it stays in the history and never takes effect. Everything a write records is
recorded: the layer's snapshot is rebuilt, the change log and (through the ORM) the audit
log get their entries, in one transaction under the slot's lock.
"""

from sqlmodel import Session

from app.changes.log import record_call_off
from app.core.auth import Principal
from app.core.errors import Conflict, NotFound
from app.core.http import require_if_match
from app.models import TextRevision
from app.models.base import utcnow
from app.texts import queries, snapshots
from app.texts.editing import CALLED_OFF, Slot, load_state, lock_slot


def call_off(
    session: Session,
    *,
    slot: Slot,
    revision: int,
    principal: Principal,
    if_match: str | None,
) -> None:
    """Call off a scheduled revision before it takes effect: it stays in the history,
    marked `called_off`, and never takes effect. 409 once it has."""
    rev = session.get(TextRevision, revision)
    if rev is None or (
        rev.locality_id,
        rev.pathway_id,
        rev.service_type_id,
        rev.section,
    ) != (slot.layer.id, slot.pathway.id, slot.service_type.id, slot.section):
        raise NotFound(f"The layer '{slot.layer.code}' has no revision {revision} of this slot.")
    lang = rev.lang
    lock_slot(session, slot, lang)
    now = utcnow()
    state = load_state(session, slot, lang=lang, preview=True, at=now)
    session.refresh(rev)
    if rev.status == CALLED_OFF:
        raise Conflict(f"Revision {revision} was already called off.")
    if rev.valid_from is None or queries.utc(rev.valid_from) <= now:
        raise Conflict(
            f"Revision {revision} is not scheduled or has already taken effect; "
            "write a new revision (PUT) or remove the entry (DELETE) instead."
        )
    require_if_match(if_match, state.etag or "")
    snapshots.lock(session)  # before the update's trigger locks the layer's snapshot
    rev.status = CALLED_OFF
    rev.called_off_at = now
    rev.called_off_by = principal.name
    session.add(rev)
    session.flush()
    snapshots.rebuild(session, [(slot.pathway.id, slot.layer.id, slot.section)], now=now)
    # The feed and the webhooks say `text.cancel`: what the slot will show on that date
    # has changed, though nothing published did.
    record_call_off(
        session,
        entity_id=slot.entity_id(lang),
        revision=revision,
        locality=slot.layer.code,
        pathway=slot.pathway.slug,
    )
    session.commit()
