"""The merge of layered texts: plain data in, merged view out; no I/O."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.texts.markdown import join_html

SECTIONS: tuple[str, ...] = (
    "role",
    "assessment",
    "measures",
    "evaluation",
    "collaboration",
    "referral",
)
OTHER_LANG = {"nb": "nn", "nn": "nb"}

# (locality code, service type code, section, lang)
EntryKey = tuple[str, str, str, str]
# (locality code, service type code, section)
SlotLayerKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One revision of one layer of one slot, as the merge needs it."""

    revision: int
    locality: str
    depth: int
    service_type: str
    section: str
    lang: str
    mode: str
    text: str | None
    status: str
    valid_from: datetime | None
    created_at: datetime
    based_on: int | None = None
    change_kind: str = "substantive"
    needs_local_adaptation: bool = False
    # The text as safe HTML when the reader already has it, with its `join_html` flags;
    # derived from `text`, so not compared.
    html: str | None = field(default=None, compare=False)
    html_flags: int = field(default=0, compare=False)

    @property
    def key(self) -> EntryKey:
        return (self.locality, self.service_type, self.section, self.lang)

    @property
    def effective_at(self) -> datetime:
        """When this revision takes effect: its valid_from, else when it was written."""
        return self.valid_from if self.valid_from is not None else self.created_at


# Provenance and MergedSlot are values, never changed once the merge has made them; they
# are not `frozen` only because a frozen dataclass's __init__ costs three times as much,
# and a service map makes ~2,000 of each per request.
@dataclass(slots=True)
class Provenance:
    """One layer that contributed to a merged slot."""

    locality: str
    mode: str
    revision: int
    lang: str


@dataclass(slots=True)
class MergedSlot:
    """One slot merged over a chain; `layers` is empty when no layer has an entry."""

    text: str | None
    hidden: bool
    layers: tuple[Provenance, ...]
    origin: str | None
    lang: str | None
    stale: bool
    needs_local_adaptation: bool = False
    # `text` as safe HTML when one entry decided it and had it; derived, so not compared.
    html: str | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not self.layers


@dataclass(frozen=True, slots=True)
class MergedService:
    """One service type of a merged pathway, with its sections in order."""

    service_type: str
    sections: tuple[tuple[str, MergedSlot], ...]

    @property
    def hidden(self) -> bool:
        """Hidden when something is hidden and nothing is shown (empty sections show nothing)."""
        slots = [slot for _, slot in self.sections]
        return any(s.hidden for s in slots) and all(s.hidden or s.empty for s in slots)


EMPTY_SLOT = MergedSlot(text=None, hidden=False, layers=(), origin=None, lang=None, stale=False)


def is_visible(row: EntryRow, *, at: datetime, preview: bool) -> bool:
    """True when the revision exists at `at` and counts for this audience."""
    if row.created_at > at:
        return False
    if row.valid_from is not None and row.valid_from > at:
        return False
    return row.status == "published" or (preview and row.status == "draft")


def current_entries(
    rows: Iterable[EntryRow], *, at: datetime, preview: bool = False
) -> dict[EntryKey, EntryRow]:
    """The current entry of every key at `at`; a key whose latest is a tombstone has none."""
    # Inlined (no properties, no helper calls): this loop runs over every row of a view.
    best: dict[EntryKey, tuple[tuple[datetime, int], EntryRow]] = {}
    for row in rows:
        valid_from = row.valid_from
        if row.created_at > at or (valid_from is not None and valid_from > at):
            continue
        if row.status != "published" and not (preview and row.status == "draft"):
            continue
        key = (row.locality, row.service_type, row.section, row.lang)
        rank = (valid_from if valid_from is not None else row.created_at, row.revision)
        held = best.get(key)
        if held is None or rank > held[0]:
            best[key] = (rank, row)
    return {key: row for key, (_, row) in best.items() if row.mode != "inherit"}


def substantive_marks(rows: Iterable[EntryRow], *, at: datetime) -> dict[SlotLayerKey, int]:
    """Per layer and slot, the highest published substantive revision visible by `at`."""
    marks: dict[SlotLayerKey, int] = {}
    for row in rows:
        if row.change_kind != "substantive" or not is_visible(row, at=at, preview=False):
            continue
        key = (row.locality, row.service_type, row.section)
        if row.revision > marks.get(key, 0):
            marks[key] = row.revision
    return marks


def stale_by_marks(
    entry: EntryRow, chain_codes: Sequence[str], marks: Mapping[SlotLayerKey, int]
) -> bool:
    if not chain_codes or entry.locality == chain_codes[0]:
        return False
    base = entry.based_on or 0
    for code in chain_codes:
        if code == entry.locality:
            return False
        if marks.get((code, entry.service_type, entry.section), 0) > base:
            return True
    return False


