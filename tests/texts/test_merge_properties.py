"""Properties of the merge that must hold for any history of any chain (hypothesis)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.texts.merge import (
    EntryRow,
    current_entries,
    is_stale,
    merge_pathway,
    merge_slot,
    substantive_marks,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)
CHAIN = ["helse-vest", "bergen", "4601"]
END = T0 + timedelta(days=1000)

raw_row = st.tuples(
    st.integers(0, 2),  # layer
    st.sampled_from(["nb", "nn"]),
    st.sampled_from(["replace", "append", "hide", "inherit"]),
    st.sampled_from(["published", "published", "draft"]),
    st.integers(0, 30),  # day written
    st.one_of(st.none(), st.integers(0, 60)),  # valid_from day
    st.sampled_from(["substantive", "editorial"]),
    st.one_of(st.none(), st.integers(0, 40)),  # based_on
)


def build(raws) -> list[EntryRow]:
    """Rows with revision ids rising with the time they were written, like the database."""
    rows = []
    for rev, (layer, lang, mode, status, day, vday, kind, based) in enumerate(
        sorted(raws, key=lambda r: r[4]), start=1
    ):
        rows.append(
            EntryRow(
                revision=rev,
                locality=CHAIN[layer],
                depth=layer,
                service_type="bup",
                section="role",
                lang=lang,
                mode=mode,
                text=None if mode in ("hide", "inherit") else f"{CHAIN[layer]}:{lang}:{rev}",
                status=status,
                valid_from=None if vday is None else T0 + timedelta(days=vday),
                created_at=T0 + timedelta(days=day),
                based_on=based,
                change_kind=kind,
            )
        )
    return rows


histories = st.lists(raw_row, max_size=14).map(build)
moments = st.integers(0, 70).map(lambda d: T0 + timedelta(days=d, hours=12))


def merged(rows, *, lang="nb", at=END, preview=False):
    current = current_entries(rows, at=at, preview=preview)
    return merge_slot(CHAIN, current, "bup", "role", lang, marks=substantive_marks(rows, at=at))


def later(rows, **kw) -> EntryRow:
    """A new revision written after everything in `rows`."""
    rev = max((r.revision for r in rows), default=0) + 1
    data = dict(
        revision=rev,
        locality="4601",
        depth=2,
        service_type="bup",
        section="role",
        lang="nb",
        mode="replace",
        text=f"ny:{rev}",
        status="published",
        valid_from=None,
        created_at=T0 + timedelta(days=100 + rev),
        based_on=None,
    )
    data.update(kw)
    return EntryRow(**data)  # type: ignore[arg-type]


@given(histories, st.integers(0, 2), st.sampled_from(["nb", "nn"]))
def test_a_replace_at_the_nearest_layer_decides(rows, layer, lang):
    rows = [r for r in rows if r.depth <= layer]
    chain_rows = [*rows, later(rows, locality=CHAIN[layer], depth=layer, lang=lang)]
    top = chain_rows[-1]
    current = current_entries(chain_rows, at=END)
    slot = merge_slot(CHAIN[: layer + 1], current, "bup", "role", lang)
    assert slot.text == top.text
    assert [p.revision for p in slot.layers] == [top.revision]
    assert not slot.hidden


@given(histories, st.integers(1, 2), st.sampled_from(["nb", "nn"]), st.sampled_from(["nb", "nn"]))
def test_hide_then_unhide_restores_the_inherited_text(rows, layer, lang, hide_lang):
    rows = [r for r in rows if r.locality != CHAIN[layer]]
    before = merged(rows, lang=lang)
    hide = later(rows, locality=CHAIN[layer], depth=layer, mode="hide", text=None, lang=hide_lang)
    hidden = merged([*rows, hide], lang=lang)
    if layer == 2:
        assert hidden.hidden and hidden.text is None
    unhide = later(
        [*rows, hide], locality=CHAIN[layer], depth=layer, mode="inherit", text=None, lang=hide_lang
    )
    after = merged([*rows, hide, unhide], lang=lang)
    # The text and its provenance come back; an override below may now be flagged stale,
    # since the layer above it changed twice in between.
    assert replace(after, stale=before.stale) == before


@given(histories, st.randoms(use_true_random=False), moments, st.booleans())
def test_order_of_rows_never_matters(rows, rnd, at, preview):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    for lang in ("nb", "nn"):
        assert merged(shuffled, lang=lang, at=at, preview=preview) == merged(
            rows, lang=lang, at=at, preview=preview
        )


@given(histories, moments)
def test_language_falls_back_when_no_layer_has_the_requested_one(rows, at):
    only_nb = [r for r in rows if r.lang == "nb"]
    assert merged(only_nb, lang="nn", at=at) == merged(only_nb, lang="nb", at=at)


@given(histories, moments)
def test_nearer_layer_wins_across_languages(rows, at):
    slot = merged(rows, lang="nn", at=at)
    current = current_entries(rows, at=at)
    layers_with_entry = [code for code in CHAIN if any(k[0] == code for k in current)]
    if layers_with_entry:
        nearest = layers_with_entry[-1]
        assert slot.layers[-1].locality == nearest


@given(histories, moments)
def test_drafts_change_nothing_outside_preview(rows, at):
    published = [r for r in rows if r.status == "published"]
    assert merged(rows, at=at) == merged(published, at=at)


@given(histories, moments, st.booleans())
def test_only_what_exists_at_as_of_counts(rows, at, preview):
    existing = [
        r for r in rows if r.created_at <= at and (r.valid_from is None or r.valid_from <= at)
    ]
    assert merged(rows, at=at, preview=preview) == merged(existing, at=at, preview=preview)


@given(histories, moments)
def test_stale_exactly_when_an_upper_layer_changed_substantively_since(rows, at):
    slot = merged(rows, at=at)
    current = current_entries(rows, at=at)
    by_rev = {r.revision: r for r in current.values()}
    expected = False
    for p in slot.layers:
        entry = by_rev[p.revision]
        above = CHAIN[: CHAIN.index(entry.locality)]
        expected |= any(
            r.locality in above
            and r.status == "published"
            and r.change_kind == "substantive"
            and r.created_at <= at
            and (r.valid_from is None or r.valid_from <= at)
            and r.revision > (entry.based_on or 0)
            for r in rows
        )
    assert slot.stale == expected


@given(histories)
def test_confirming_against_the_newest_inherited_revision_clears_stale(rows):
    newest_above = max((r.revision for r in rows if r.depth < 2), default=None)
    local = later(rows, mode="append", text="lokal", based_on=newest_above)
    assert not is_stale(local, CHAIN, [*rows, local], END)
    change = later([*rows, local], locality="helse-vest", depth=0, text="ny base")
    assert is_stale(local, CHAIN, [*rows, local, change], END)
    typo = replace(change, change_kind="editorial")
    assert not is_stale(local, CHAIN, [*rows, local, typo], END)


def test_a_change_below_an_override_never_makes_it_stale():
    """Bergen appends to the base text; 4601 changes its own entry later: Bergen is not stale."""
    base = later([], revision=1, locality="helse-vest", depth=0, created_at=T0)
    bergen = later([base], revision=2, locality="bergen", depth=1, mode="append", based_on=1,
                   created_at=T0 + timedelta(days=1))  # fmt: skip
    local = later([base, bergen], revision=3, created_at=T0 + timedelta(days=2), based_on=2)
    rows = [base, bergen, local]
    assert not is_stale(bergen, CHAIN, rows, END)
    # …while a change above it does.
    change = later(rows, revision=4, locality="helse-vest", depth=0)
    assert is_stale(bergen, CHAIN, [*rows, change], END)


@given(histories, moments, st.booleans(), st.sampled_from(["nb", "nn"]), st.booleans())
def test_layers_without_rows_change_nothing(rows, at, preview, lang, include_hidden):
    """The ground of shared merges (`held_shapes.layers_with_text`): a chain's layers that
    hold no revision of the pathway can be left out, whatever the others hold. A longer
    chain with empty layers between and below merges like the chain of the layers with
    rows, the owner's first."""
    long_chain = ["helse-vest", "vest", "bergen", "nord", "4601", "4601-skole"]
    holding = {r.locality for r in rows}
    shared = [long_chain[0], *(c for c in long_chain[1:] if c in holding)]
    current = current_entries(rows, at=at, preview=preview)
    marks = substantive_marks(rows, at=at)
    order = ["bup", "helsestasjon"]
    full = merge_pathway(
        long_chain, current, order, lang, marks=marks, include_hidden=include_hidden
    )
    assert full == merge_pathway(
        shared, current, order, lang, marks=marks, include_hidden=include_hidden
    )
    for section in ("role", "referral"):
        assert merge_slot(long_chain, current, "bup", section, lang, marks=marks) == merge_slot(
            shared, current, "bup", section, lang, marks=marks
        )
