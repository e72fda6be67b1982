"""The pure graph: reachability, walk order, cycles and every finding kind."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.maps.graph import Edge, Node, findings, forward_cycles, reachable, walk_order

CODES = ["a", "b", "c", "d", "e", "f"]


def node(code: str, **kw) -> Node:
    kw.setdefault("level", "municipal")
    return Node(code, code.upper(), **kw)


def codes(items, code):
    return [(f.service_type, f.target) for f in items if f.code == code]


def test_reachable_follows_edges_and_never_enters_a_blocked_service():
    edges = [Edge("a", "b"), Edge("b", "c"), Edge("a", "d"), Edge("d", "e")]
    assert reachable(["a"], edges, set()) == {"a", "b", "c", "d", "e"}
    assert reachable(["a"], edges, {"d"}) == {"a", "b", "c"}
    assert reachable(["d"], edges, {"d"}) == set()
    assert reachable([], edges, set()) == set()


def test_walk_order_is_breadth_first_with_depth_and_skips_hand_backs():
    edges = [Edge("a", "b"), Edge("a", "c"), Edge("b", "d"), Edge("d", "a", back=True)]
    assert walk_order("a", edges, set()) == [("a", 0), ("b", 1), ("c", 1), ("d", 2)]
    assert walk_order("a", edges, {"b"}) == [("a", 0), ("c", 1)]


def test_forward_cycles_ignore_hand_backs():
    order = ["a", "b", "c", "d"]
    assert forward_cycles(order, [Edge("a", "b"), Edge("b", "c"), Edge("c", "a")]) == [
        ("a", "b", "c")
    ]
    assert forward_cycles(order, [Edge("a", "b"), Edge("b", "a", back=True)]) == []
    two = forward_cycles(order, [Edge("a", "b"), Edge("b", "a"), Edge("c", "d"), Edge("d", "c")])
    assert two == [("a", "b"), ("c", "d")]


edge_lists = st.lists(
    st.tuples(st.sampled_from(CODES), st.sampled_from(CODES), st.booleans()), max_size=20
)


@given(edge_lists, st.sets(st.sampled_from(CODES)), st.sets(st.sampled_from(CODES)))
def test_reachability_properties(raw, starts, blocked):
    edges = [Edge(s, t, back=b) for s, t, b in raw if s != t]
    seen = reachable(starts, edges, blocked)
    # Starts that are not blocked are reached, nothing blocked is, and the set is closed.
    assert starts - blocked <= seen
    assert not seen & blocked
    for e in edges:
        if e.source in seen and e.target not in blocked:
            assert e.target in seen
    # More starts never reach less; the order of the edges does not matter.
    assert seen <= reachable(starts | {"a"}, edges, blocked)
    assert seen == reachable(starts, list(reversed(edges)), blocked)


@given(edge_lists)
def test_every_cycle_member_reaches_every_other_by_forward_links(raw):
    edges = [Edge(s, t, back=b) for s, t, b in raw if s != t]
    forward = [e for e in edges if not e.back]
    groups = forward_cycles(CODES, edges)
    members = [m for g in groups for m in g]
    assert len(members) == len(set(members))
    for g in groups:
        for m in g:
            assert set(g) <= reachable([m], forward, set())
    # A service outside every group is not on any forward cycle.
    for c in set(CODES) - set(members):
        onward = reachable(
            [t for e in forward if e.source == c for t in [e.target]], forward, set()
        )
        assert c not in onward


def test_link_to_a_hidden_service_is_a_problem_and_the_hidden_node_does_not_pass_on():
    nodes = [node("a", entry_point=True), node("b", hidden=True), node("c")]
    edges = [Edge("a", "b"), Edge("b", "c")]
    out = findings(nodes, edges)
    hidden = [f for f in out if f.code == "link_to_hidden_service"]
    assert [(f.service_type, f.target, f.severity) for f in hidden] == [("a", "b", "problem")]
    assert hidden[0].message[0] and hidden[0].why[1]
    assert codes(out, "unreachable_service") == [("c", None)]
    assert codes(out, "municipal_dead_end") == [("a", None), ("c", None)]
    assert out[0].code == "link_to_hidden_service"  # most serious first


def test_link_to_a_service_without_unit_only_when_units_are_expected():
    nodes = [
        node("a", entry_point=True),
        node("b", level="specialist", units_expected=True),
        node("c", units_expected=True),
        node("d", level="specialist"),
        node("e", level="specialist", units_expected=True, unit_count=1),
    ]
    edges = [Edge("a", t) for t in "bcde"]
    out = [f for f in findings(nodes, edges) if f.code == "link_to_service_without_unit"]
    assert [(f.target, f.severity) for f in out] == [("b", "warning"), ("c", "info")]


def test_no_entry_point_replaces_unreachable():
    out = findings([node("a"), node("b")], [Edge("a", "b")])
    assert [f.code for f in out if f.severity == "problem"] == ["no_entry_point"]
    assert codes(out, "unreachable_service") == []


def test_dead_end_only_for_visible_municipal_services():
    nodes = [
        node("a", entry_point=True),
        node("b", level="specialist"),
        node("c", level="other"),
    ]
    out = findings(nodes, [Edge("a", "b"), Edge("a", "c")])
    assert codes(out, "municipal_dead_end") == []
    out = findings(nodes, [Edge("a", "c"), Edge("b", "a")])
    assert codes(out, "municipal_dead_end") == []
    assert codes(out, "unreachable_service") == [("b", None)]


def test_missing_text_and_stale_override():
    nodes = [
        node("a", entry_point=True, missing_sections=("role", "measures")),
        node("b", missing_sections=("evaluation",), stale_sections=("role", "links")),
        node("c", hidden=True),
    ]
    out = findings(nodes, [Edge("a", "b"), Edge("b", "a", back=True)])
    missing = [f for f in out if f.code == "missing_text"]
    assert [(f.service_type, f.severity, f.sections) for f in missing] == [
        ("a", "warning", ("role", "measures")),
        ("b", "info", ("evaluation",)),
    ]
    nb, nn, en = missing[0].as_json()["message"].values()
    assert nb == "A mangler tekst: Rolle, Tiltak." and nn == "A manglar tekst: Rolle, Tiltak."
    assert en == "A has no text for: Role, Measures."
    stale = [f for f in out if f.code == "stale_override"]
    assert [(f.service_type, f.sections) for f in stale] == [("b", ("role", "links"))]
    assert "Tilvisingslenker" in stale[0].as_json()["message"]["nn"]
    assert codes(out, "cycle") == []


def test_cycle_is_a_warning_naming_the_circle():
    nodes = [node("a", entry_point=True), node("b"), node("c")]
    out = findings(nodes, [Edge("a", "b"), Edge("b", "c"), Edge("c", "a")])
    cycle = [f for f in out if f.code == "cycle"]
    assert len(cycle) == 1 and cycle[0].severity == "warning"
    assert "A → B → C → A" in cycle[0].message[0]
    as_json = cycle[0].as_json()
    assert set(as_json) >= {"code", "severity", "service_type", "target", "message", "why"}
    assert set(as_json["message"]) == set(as_json["why"]) == {"nb", "nn", "en"}
    assert as_json["message"]["nn"] == "Tilvisingane går i ring: A → B → C → A."


NYNORSK_MARKS = ("ikkje", "teneste", "veg ", "kven", "frå", "vidare", "manglar", "tilvis")
BOKMAL_ONLY = ("ikke ", "tjeneste", "hvem", "fra ", "videre", "mangler", "henvis")


@pytest.mark.parametrize("code", ["link_to_hidden_service", "link_to_service_without_unit",
                                  "no_entry_point", "unreachable_service", "municipal_dead_end",
                                  "missing_text", "stale_override", "cycle"])  # fmt: skip
def test_every_finding_reads_in_nynorsk(code):
    nodes = [
        node("a", entry_point=True, missing_sections=("role",), stale_sections=("referral",)),
        node("b", unit_count=0, units_expected=True, level="specialist"),
        node("c", hidden=True),
        node("d"),
    ]
    edges = [Edge("a", "b"), Edge("a", "c"), Edge("b", "a"), Edge("a", "b")]
    out = findings(nodes, edges) + findings([node("x")], [])
    found = [f.as_json() for f in out if f.code == code]
    assert found, code
    for f in found:
        for field in ("message", "why"):
            nn = f[field]["nn"].lower()
            assert nn != f[field]["nb"].lower() or code == "stale_override", (field, nn)
            assert not any(w in nn for w in BOKMAL_ONLY), (field, nn)


def test_a_clean_map_has_no_findings():
    nodes = [node("a", entry_point=True), node("b"), node("c", level="specialist")]
    edges = [Edge("a", "b"), Edge("b", "c"), Edge("c", "b", back=True)]
    assert findings(nodes, edges) == []


def _item(code, slug, *severities):
    return {
        "municipality": {"code": code},
        "pathway": {"slug": slug},
        "findings": [{"severity": s} for s in severities],
    }


def test_overview_pages_by_municipality_then_pathway():
    from app.maps.service import page_overview

    items = [_item("4624", "angst", "info"), _item("1106", "uro"), _item("1106", "angst",
             "problem", "info")]  # fmt: skip
    page, cursor = page_overview(items, severities=None, limit=2, cursor=None)
    assert [(i["municipality"]["code"], i["pathway"]["slug"]) for i in page] == [
        ("1106", "angst"),
        ("1106", "uro"),
    ]
    rest, end = page_overview(items, severities=None, limit=2, cursor=cursor)
    assert [i["municipality"]["code"] for i in rest] == ["4624"] and end is None
    exact, none_left = page_overview(items, severities=None, limit=3, cursor=None)
    assert len(exact) == 3 and none_left is None
    problems, _ = page_overview(items, severities={"problem"}, limit=10, cursor=None)
    assert problems == [_item("1106", "angst", "problem")]
    assert items[2]["findings"] == [{"severity": "problem"}, {"severity": "info"}], "not changed"
