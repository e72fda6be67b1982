"""Writing one layer of one service's links: validate, then the texts' own editing use-case.

A links entry is the text revision of section `links` in `nb`; preconditions, scopes,
revisions, staleness and the change log are exactly the texts' (`app.texts.editing`).
"""

from sqlmodel import Session

from app.adoptions import service as adoptions
from app.catalog.lookups import all_service_types, pathway_service_types, service_types_by_code
from app.core.auth import Principal
from app.core.errors import NotFound, Unprocessable
from app.localities.lookups import chain_or_404
from app.maps import links as L
from app.maps.schemas import (
    InheritedLinks,
    LayerItem,
    LinkPublic,
    LinksEntry,
    LinksWrite,
    MergedLinkPublic,
    ScheduledLinks,
)
from app.models import TextRevision
from app.models.base import Lang, Mode
from app.pathways.lookups import pathway_by_slug
from app.texts import editing, slots
from app.texts.merge import current_entries, is_stale
from app.texts.schemas import TextWrite


def resolve(session: Session, *, code: str, slug: str, service_type: str) -> slots.Slot:
    """The links slot named in the path; 404 for an unknown locality, pathway or service."""
    chain = chain_or_404(session, code)
    pathway = pathway_by_slug(session, slug)
    if pathway is None:
        raise NotFound(f"There is no pathway '{slug}'.")
    st = service_types_by_code(session, [service_type]).get(service_type)
    if st is None:
        raise NotFound(f"There is no service type '{service_type}'.")
    slot = slots.pathway_slot(session, chain, pathway, st, L.LINKS_SECTION)
    if slot is None:
        adoptions.layers_or_404(session, pathway.id, slug, chain)  # raises: not in use here
    assert slot is not None
    return slot


def _validate(session: Session, slot: slots.Slot, data: LinksWrite) -> None:
    known = all_service_types(session)
    in_pathway = {t.code for t in pathway_service_types(session, slot.pathway.id)}
    me = slot.service_type.code
    seen: set[str] = set()
    for i, link in enumerate(data.refers_to):
        loc: list[str | int] = ["body", "refers_to", i, "service_type"]
        target = link.service_type
        if target not in known:
            raise Unprocessable(f"There is no service type '{target}'.", loc=loc)
        if target == me:
            raise Unprocessable(f"'{me}' cannot refer to itself.", loc=loc)
        if target in seen:
            raise Unprocessable(f"'{target}' is named twice.", loc=loc)
        seen.add(target)
        if slot.at_region and target not in in_pathway:
            raise Unprocessable(
                f"'{target}' does not take part in the pathway '{slot.pathway.slug}': the "
                "region's links stay within the pathway's service types.",
                loc=loc,
            )
    if slot.at_region and me not in in_pathway:
        field = "entry_point" if data.entry_point else "service_type"
        raise Unprocessable(
            f"'{me}' does not take part in the pathway '{slot.pathway.slug}'"
            + (", so it cannot be its entry point." if data.entry_point else "."),
            loc=["body", field] if data.entry_point else ["path", field],
        )


def _inherited(state: slots.LayerState) -> InheritedLinks:
    slot = state.slot
    current = current_entries(state.rows, at=state.at, preview=True)
    merged = L.merge_links(slot.chain_codes[:-1], current, slot.service_type.code)
    return InheritedLinks(
        refers_to=[
            MergedLinkPublic(
                service_type=x.service_type,
                label=x.label,
                back=x.back,
                locality=x.locality,
                mode=x.mode,
                revision=x.revision,
            )
            for x in merged.refers_to
        ],
        entry_point=merged.entry_point,
        hidden=merged.hidden,
        origin=merged.origin,
        layers=[
            LayerItem(locality=p.locality, mode=p.mode, revision=p.revision) for p in merged.layers
        ],
        revision=state.inherited_revision,
    )


def _scheduled_links(state: slots.LayerState) -> list[ScheduledLinks]:
    out = []
    for r in state.scheduled:
        doc = L.parse(r.text)
        assert r.valid_from is not None
        out.append(
            ScheduledLinks(
                revision=r.revision,
                mode=r.mode,
                refers_to=[
                    LinkPublic(service_type=x.service_type, label=x.label, back=x.back)
                    for x in doc.refers_to
                ],
                entry_point=doc.entry_point,
                status=r.status,
                valid_from=r.valid_from,
                created_at=r.created_at,
            )
        )
    return out


