"""The pure merge, rule by rule (texts-design.md)."""

from datetime import UTC, datetime, timedelta

from app.texts.merge import (
    EntryRow,
    Provenance,
    current_entries,
    is_stale,
    merge_pathway,
    merge_slot,
    service_types_in_view,
    substantive_marks,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)
NOW = T0 + timedelta(days=100)
CHAIN = ["helse-vest", "bergen", "4601"]
_ids = iter(range(1, 10_000))


def row(
    loc: str = "helse-vest",
    mode: str = "replace",
    text: str | None = "Base",
    *,
    rev: int | None = None,
    st: str = "helsestasjon",
    sec: str = "role",
    lang: str = "nb",
    status: str = "published",
    day: int = 1,
    valid_day: int | None = None,
    based_on: int | None = None,
    kind: str = "substantive",
    nla: bool = False,
) -> EntryRow:
    return EntryRow(
        revision=rev if rev is not None else next(_ids),
        locality=loc,
        depth=CHAIN.index(loc) if loc in CHAIN else 1,
        service_type=st,
        section=sec,
        lang=lang,
        mode=mode,
        text=None if mode == "hide" else text,
        status=status,
        valid_from=None if valid_day is None else T0 + timedelta(days=valid_day),
        created_at=T0 + timedelta(days=day),
        based_on=based_on,
        change_kind=kind,
        needs_local_adaptation=nla,
    )


def merged(rows, *, lang="nb", at=NOW, preview=False, chain=CHAIN, st="helsestasjon", sec="role"):
    current = current_entries(rows, at=at, preview=preview)
    return merge_slot(chain, current, st, sec, lang, marks=substantive_marks(rows, at=at))


def test_nothing_anywhere_is_an_empty_slot():
    slot = merged([])
    assert slot.text is None and not slot.hidden and slot.layers == () and slot.origin is None


def test_region_replace_is_regional():
    base = row()
    slot = merged([base])
    assert slot.text == "Base"
    assert slot.origin == "regional"
    assert slot.layers == (Provenance("helse-vest", "replace", base.revision, "nb"),)
    assert slot.lang == "nb"


def test_local_replace_wins_and_is_local():
    base, local = row(), row("4601", text="Lokal", based_on=None)
    slot = merged([base, local])
    assert slot.text == "Lokal"
    assert slot.origin == "local"
    assert [p.locality for p in slot.layers] == ["4601"]


def test_append_joins_inherited_and_own_text_mixed():
    base = row()
    mid = row("bergen", "append", "Bergen-tillegg", based_on=base.revision)
    local = row("4601", "append", "Ring 55 00 00 00", based_on=base.revision)
    slot = merged([base, mid, local])
    assert slot.text == "Base\n\nBergen-tillegg\n\nRing 55 00 00 00"
    assert slot.origin == "mixed"
    assert [(p.locality, p.mode) for p in slot.layers] == [
        ("helse-vest", "replace"),
        ("bergen", "append"),
        ("4601", "append"),
    ]


def test_append_with_nothing_inherited_is_just_own_text():
    slot = merged([row("4601", "append", "Bare lokal")])
    assert slot.text == "Bare lokal"
    assert slot.origin == "local"


def test_hide_hides_and_lower_replace_or_append_unhides():
    base = row()
    hide = row("bergen", "hide")
    assert merged([base, hide]).hidden
    assert merged([base, hide]).text is None
    assert merged([base, hide]).layers == (Provenance("bergen", "hide", hide.revision, "nb"),)
    appended = merged([base, hide, row("4601", "append", "Likevel her")])
    assert not appended.hidden and appended.text == "Likevel her"
    assert [p.locality for p in appended.layers] == ["bergen", "4601"]
    replaced = merged([base, hide, row("4601", "replace", "Her")])
    assert not replaced.hidden and replaced.text == "Her"


def test_hide_at_region_is_hidden_regional():
    slot = merged([row(mode="hide")])
    assert slot.hidden and slot.origin == "regional"


def test_layers_outside_the_chain_do_not_count():
    slot = merged([row(), row("4624", text="Bjørnafjorden")])
    assert slot.text == "Base"


def test_latest_revision_of_a_layer_is_current():
    old, new = row(text="Gammel", day=1), row(text="Ny", day=2)
    assert merged([new, old]).text == "Ny"


def test_same_time_the_higher_revision_wins():
    a, b = row(text="A", rev=500, day=3), row(text="B", rev=501, day=3)
    assert merged([b, a]).text == "B"


def test_tombstone_inherits_again_and_history_is_kept():
    base = row()
    local = row("4601", text="Lokal", day=2)
    tomb = row("4601", "inherit", None, day=3)
    assert merged([base, local, tomb]).text == "Base"
    # Before the tombstone, the override was current.
    assert merged([base, local, tomb], at=T0 + timedelta(days=2, hours=1)).text == "Lokal"


def test_language_fallback_within_a_layer():
    slot = merged([row(lang="nb", text="Bokmål")], lang="nn")
    assert slot.text == "Bokmål" and slot.lang == "nb"


def test_requested_language_preferred_within_a_layer():
    rows = [row(lang="nb", text="Bokmål"), row(lang="nn", text="Nynorsk")]
    assert merged(rows, lang="nn").text == "Nynorsk"
    assert merged(rows, lang="nb").text == "Bokmål"


def test_nearer_layer_wins_even_in_fallback_language():
    rows = [row(lang="nn", text="Regional nynorsk"), row("4601", lang="nb", text="Lokal bokmål")]
    slot = merged(rows, lang="nn")
    assert slot.text == "Lokal bokmål"
    assert slot.lang == "nb"


