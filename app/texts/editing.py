"""Use-cases of one layer of one slot: read, write, delete, confirm, and its history.

Preconditions compare against the layer's entries as its editors see them: the current
one (drafts included) and every scheduled revision not yet in effect. The ETag names them
all, `"r<current>"` or `"r<current>+<scheduled>+…"` (`r0` when only scheduled ones exist),
so a writer always sees the latest state, and `If-None-Match: *` is refused while any
exists. Every write goes through `app.texts.revisions.write`; the slot and its state are
`app.texts.slots`.
"""

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from app.core.auth import Principal
from app.core.db import commit_answer
from app.core.errors import NotFound, Unprocessable
from app.core.pagination import decode_cursor, encode_cursor
from app.models import TextRevision
from app.models.base import ChangeKind, RevisionStatus, utcnow
from app.texts import compare, revisions
from app.texts.markdown import render
from app.texts.merge import inherited_text_at, is_stale
from app.texts.schemas import (
    DiffOpPublic,
    InheritedChange,
    InheritedText,
    ProvenanceItem,
    RevisionPage,
    RevisionPublic,
    ScheduledRevision,
    TextEntry,
    TextWrite,
)
from app.texts.slots import (
    LayerState,
    Slot,
    can_preview,
    entry_row,
    load_state,
    with_revision,
)


def inherited_change(state: LayerState, based_on: int | None) -> InheritedChange:
    """What changed in the inherited text since `based_on`: both texts and their diff."""
    slot = state.slot
    old = inherited_text_at(
        state.rows,
        slot.chain_codes[:-1],
        slot.service_type.code,
        slot.section,
        state.lang,
        based_on,
    )
    return inherited_change_of(old, state.inherited.text, based_on, state.inherited_revision)


def inherited_change_of(
    old: str | None, new: str | None, based_on: int | None, now_at: int | None
) -> InheritedChange:
    """The API shape of an inherited text's change: both texts and their word diff."""
    diff = compare.word_diff(old or "", new or "")
    return InheritedChange(
        from_revision=based_on,
        to_revision=now_at,
        from_text=old or "",
        to_text=new or "",
        ops=[DiffOpPublic(op=o.op, text=o.text) for o in diff.ops],  # type: ignore[arg-type]
        html=diff.html,
    )


def _render(md: str | None) -> str | None:
    return render(md) if md is not None else None


def inherited_public(state: LayerState) -> InheritedText:
    """The API shape of what the layers above give this slot."""
    m = state.inherited
    return InheritedText(
        text=m.text,
        html=_render(m.text),
        hidden=m.hidden,
        lang=m.lang,
        origin=m.origin,
        layers=[
            ProvenanceItem(locality=p.locality, mode=p.mode, revision=p.revision, lang=p.lang)
            for p in m.layers
        ],
        revision=state.inherited_revision,
    )


def scheduled_public(state: LayerState) -> list[ScheduledRevision]:
    """The layer's scheduled revisions of the slot, soonest first."""
    return [
        ScheduledRevision(
            revision=r.revision,
            mode=r.mode,
            text=r.text,
            html=_render(r.text),
            lang=r.lang,
            status=r.status,
            valid_from=r.valid_from,  # type: ignore[arg-type]
            created_at=r.created_at,
        )
        for r in state.scheduled
    ]


def _entry_public(state: LayerState, rev: TextRevision | None) -> TextEntry:
    slot = state.slot
    if rev is None:  # nothing current yet, only scheduled revisions
        return TextEntry(
            locality=slot.layer.code,
            pathway=slot.pathway.slug,
            service_type=slot.service_type.code,
            section=slot.section,
            lang=state.lang,
            stale=False,
            needs_local_adaptation=False,
            inherited=inherited_public(state),
            scheduled=scheduled_public(state),
        )
    entry = entry_row(slot, rev)
    stale = is_stale(entry, slot.chain_codes, state.rows, state.at)
    return TextEntry(
        locality=slot.layer.code,
        pathway=slot.pathway.slug,
        service_type=slot.service_type.code,
        section=slot.section,
        lang=entry.lang,
        mode=entry.mode,
        text=entry.text,
        html=_render(entry.text),
        status=entry.status,
        revision=entry.revision,
        based_on=entry.based_on,
        stale=stale,
        inherited_change=inherited_change(state, entry.based_on) if stale else None,
        valid_from=entry.valid_from,
        needs_local_adaptation=entry.needs_local_adaptation,
        change_kind=entry.change_kind,
        author=rev.author,
        created_at=entry.created_at,
        note=rev.note,
        inherited=inherited_public(state),
        scheduled=scheduled_public(state),
    )


def _public_of_current(session: Session, state: LayerState) -> TextEntry:
    rev = session.get(TextRevision, state.entry.revision) if state.entry is not None else None
    return _entry_public(state, rev)


def get_entry(
    session: Session, *, slot: Slot, lang: str, principal: Principal | None
) -> tuple[TextEntry, str]:
    """The layer's current entry and scheduled revisions with the ETag naming them all;
    404 (showing `inherited`) when it has neither."""
    state = load_state(session, slot, lang=lang, preview=can_preview(principal, slot))
    tag = state.etag
    if tag is None:
        raise NotFound(
            f"The layer '{slot.layer.code}' has no entry for this slot in '{lang}'; it inherits.",
            extra={"inherited": inherited_public(state).model_dump(mode="json")},
        )
    return _public_of_current(session, state), tag


