"""The one writer of text revisions: every new revision, and calling off a scheduled one.

A write takes the slot's lock, reads the layer's state again inside its transaction (so
of two writes sent with the same If-Match exactly one wins), lets the caller check its
preconditions against that state, inserts the revision and records it in the change log.
What else follows happens in the same transaction as it commits: the session hooks
rebuild the layer's snapshot (`app.texts.snapshots`) and move the merged views' caches
on (`app.texts.read_cache`), and the audit log gets its row. Calling off is the one change to a
stored revision; it rebuilds the snapshot itself, as no insert tells the hooks.

No other module inserts revisions (tests/texts/test_revision_writer.py); the
demo seed and the bundle import write whole histories in bulk and are named there.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, text

from app.changes.log import Action, record_call_off, record_change
from app.core.auth import Principal
from app.core.db import is_postgres
from app.core.errors import (
    Conflict,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unprocessable,
)
from app.core.http import require_if_match
from app.models import TextRevision
from app.models.base import Mode, RevisionStatus, utcnow
from app.texts import freshness, held_shapes, queries, snapshots
from app.texts.read_cache import mark_changed
from app.texts.schemas import TextWrite
from app.texts.slots import LayerState, Slot, load_state

# The status of a scheduled revision an editor called off (never a status one can PUT).
CALLED_OFF = "called_off"

# Namespace of the two-key advisory locks on text slots (the change log uses a one-key lock).
_SLOT_LOCK_SPACE = 3


@dataclass(frozen=True)
class Revision:
    """What a new revision says; the writer adds the slot, the author and the time."""

    mode: str
    text: str | None
    status: str = RevisionStatus.published.value
    valid_from: datetime | None = None
    based_on: int | None = None
    change_kind: str = "substantive"
    needs_local_adaptation: bool = False
    note: str | None = None
    proposal_id: int | None = None


@dataclass(frozen=True)
class Written:
    """A revision inserted (not yet committed) and the layer's state it was checked against."""

    before: LayerState
    revision: TextRevision
    now: datetime


# Given the layer's state under the lock and the write's time: raise a problem when a
# precondition fails, return the revision to write, or None to write nothing.
Decide = Callable[[LayerState, datetime], Revision | None]


def write(
    session: Session,
    slot: Slot,
    *,
    lang: str,
    author: str,
    decide: Decide,
    preview: bool = True,
    action: Action = "upsert",
) -> Written | None:
    """Lock the slot, read its state, `decide`, insert and log the revision; no commit.

    `preview`: whether the state `decide` sees counts drafts (editors' writes do, a
    proposal compares with what the public sees).
    """
    _lock_slot(session, slot, lang)
    # After the lock, so revisions of one key get created_at in the order they commit.
    now = utcnow()
    before = load_state(session, slot, lang=lang, preview=preview, at=now)
    new = decide(before, now)
    if new is None:
        return None
    rev = TextRevision(
        locality_id=slot.layer.id,
        pathway_id=slot.pathway.id,
        service_type_id=slot.service_type.id,
        section=slot.section,
        lang=lang,
        mode=new.mode,
        text=new.text,
        status=new.status,
        valid_from=new.valid_from,
        based_on=new.based_on,
        change_kind=new.change_kind,
        needs_local_adaptation=new.needs_local_adaptation,
        author=author,
        note=new.note,
        proposal_id=new.proposal_id,
        created_at=now,
    )
    session.add(rev)
    session.flush()
    _log(session, slot, rev, action=action, now=now)
    return Written(before, rev, now)


def check_entry(state: LayerState, *, if_match: str | None) -> None:
    """DELETE's and confirm's preconditions: the layer has an entry and If-Match names it."""
    if state.entry is None:
        slot = state.slot
        raise NotFound(
            f"The layer '{slot.layer.code}' has no entry for this slot in '{state.lang}'."
        )
    require_if_match(if_match, state.etag or "")


def check_put(state: LayerState, *, if_match: str | None, if_none_match: str | None) -> None:
    """A PUT's preconditions: If-None-Match: * creates, If-Match names the layer's ETag."""
    tag = state.etag
    if tag is None:
        if if_none_match is not None and if_none_match.strip() == "*" and if_match is None:
            return
        if if_match is None and if_none_match is None:
            raise PreconditionRequired(
                "This layer has no entry for the slot yet: send If-None-Match: * to create it."
            )
        raise PreconditionFailed("This layer has no entry for the slot (it inherits).")
    if if_none_match is not None and if_none_match.strip() == "*":
        what = "an entry" if state.entry is not None else "a scheduled revision"
        raise PreconditionFailed(
            f"This layer already has {what} for the slot (If-None-Match: *): "
            "read it and send If-Match with its ETag."
        )
    require_if_match(if_match, tag)


def validate_write(session: Session, slot: Slot, data: TextWrite, now: datetime) -> None:
    if slot.at_region:
        if data.mode is not Mode.replace:
            raise Unprocessable(
                "The region's layer holds the base text: only mode 'replace' is allowed there.",
                loc=["body", "mode"],
            )
        # The pathway's service types as held (they change only with pathway writes).
        types = held_shapes.pathway_types(session, slot.pathway.id)
        if all(t.id != slot.service_type.id for t in types):
            raise Unprocessable(
                f"'{slot.service_type.code}' does not take part in the pathway "
                f"'{slot.pathway.slug}': the region's layer only has slots for its service types.",
                loc=["path", "service_type"],
            )
    elif data.needs_local_adaptation:
        raise Unprocessable(
            "Only the region's base text can be marked as needing local adaptation.",
            loc=["body", "needs_local_adaptation"],
        )
    if data.valid_from is not None and data.valid_from <= now:
        raise Unprocessable(
            "valid_from schedules a revision and must lie in the future; omit it to publish now.",
            loc=["body", "valid_from"],
        )


def _lock_slot(session: Session, slot: Slot, lang: str) -> None:
    """Serialise writers of one slot key; take `now` only after this returns.

    SQLite: the first statement of a write session takes the database's write lock
    (BEGIN IMMEDIATE). PostgreSQL: an advisory lock on the slot until commit.
    """
    if not is_postgres(session):
        session.execute(text("SELECT 1"))
        return
    key = f"{slot.layer.id}:{slot.pathway.id}:{slot.service_type.id}:{slot.section}:{lang}"
    raw = hashlib.blake2b(key.encode(), digest_size=4).digest()
    digest = int.from_bytes(raw, "big", signed=True)
    session.execute(
        text("SELECT pg_advisory_xact_lock(:space, :key)"),
        {"space": _SLOT_LOCK_SPACE, "key": digest},
    )


def _log(session: Session, slot: Slot, rev: TextRevision, *, action: Action, now: datetime) -> None:
    """Published and valid now → logged now; drafts never; scheduled → when due (the feed)."""
    if rev.status != RevisionStatus.published.value:
        return
    if rev.valid_from is not None and rev.valid_from > now:
        # Not in the feed until due, but a view cached before now must learn the date it
        # expires at: the write moves the slot's freshness as a published write would.
        mark_changed(session, freshness.written("text", slot.layer.code, slot.pathway.slug))
        return
    record_change(
        session,
        entity="text",
        action=action,
        entity_id=slot.entity_id(rev.lang),
        locality=slot.layer.code,
        pathway=slot.pathway.slug,
    )


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
    _lock_slot(session, slot, lang)
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