def test_section_lang_is_nearest_contributing_entry():
    rows = [row(lang="nn", text="Base nn"), row("4601", "append", "Tillegg", lang="nb")]
    slot = merged(rows, lang="nn")
    assert slot.text == "Base nn\n\nTillegg"
    assert slot.lang == "nb"
    assert [p.lang for p in slot.layers] == ["nn", "nb"]


def test_drafts_only_in_preview():
    base = row()
    draft = row("4601", text="Utkast", status="draft", day=2)
    assert merged([base, draft]).text == "Base"
    assert merged([base, draft], preview=True).text == "Utkast"


def test_draft_newer_than_published_in_same_layer_only_in_preview():
    pub = row(text="Publisert", day=1)
    draft = row(text="Utkast", status="draft", day=2)
    assert merged([pub, draft]).text == "Publisert"
    assert merged([pub, draft], preview=True).text == "Utkast"


def test_scheduled_revision_takes_over_on_its_date():
    base = row(text="Nå", day=1)
    scheduled = row(text="Fra 1. mai", day=2, valid_day=50)
    later_edit = row(text="Retting", day=10)
    rows = [base, scheduled, later_edit]
    assert merged(rows, at=T0 + timedelta(days=20)).text == "Retting"
    assert merged(rows, at=T0 + timedelta(days=60)).text == "Fra 1. mai"


def test_as_of_sees_the_past():
    rows = [row(text="Først", day=1), row(text="Så", day=5)]
    assert merged(rows, at=T0 + timedelta(days=3)).text == "Først"
    assert merged(rows, at=T0 + timedelta(hours=1)).empty


def test_stale_when_inherited_changes_substantively():
    base = row(text="v1", day=1)
    local = row("4601", text="Lokal", day=2, based_on=base.revision)
    assert not merged([base, local]).stale
    typo = row(text="v1.", day=3, kind="editorial")
    assert not merged([base, local, typo]).stale
    real = row(text="v2", day=4)
    assert merged([base, local, typo, real]).stale
    # A change below (or beside) the override never makes it stale.
    other = row("4624", text="Nabo", day=5)
    assert not merged([base, local, other]).stale


def test_stale_counts_any_language_and_none_as_zero():
    local = row("4601", text="Lokal", day=2, based_on=None)
    assert merged([row(lang="nn", text="nn", day=1), local]).stale
    assert is_stale(local, CHAIN, [row(lang="nn", day=1)], NOW)
    assert not is_stale(local, CHAIN, [], NOW)


def test_stale_ignores_drafts_and_future_revisions():
    base = row(text="v1", day=1)
    local = row("4601", text="Lokal", day=2, based_on=base.revision)
    draft = row(text="v2 utkast", day=3, status="draft")
    future = row(text="v3", day=3, valid_day=500)
    assert not merged([base, local, draft, future], preview=True).stale
    assert merged([base, local, future], at=T0 + timedelta(days=600)).stale


def test_region_entry_is_never_stale():
    base = row(text="v1", day=1, based_on=None)
    assert not is_stale(base, CHAIN, [base, row(text="v2", day=2)], NOW)


def test_confirm_clears_stale():
    base = row(text="v1", day=1)
    local = row("4601", text="Lokal", day=2, based_on=base.revision)
    v2 = row(text="v2", day=3)
    confirm = row("4601", text="Lokal", day=4, based_on=v2.revision, kind="editorial")
    assert merged([base, local, v2]).stale
    assert not merged([base, local, v2, confirm]).stale


def test_needs_local_adaptation_comes_from_the_base_entry():
    assert merged([row(nla=True)]).needs_local_adaptation
    assert not merged([row()]).needs_local_adaptation


def test_local_only_service_types_come_after_pathway_order_by_code():
    rows = [
        row(st="helsestasjon"),
        row("4601", st="ppt", text="PPT"),
        row("bergen", st="barnevern", text="Barnevern"),
        row("helse-vest", st="regional-ekstra", text="x"),
        row("4624", st="naboens", text="y"),
    ]
    current = current_entries(rows, at=NOW)
    assert service_types_in_view(CHAIN, current, ["helsestasjon", "fastlege"]) == [
        "helsestasjon",
        "fastlege",
        "barnevern",
        "ppt",
    ]


def test_merge_pathway_leaves_out_hidden_services_and_sections():
    rows = [row(st="helsestasjon", sec=s) for s in ("role", "assessment")]
    rows += [row(st="fastlege", sec="role"), row("4601", "hide", st="fastlege", sec="role")]
    rows += [row("4601", "hide", st="helsestasjon", sec="assessment")]
    current = current_entries(rows, at=NOW)
    view = merge_pathway(CHAIN, current, ["helsestasjon", "fastlege"], "nb")
    # fastlege: the only section with text is hidden, so the service is left out.
    assert [s.service_type for s in view] == ["helsestasjon"]
    helse = dict(view[0].sections)
    assert "assessment" not in helse and helse["role"].text == "Base"
    assert "measures" in helse and helse["measures"].empty
    full = merge_pathway(CHAIN, current, ["helsestasjon", "fastlege"], "nb", include_hidden=True)
    assert dict(full[0].sections)["assessment"].hidden
    assert len(full[0].sections) == 6
    assert [s.service_type for s in full] == ["helsestasjon", "fastlege"]
    assert full[1].hidden


def test_service_with_every_section_hidden_is_left_out():
    sections = ("role", "assessment", "measures", "evaluation", "collaboration", "referral")
    rows = [row("bergen", "hide", st="bup", sec=s) for s in sections]
    current = current_entries(rows, at=NOW)
    assert [s.service_type for s in merge_pathway(CHAIN, current, ["bup"], "nb")] == []
    with_hidden = merge_pathway(CHAIN, current, ["bup"], "nb", include_hidden=True)
    assert with_hidden[0].hidden
