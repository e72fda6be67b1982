"""Use-cases of one layer of one slot: read, write, delete, confirm, and its history.

Preconditions compare against the layer's entries as its editors see them: the current
one (drafts included) and every scheduled revision not yet in effect. The ETag names them
all, `"r<current>"` or `"r<current>+<scheduled>+…"` (`r0` when only scheduled ones exist),
so a writer always sees the latest state, and `If-None-Match: *` is refused while any
exists. A write takes a lock on the slot first and reads the entries again inside its
transaction, so of two writes sent with the same If-Match exactly one wins.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, text

from app.adoptions import queries as adoption_queries
from app.adoptions import service as adoptions
from app.changes.log import Action, record_change
from app.core.auth import Principal
from app.core.db import commit_answer, is_postgres
from app.core.errors import (
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    Unprocessable,
)
from app.core.http import require_if_match
from app.core.pagination import decode_cursor, encode_cursor
from app.models import PathwayServiceType, TextRevision
from app.models.base import ChangeKind, Mode, RevisionStatus, Role, utcnow
from app.texts import compare, queries
from app.texts.markdown import render
from app.texts.merge import (
    SECTIONS,
    EntryRow,
    MergedSlot,
    current_entries,
    inherited_text_at,
    is_stale,
    is_visible,
    merge_slot,
)
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

# The status of a scheduled revision an editor called off (never a status one can PUT).
CALLED_OFF = "called_off"

# Namespace of the two-key advisory locks on text slots (the change log uses a one-key lock).
_SLOT_LOCK_SPACE = 3


@dataclass(frozen=True)
class Slot:
    """One layer (the chain's last locality) of one slot of one pathway.

    `chain` is the pathway's layers for that locality, base first (the owner's layer, then
    the locality's own chain below the owner or below its adopter); `scope` is the
    locality's place in the tree, region first, which is what keys are checked against.
    """

    chain: list[queries.LocalityRow]
    pathway: queries.PathwayRow
    service_type: queries.ServiceTypeRow
    section: str
    scope: tuple[str, ...] = ()

    @property
    def scope_codes(self) -> list[str]:
        return list(self.scope) if self.scope else self.chain_codes

    @property
    def layer(self) -> queries.LocalityRow:
        return self.chain[-1]

    @property
    def chain_codes(self) -> list[str]:
        return [loc.code for loc in self.chain]

    @property
    def at_region(self) -> bool:
        return len(self.chain) == 1

    def entity_id(self, lang: str) -> str:
        return f"{self.pathway.slug}/{self.service_type.code}/{self.section}/{lang}"


@dataclass(frozen=True)
class LayerState:
    """What a layer holds for one slot in one language, and what the layers above give it."""

    slot: Slot
    lang: str
    rows: list[EntryRow]
    entry: EntryRow | None
    inherited: MergedSlot
    inherited_revision: int | None
    at: datetime
    scheduled: tuple[EntryRow, ...] = ()

    @property
    def etag(self) -> str | None:
        """The layer's ETag for this slot and language; None when it has no entry at all."""
        return layer_etag(self.entry, self.scheduled)


def layer_etag(entry: EntryRow | None, scheduled: tuple[EntryRow, ...]) -> str | None:
    """`"r<current>"`, plus `+<revision>` for each scheduled one; None when there is nothing."""
    if entry is None and not scheduled:
        return None
    current = entry.revision if entry is not None else 0
    return '"r' + "+".join([str(current), *(str(r.revision) for r in scheduled)]) + '"'


def scheduled_rows(
    rows: list[EntryRow], *, layer: str, lang: str, at: datetime, preview: bool
) -> tuple[EntryRow, ...]:
    """The layer's revisions written by `at` that take effect after it, soonest first.

    Like the history, they are for keys that may preview (`reader` in scope): the public
    sees a text when it takes effect.
    """
    if not preview:
        return ()
    wanted = ("published", "draft")
    found = [
        r
        for r in rows
        if r.locality == layer
        and r.lang == lang
        and r.status in wanted
        and r.created_at <= at
        and r.valid_from is not None
        and r.valid_from > at
    ]
    return tuple(sorted(found, key=lambda r: (r.effective_at, r.revision)))


def resolve_slot(
    session: Session, *, code: str, slug: str, service_type: str, section: str
) -> Slot:
    """The slot named in the path; 404 for an unknown locality, pathway, service or section."""
    chain = queries.chain_of(session, code)
    if not chain:
        raise NotFound(f"There is no locality '{code}'.")
    pathway = queries.pathway_by_slug(session, slug)
    if pathway is None:
        raise NotFound(f"There is no pathway '{slug}'.")
    st = queries.service_types_by_code(session, [service_type]).get(service_type)
    if st is None:
        raise NotFound(f"There is no service type '{service_type}'.")
    if section not in SECTIONS:
        raise NotFound(f"There is no section '{section}' (one of {', '.join(SECTIONS)}).")
    layers = adoptions.layers_or_404(session, pathway.id, slug, chain)
    scope = tuple(loc.code for loc in chain)
    return Slot(chain=layers, pathway=pathway, service_type=st, section=section, scope=scope)


def pathway_slot(
    session: Session,
    chain: list[queries.LocalityRow],
    pathway: queries.PathwayRow,
    service_type: queries.ServiceTypeRow,
    section: str,
) -> Slot | None:
    """The slot at the chain's last locality, over the pathway's layers; None when not in use."""
    layers = adoption_queries.layers_of(session, pathway.id, chain)
    if layers is None:
        return None
    scope = tuple(loc.code for loc in chain)
    return Slot(
        chain=layers, pathway=pathway, service_type=service_type, section=section, scope=scope
    )


def can_preview(principal: Principal | None, slot: Slot) -> bool:
    """Drafts are for keys with at least `reader` over this layer."""
    return principal is not None and principal.has(Role.reader, slot.scope_codes)


def load_state(
    session: Session, slot: Slot, *, lang: str, preview: bool, at: datetime | None = None
) -> LayerState:
    """The layer's current entry and the merge of the layers above, from one query."""
    at = at or utcnow()
    rows = queries.load_rows(
        session,
        slot.pathway.id,
        [loc.id for loc in slot.chain],
        service_type_id=slot.service_type.id,
        section=slot.section,
    )
    current = current_entries(rows, at=at, preview=preview)
    above = slot.chain_codes[:-1]
    inherited = merge_slot(above, current, slot.service_type.code, slot.section, lang)
    # Based on everything published above by now (any language, tombstones too): then an
    # override is never stale the moment it is written.
    seen = [r.revision for r in rows if r.locality in above and is_visible(r, at=at, preview=False)]
    return LayerState(
        slot=slot,
        lang=lang,
        rows=rows,
        entry=current.get((slot.layer.code, slot.service_type.code, slot.section, lang)),
        inherited=inherited,
        inherited_revision=max(seen) if seen else None,
        at=at,
        scheduled=scheduled_rows(rows, layer=slot.layer.code, lang=lang, at=at, preview=preview),
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
    entry = _as_entry_row(slot, rev)
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


def _as_entry_row(slot: Slot, rev: TextRevision) -> EntryRow:
    assert rev.id is not None
    return EntryRow(
        revision=rev.id,
        locality=slot.layer.code,
        depth=len(slot.chain) - 1,
        service_type=slot.service_type.code,
        section=slot.section,
        lang=rev.lang,
        mode=rev.mode,
        text=rev.text,
        status=rev.status,
        valid_from=rev.valid_from,
        created_at=rev.created_at,
        based_on=rev.based_on,
        change_kind=rev.change_kind,
        needs_local_adaptation=rev.needs_local_adaptation,
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


def lock_slot(session: Session, slot: Slot, lang: str) -> None:
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


def _check_preconditions(
    state: LayerState, *, if_match: str | None, if_none_match: str | None
) -> None:
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
        taking_part = session.execute(
            select(PathwayServiceType.pathway_id).where(  # type: ignore[call-overload]
                PathwayServiceType.pathway_id == slot.pathway.id,
                PathwayServiceType.service_type_id == slot.service_type.id,
            )
        ).first()
        if taking_part is None:
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


def log_revision(
    session: Session, slot: Slot, rev: TextRevision, *, action: Action, now: datetime
) -> None:
    """Published and valid now → logged now; drafts never; scheduled → when due (the feed)."""
    if rev.status != RevisionStatus.published.value:
        return
    if rev.valid_from is not None and rev.valid_from > now:
        return
    record_change(
        session,
        entity="text",
        action=action,
        entity_id=slot.entity_id(rev.lang),
        locality=slot.layer.code,
        pathway=slot.pathway.slug,
    )


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
    validate_write(session, slot, data, utcnow())
    lang = data.lang.value
    lock_slot(session, slot, lang)
    # After the lock, so revisions of one key get created_at in the order they commit.
    now = utcnow()
    before = load_state(session, slot, lang=lang, preview=True, at=now)
    _check_preconditions(before, if_match=if_match, if_none_match=if_none_match)
    rev = TextRevision(
        locality_id=slot.layer.id,
        pathway_id=slot.pathway.id,
        service_type_id=slot.service_type.id,
        section=slot.section,
        lang=lang,
        mode=data.mode.value,
        text=data.text,
        status=data.status.value,
        valid_from=data.valid_from,
        based_on=None if slot.at_region else before.inherited_revision,
        change_kind=data.change_kind.value,
        needs_local_adaptation=data.needs_local_adaptation,
        author=principal.name,
        note=data.note,
        created_at=now,
    )
    session.add(rev)
    session.flush()
    log_revision(session, slot, rev, action="upsert", now=now)
    after = commit_answer(
        session, lambda: load_state(session, slot, lang=lang, preview=True, at=utcnow())
    )
    return _entry_public(after, rev), after.etag, before.etag is None


def delete_entry(
    session: Session, *, slot: Slot, lang: str, principal: Principal, if_match: str | None
) -> None:
    """Make the layer inherit the slot again: a tombstone revision, logged as a delete."""
    lock_slot(session, slot, lang)
    now = utcnow()
    state = load_state(session, slot, lang=lang, preview=True, at=now)
    if state.entry is None:
        raise NotFound(f"The layer '{slot.layer.code}' has no entry for this slot in '{lang}'.")
    require_if_match(if_match, state.etag or "")
    rev = TextRevision(
        locality_id=slot.layer.id,
        pathway_id=slot.pathway.id,
        service_type_id=slot.service_type.id,
        section=slot.section,
        lang=lang,
        mode="inherit",
        text=None,
        status=RevisionStatus.published.value,
        author=principal.name,
        created_at=now,
    )
    session.add(rev)
    session.flush()
    log_revision(session, slot, rev, action="delete", now=now)
    session.commit()


def confirm_entry(
    session: Session, *, slot: Slot, lang: str, principal: Principal, if_match: str | None
) -> tuple[TextEntry, str]:
    """Confirm a stale override still holds: a copy based on the current inherited revision.

    Confirming an entry that is not stale writes nothing and answers with it as it is.
    """
    lock_slot(session, slot, lang)
    now = utcnow()
    state = load_state(session, slot, lang=lang, preview=True, at=now)
    entry = state.entry
    if entry is None:
        raise NotFound(f"The layer '{slot.layer.code}' has no entry for this slot in '{lang}'.")
    require_if_match(if_match, state.etag or "")
    if not is_stale(entry, slot.chain_codes, state.rows, now):
        session.rollback()
        return _public_of_current(session, state), state.etag or ""
    current = session.get(TextRevision, entry.revision)
    assert current is not None
    rev = TextRevision(
        locality_id=slot.layer.id,
        pathway_id=slot.pathway.id,
        service_type_id=slot.service_type.id,
        section=slot.section,
        lang=lang,
        mode=current.mode,
        text=current.text,
        status=current.status,
        based_on=state.inherited_revision,
        change_kind=ChangeKind.editorial.value,
        needs_local_adaptation=current.needs_local_adaptation,
        author=principal.name,
        note=f"Confirmed r{entry.revision} against r{state.inherited_revision}.",
        created_at=now,
    )
    session.add(rev)
    session.flush()
    log_revision(session, slot, rev, action="upsert", now=now)
    after = commit_answer(
        session, lambda: load_state(session, slot, lang=lang, preview=True, at=utcnow())
    )
    return _entry_public(after, rev), after.etag or ""


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
