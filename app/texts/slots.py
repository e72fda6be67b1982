"""One layer of one slot, and what it holds: the state every read and write of a slot starts from.

A slot is (pathway, service type, section) in a layer (the chain's last locality). Its
state is read from the layer's and the chain's history in one query; the ETag names the
current entry (drafts included) and every scheduled revision not yet in effect, `"r<current>"`
or `"r<current>+<scheduled>+…"` (`r0` when only scheduled ones exist).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from app.adoptions import queries as adoption_queries
from app.catalog.lookups import ServiceTypeRow
from app.core.auth import Principal
from app.core.errors import NotFound
from app.core.timestamps import utc
from app.localities.lookups import LocalityRow
from app.models import TextRevision
from app.models.base import Role, utcnow
from app.pathways.lookups import PathwayRow
from app.texts import held_shapes, queries
from app.texts.merge import (
    SECTIONS,
    EntryRow,
    MergedSlot,
    current_entries,
    is_visible,
    merge_slot,
)


@dataclass(frozen=True)
class Slot:
    """One layer (the chain's last locality) of one slot of one pathway.

    `chain` is the pathway's layers for that locality, base first (the owner's layer, then
    the locality's own chain below the owner or below its adopter); `scope` is the
    locality's place in the tree, region first, which is what keys are checked against.
    """

    chain: list[LocalityRow]
    pathway: PathwayRow
    service_type: ServiceTypeRow
    section: str
    scope: tuple[str, ...] = ()

    @property
    def scope_codes(self) -> list[str]:
        return list(self.scope) if self.scope else self.chain_codes

    @property
    def layer(self) -> LocalityRow:
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
    """The slot named in the path; 404 for an unknown locality, pathway, service or section.

    The tree, pathways, catalogue and adoptions are read as held (`held_shapes`): a slot's
    read and every write of a text (a PUT, a proposal) name them, and they change only with
    writes that move `GLOBAL`; held before this transaction writes anything, so they are
    committed values."""
    chain = held_shapes.locality_chain(session, code)
    pathway = held_shapes.pathway_by_slug(session, slug)
    if pathway is None:
        raise NotFound(f"There is no pathway '{slug}'.")
    st = held_shapes.service_type_by_code(session, service_type)
    if st is None:
        raise NotFound(f"There is no service type '{service_type}'.")
    if section not in SECTIONS:
        raise NotFound(f"There is no section '{section}' (one of {', '.join(SECTIONS)}).")
    layers = held_shapes.pathway_layers(session, pathway.id, slug, chain)
    scope = tuple(loc.code for loc in chain)
    return Slot(chain=layers, pathway=pathway, service_type=st, section=section, scope=scope)


def pathway_slot(
    session: Session,
    chain: list[LocalityRow],
    pathway: PathwayRow,
    service_type: ServiceTypeRow,
    section: str,
) -> Slot | None:
    """The slot at the chain's last locality, over the pathway's layers; None when not in use."""
    layers = adoption_queries.layers_of(session, pathway.id, chain)
    if layers is None:
        return None
    scope = tuple(loc.code for loc in chain)
    return Slot(layers, pathway, service_type, section, scope=scope)


def can_preview(principal: Principal | None, slot: Slot) -> bool:
    """Drafts are for keys with at least `reader` over this layer."""
    return principal is not None and principal.has(Role.reader, slot.scope_codes)


def load_state(
    session: Session, slot: Slot, *, lang: str, preview: bool, at: datetime | None = None
) -> LayerState:
    """The layer's current entry and the merge of the layers above, from one query."""
    rows = queries.load_rows(
        session,
        slot.pathway.id,
        [loc.id for loc in slot.chain],
        service_type_id=slot.service_type.id,
        section=slot.section,
    )
    return state_of(slot, rows, lang=lang, preview=preview, at=at or utcnow())


def with_revision(before: LayerState, revision: TextRevision, *, at: datetime) -> LayerState:
    """The state `before` was read in, once `revision` (just written to its layer, under
    the slot's lock) is added: a write's answer, without reading the history again."""
    rows = [*before.rows, entry_row(before.slot, revision)]
    return state_of(before.slot, rows, lang=before.lang, preview=True, at=at)


def entry_row(slot: Slot, revision: TextRevision) -> EntryRow:
    """A revision of the slot's own layer as the merge reads it (`queries.load_rows`)."""
    assert revision.id is not None
    return EntryRow(
        revision=revision.id,
        locality=slot.layer.code,
        depth=len(slot.chain) - 1,
        service_type=slot.service_type.code,
        section=slot.section,
        lang=revision.lang,
        mode=revision.mode,
        text=revision.text,
        status=revision.status,
        valid_from=utc(revision.valid_from),
        created_at=utc(revision.created_at),
        based_on=revision.based_on,
        change_kind=revision.change_kind,
        needs_local_adaptation=bool(revision.needs_local_adaptation),
    )


def state_of(
    slot: Slot, rows: list[EntryRow], *, lang: str, preview: bool, at: datetime
) -> LayerState:
    """The layer's state from the chain's revisions of the slot (`load_state`'s rows)."""
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