def put_entry(
    session: Session,
    *,
    slot: Slot,
    principal: Principal,
    data: TextWrite,
    if_match: str | None,
    if_none_match: str | None,
) -> tuple[TextEntry, str | None, bool]:
    """Write a new revision of this layer's entry; returns it, the ETag, and whether created."""
    revisions.validate_write(session, slot, data, utcnow())
    lang = data.lang.value

    def decide(before: LayerState, now: datetime) -> revisions.Revision:
        revisions.check_put(before, if_match=if_match, if_none_match=if_none_match)
        return revisions.Revision(
            mode=data.mode.value,
            text=data.text,
            status=data.status.value,
            valid_from=data.valid_from,
            based_on=None if slot.at_region else before.inherited_revision,
            change_kind=data.change_kind.value,
            needs_local_adaptation=data.needs_local_adaptation,
            note=data.note,
        )

    written = revisions.write(session, slot, lang=lang, author=principal.name, decide=decide)
    assert written is not None
    after = commit_answer(
        session, lambda: with_revision(written.before, written.revision, at=utcnow())
    )
    return _entry_public(after, written.revision), after.etag, written.before.etag is None


def delete_entry(
    session: Session, *, slot: Slot, lang: str, principal: Principal, if_match: str | None
) -> None:
    """Make the layer inherit the slot again: a tombstone revision, logged as a delete."""

    def decide(state: LayerState, _: datetime) -> revisions.Revision:
        revisions.check_entry(state, if_match=if_match)
        return revisions.Revision(mode="inherit", text=None)

    revisions.write(session, slot, lang=lang, author=principal.name, decide=decide, action="delete")
    session.commit()


def confirm_entry(
    session: Session, *, slot: Slot, lang: str, principal: Principal, if_match: str | None
) -> tuple[TextEntry, str]:
    """Confirm a stale override still holds: a copy based on the current inherited revision.

    Confirming an entry that is not stale writes nothing and answers with it as it is.
    """
    seen: list[LayerState] = []

    def decide(state: LayerState, now: datetime) -> revisions.Revision | None:
        revisions.check_entry(state, if_match=if_match)
        entry = state.entry
        assert entry is not None
        seen.append(state)
        if not is_stale(entry, slot.chain_codes, state.rows, now):
            return None
        current = session.get(TextRevision, entry.revision)
        assert current is not None
        return revisions.Revision(
            mode=current.mode,
            text=current.text,
            status=current.status,
            based_on=state.inherited_revision,
            change_kind=ChangeKind.editorial.value,
            needs_local_adaptation=current.needs_local_adaptation,
            note=f"Confirmed r{entry.revision} against r{state.inherited_revision}.",
        )

    written = revisions.write(session, slot, lang=lang, author=principal.name, decide=decide)
    if written is None:
        session.rollback()
        return _public_of_current(session, seen[0]), seen[0].etag or ""
    after = commit_answer(
        session, lambda: with_revision(written.before, written.revision, at=utcnow())
    )
    return _entry_public(after, written.revision), after.etag or ""


def list_revisions(
    session: Session,
    *,
    slot: Slot,
    lang: str | None,
    principal: Principal | None,
    limit: int,
    cursor: str | None,
) -> RevisionPage:
    """The layer's revisions of the slot, newest first; drafts and scheduled ones for readers."""
    t = TextRevision.__table__.c  # type: ignore[attr-defined]
    stmt = select(TextRevision).where(
        t.locality_id == slot.layer.id,
        t.pathway_id == slot.pathway.id,
        t.service_type_id == slot.service_type.id,
        t.section == slot.section,
    )
    if lang is not None:
        stmt = stmt.where(t.lang == lang)
    if not can_preview(principal, slot):
        now = utcnow()
        stmt = stmt.where(
            t.status == RevisionStatus.published.value,
            (t.valid_from.is_(None)) | (t.valid_from <= now),
        )
    after = decode_cursor(cursor)
    if after is not None:
        if not isinstance(after, int) or isinstance(after, bool):
            raise Unprocessable("The cursor is not valid.", loc=["query", "cursor"])
        stmt = stmt.where(t.id < after)
    rows = list(session.execute(stmt.order_by(t.id.desc()).limit(limit + 1)).scalars().all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].id)
    return RevisionPage(
        items=[
            RevisionPublic(
                revision=r.id,
                mode=r.mode,
                text=r.text,
                lang=r.lang,
                status=r.status,
                author=r.author,
                created_at=r.created_at,
                valid_from=r.valid_from,
                proposal_id=r.proposal_id,
                based_on=r.based_on,
                change_kind=r.change_kind,
                note=r.note,
                needs_local_adaptation=r.needs_local_adaptation,
                called_off_at=r.called_off_at,
                called_off_by=r.called_off_by,
            )
            for r in rows
        ],
        next_cursor=next_cursor,
    )
