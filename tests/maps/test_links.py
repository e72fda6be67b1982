"""The pure links merge: canonical documents, replace, append, hide over a chain."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.maps.links import Link, LinksDoc, canonical, merge_links, parse
from app.texts.merge import EntryRow, current_entries

T0 = datetime(2026, 1, 1, tzinfo=UTC)
CHAIN = ["helse-vest", "bergen", "4601"]
_rev = iter(range(1, 10_000))


def row(loc: str, mode: str, doc: LinksDoc | None, *, st_: str = "helsestasjon", **kw) -> EntryRow:
    return EntryRow(
        revision=kw.pop("revision", next(_rev)),
        locality=loc,
        depth=CHAIN.index(loc),
        service_type=st_,
        section="links",
        lang="nb",
        mode=mode,
        text=canonical(doc) if doc is not None else None,
        status="published",
        valid_from=None,
        created_at=T0,
        **kw,
    )


def doc(*targets: str, entry: bool = False) -> LinksDoc:
    return LinksDoc(tuple(Link(t, f"til {t}") for t in targets), entry)


def merged(rows, chain=CHAIN):
    return merge_links(chain, current_entries(rows, at=T0), "helsestasjon")


def targets(m) -> list[str]:
    return [x.service_type for x in m.refers_to]


def test_canonical_round_trips_and_is_stable():
    d = LinksDoc((Link("bup", "ved alvorlig angst"), Link("fastlege", "", back=True)), True)
    text = canonical(d)
    assert parse(text) == d
    assert text == (
        '{"entry_point":true,"refers_to":[{"label":"ved alvorlig angst","service_type":"bup"},'
        '{"back":true,"label":"","service_type":"fastlege"}]}'
    )
    assert (
        parse("not json") == LinksDoc() and parse(None) == LinksDoc() and parse("[1]") == LinksDoc()
    )


def test_region_replace_then_local_append_unions_in_order_with_provenance():
    rows = [
        row("helse-vest", "replace", doc("fastlege", entry=True)),
        row("4601", "append", doc("bup", "fastlege")),
    ]
    m = merged(rows)
    assert targets(m) == ["fastlege", "bup"]
    assert [x.locality for x in m.refers_to] == ["helse-vest", "4601"]
    assert m.entry_point is True and m.origin == "mixed" and not m.hidden


def test_append_may_turn_on_the_entry_point_but_not_off():
    rows = [
        row("helse-vest", "replace", doc("fastlege")),
        row("4601", "append", doc("bup", entry=True)),
    ]
    assert merged(rows).entry_point is True
    rows = [
        row("helse-vest", "replace", doc("fastlege", entry=True)),
        row("4601", "append", doc("bup")),
    ]
    assert merged(rows).entry_point is True


def test_local_replace_removes_an_inherited_link():
    rows = [
        row("helse-vest", "replace", doc("fastlege", "bup", entry=True)),
        row("4601", "replace", doc("bup")),
    ]
    m = merged(rows)
    assert targets(m) == ["bup"] and m.entry_point is False and m.origin == "local"


def test_hide_leaves_no_links_and_a_lower_append_starts_afresh():
    rows = [row("helse-vest", "replace", doc("fastlege", entry=True)), row("bergen", "hide", None)]
    m = merged(rows)
    assert m.hidden and targets(m) == [] and m.entry_point is False
    rows.append(row("4601", "append", doc("bup")))
    m = merged(rows)
    assert not m.hidden and targets(m) == ["bup"]


def test_a_deleted_entry_inherits_again():
    rows = [
        row("helse-vest", "replace", doc("fastlege"), revision=1),
        row("4601", "replace", doc("bup"), revision=2),
        row("4601", "inherit", None, revision=3),
    ]
    assert targets(merged(rows)) == ["fastlege"]


def test_links_to_the_service_itself_are_ignored():
    rows = [row("helse-vest", "replace", doc("helsestasjon", "bup"))]
    assert targets(merged(rows)) == ["bup"]


def test_no_entries_means_empty():
    m = merged([])
    assert m.empty and targets(m) == [] and m.origin is None


def test_stale_when_the_region_changes_after_the_local_entry():
    rows = [
        row("helse-vest", "replace", doc("fastlege"), revision=1),
        row("4601", "append", doc("bup"), revision=2, based_on=1),
        row("helse-vest", "replace", doc("fastlege", "bup"), revision=3),
    ]
    from app.texts.merge import substantive_marks

    m = merge_links(
        CHAIN, current_entries(rows, at=T0), "helsestasjon", marks=substantive_marks(rows, at=T0)
    )
    assert m.stale and targets(m) == ["fastlege", "bup"]


layer_docs = st.lists(
    st.tuples(
        st.sampled_from(CHAIN),
        st.sampled_from(["replace", "append", "hide"]),
        st.lists(st.sampled_from(["fastlege", "bup", "ppt", "skole"]), max_size=3, unique=True),
        st.booleans(),
    ),
    max_size=6,
)


@given(layer_docs)
def test_the_result_does_not_depend_on_the_order_rows_arrive_in(spec):
    rows = [
        row(loc, mode, None if mode == "hide" else doc(*ts, entry=e), revision=i + 1)
        for i, (loc, mode, ts, e) in enumerate(spec)
    ]
    assert merged(rows) == merged(list(reversed(rows)))


@given(layer_docs, st.lists(st.sampled_from(["fastlege", "bup", "ppt"]), unique=True))
def test_a_replace_at_the_nearest_layer_decides(spec, final):
    rows = [
        row(loc, mode, None if mode == "hide" else doc(*ts, entry=e), revision=i + 1)
        for i, (loc, mode, ts, e) in enumerate(spec)
    ]
    rows.append(row("4601", "replace", doc(*final), revision=999))
    m = merged(rows)
    assert targets(m) == final and all(x.locality == "4601" for x in m.refers_to)