def is_stale(
    entry: EntryRow, chain_codes: Sequence[str], rows: Iterable[EntryRow], at: datetime
) -> bool:
    """True when a layer above the entry changed the slot substantively after `based_on`."""
    return stale_by_marks(entry, chain_codes, substantive_marks(rows, at=at))


def merge_slot(
    chain_codes: Sequence[str],
    current: Mapping[EntryKey, EntryRow],
    service_type: str,
    section: str,
    lang: str,
    *,
    marks: Mapping[SlotLayerKey, int] | None = None,
) -> MergedSlot:
    """Merge one slot over the chain (region first); `marks` enables the stale flag."""
    # Written out plainly (no generators; a layer's entry in the requested language, else
    # in the other one, looked up inline): a service map merges ~2,000 slots per request.
    get = current.get
    other = OTHER_LANG.get(lang, "nb")
    text: str | None = None
    html: str | None = None
    flags = 0
    hidden = False
    layers: list[EntryRow] = []
    for code in chain_codes:
        entry = get((code, service_type, section, lang)) or get(
            (code, service_type, section, other)
        )
        if entry is None:
            continue
        mode = entry.mode
        if mode == "replace":
            text, hidden, layers = entry.text or "", False, [entry]
            html, flags = entry.html, entry.html_flags
        elif mode == "append":
            own = entry.text or ""
            if text is None or hidden:
                text, html, flags = own, entry.html, entry.html_flags
            else:
                text = text + "\n\n" + own
                if html is not None and entry.html is not None:
                    html, flags = join_html(html, flags, entry.html, entry.html_flags)
                else:  # rendered when asked for
                    html = None
            hidden = False
            layers.append(entry)
        elif mode == "hide":
            text, html, hidden, layers = None, None, True, [entry]
    if not layers:
        return EMPTY_SLOT
    region = chain_codes[0]
    local = 0
    stale = False
    provenance = []
    for e in layers:
        if e.locality != region:
            local += 1
            if marks is not None and not stale:
                stale = stale_by_marks(e, chain_codes, marks)
        provenance.append(Provenance(e.locality, e.mode, e.revision, e.lang))
    origin = "regional" if local == 0 else "local" if local == len(layers) else "mixed"
    base = get((region, service_type, section, lang)) or get((region, service_type, section, other))
    return MergedSlot(
        text=text,
        hidden=hidden,
        layers=tuple(provenance),
        origin=origin,
        lang=layers[-1].lang,
        stale=stale,
        needs_local_adaptation=bool(base and base.needs_local_adaptation),
        html=html,
    )


def inherited_text_at(
    rows: Sequence[EntryRow],
    above: Sequence[str],
    service_type: str,
    section: str,
    lang: str,
    revision: int | None,
) -> str | None:
    """The merged text of the layers `above` as it stood when `revision` took effect."""
    row = next((r for r in rows if r.revision == revision), None)
    if row is None:
        return None
    at = max(row.effective_at, row.created_at)
    return merge_slot(above, current_entries(rows, at=at), service_type, section, lang).text


def service_types_in_view(
    chain_codes: Sequence[str], current: Mapping[EntryKey, EntryRow], pathway_order: Sequence[str]
) -> list[str]:
    """The pathway's service types in order, then those only local layers added, by code."""
    region = chain_codes[0] if chain_codes else None
    known = set(pathway_order)
    chain = set(chain_codes)
    # Only text sections count: a service that a local layer gave only referral links
    # (section "links", the map's) is not a text service of this view.
    extra = {
        st
        for (loc, st, sec, _) in current
        if loc != region and loc in chain and st not in known and sec in SECTIONS
    }
    return [*pathway_order, *sorted(extra)]


def merge_pathway(
    chain_codes: Sequence[str],
    current: Mapping[EntryKey, EntryRow],
    pathway_order: Sequence[str],
    lang: str,
    *,
    marks: Mapping[SlotLayerKey, int] | None = None,
    include_hidden: bool = False,
) -> list[MergedService]:
    """Every service of the view with its six sections; wholly hidden services left out."""
    services = []
    for st in service_types_in_view(chain_codes, current, pathway_order):
        sections = tuple(
            (sec, merge_slot(chain_codes, current, st, sec, lang, marks=marks)) for sec in SECTIONS
        )
        service = MergedService(st, sections)
        if service.hidden and not include_hidden:
            continue
        if not include_hidden:
            service = MergedService(st, tuple(s for s in sections if not s[1].hidden))
        services.append(service)
    return services