def _public(session: Session, state: slots.LayerState) -> LinksEntry:
    entry = state.entry
    if entry is None:  # nothing current yet, only scheduled revisions
        return LinksEntry(
            locality=state.slot.layer.code,
            pathway=state.slot.pathway.slug,
            service_type=state.slot.service_type.code,
            inherited=_inherited(state),
            scheduled=_scheduled_links(state),
        )
    rev = session.get(TextRevision, entry.revision)
    assert rev is not None
    doc = L.parse(entry.text)
    return LinksEntry(
        locality=state.slot.layer.code,
        pathway=state.slot.pathway.slug,
        service_type=state.slot.service_type.code,
        mode=entry.mode,
        refers_to=[
            LinkPublic(service_type=x.service_type, label=x.label, back=x.back)
            for x in doc.refers_to
        ],
        entry_point=doc.entry_point,
        status=entry.status,
        revision=entry.revision,
        based_on=entry.based_on,
        stale=is_stale(entry, state.slot.chain_codes, state.rows, state.at),
        valid_from=entry.valid_from,
        change_kind=entry.change_kind,
        author=rev.author,
        created_at=entry.created_at,
        note=rev.note,
        inherited=_inherited(state),
        scheduled=_scheduled_links(state),
    )


def get_links(
    session: Session, *, slot: slots.Slot, principal: Principal | None
) -> tuple[LinksEntry, str]:
    """The layer's own links entry and scheduled revisions with the ETag naming them all;
    404 (showing `inherited`) when it has neither."""
    preview = slots.can_preview(principal, slot)
    state = slots.load_state(session, slot, lang=L.LINKS_LANG, preview=preview)
    tag = state.etag
    if tag is None:
        raise NotFound(
            f"The layer '{slot.layer.code}' has no links for '{slot.service_type.code}'; "
            "it inherits.",
            extra={"inherited": _inherited(state).model_dump(mode="json")},
        )
    return _public(session, state), tag


def put_links(
    session: Session,
    *,
    slot: slots.Slot,
    principal: Principal,
    data: LinksWrite,
    if_match: str | None,
    if_none_match: str | None,
) -> tuple[LinksEntry, str | None, bool]:
    """Write a new revision of this layer's links; returns it, its ETag, and whether created."""
    _validate(session, slot, data)
    doc = L.LinksDoc(
        tuple(L.Link(x.service_type, x.label, x.back) for x in data.refers_to), data.entry_point
    )
    write = TextWrite(
        mode=data.mode,
        text=None if data.mode is Mode.hide else L.canonical(doc),
        lang=Lang.nb,
        status=data.status,
        valid_from=data.valid_from,
        note=data.note,
        change_kind=data.change_kind,
    )
    entry, tag, created = editing.put_entry(
        session,
        slot=slot,
        principal=principal,
        data=write,
        if_match=if_match,
        if_none_match=if_none_match,
    )
    assert entry.revision is not None  # a PUT answers with the revision it wrote
    state = slots.load_state(session, slot, lang=L.LINKS_LANG, preview=True)
    if state.entry is None or state.entry.revision != entry.revision:
        # A scheduled revision is not current yet: answer with what was written.
        return _scheduled(state, entry.revision, session), tag, created
    return _public(session, state), tag, created


def _scheduled(state: slots.LayerState, revision: int, session: Session) -> LinksEntry:
    rev = session.get(TextRevision, revision)
    assert rev is not None and rev.id is not None
    doc = L.parse(rev.text)
    return LinksEntry(
        locality=state.slot.layer.code,
        pathway=state.slot.pathway.slug,
        service_type=state.slot.service_type.code,
        mode=rev.mode,
        refers_to=[
            LinkPublic(service_type=x.service_type, label=x.label, back=x.back)
            for x in doc.refers_to
        ],
        entry_point=doc.entry_point,
        status=rev.status,
        revision=rev.id,
        based_on=rev.based_on,
        valid_from=rev.valid_from,
        change_kind=rev.change_kind,
        author=rev.author,
        created_at=rev.created_at,
        note=rev.note,
        inherited=_inherited(state),
        scheduled=_scheduled_links(state),
    )


def delete_links(
    session: Session, *, slot: slots.Slot, principal: Principal, if_match: str | None
) -> None:
    """Remove this layer's links entry: the service inherits its links again."""
    editing.delete_entry(
        session, slot=slot, lang=L.LINKS_LANG, principal=principal, if_match=if_match
    )
