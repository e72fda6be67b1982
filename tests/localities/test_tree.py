"""The pure tree walks, on a small tree by code and the same tree by id."""

import pytest

from app.localities import tree

# vestland ─┬─ bergen-hf ─┬─ bergen
#           │             └─ askoy
#           └─ fonna ──── stord
BY_CODE: dict[str, str | None] = {
    "vestland": None,
    "bergen-hf": "vestland",
    "fonna": "vestland",
    "bergen": "bergen-hf",
    "askoy": "bergen-hf",
    "stord": "fonna",
}
BY_ID: dict[int, int | None] = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ("vestland", ["vestland"]),
        ("bergen-hf", ["vestland", "bergen-hf"]),
        ("askoy", ["vestland", "bergen-hf", "askoy"]),
        ("stord", ["vestland", "fonna", "stord"]),
        ("unknown", ["unknown"]),  # not in the mapping: a root of its own
    ],
)
def test_chain_runs_from_the_region_down(node: str, expected: list[str]) -> None:
    assert tree.chain(BY_CODE, node) == expected


def test_chain_by_id() -> None:
    assert tree.chain(BY_ID, 5) == [1, 2, 5]


def test_chain_stops_at_a_cycle() -> None:
    assert tree.chain({"a": "b", "b": "a"}, "a") == ["b", "a"]


def test_ancestors_leave_the_node_out() -> None:
    assert tree.ancestors(BY_CODE, "askoy") == ["vestland", "bergen-hf"]
    assert tree.ancestors(BY_CODE, "vestland") == []


def test_children_are_sorted_and_regions_hang_under_none() -> None:
    children = tree.children_of(BY_CODE)
    assert children[None] == ["vestland"]
    assert children["vestland"] == ["bergen-hf", "fonna"]
    assert children["bergen-hf"] == ["askoy", "bergen"]
    assert "stord" not in children


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ("vestland", ["vestland", "bergen-hf", "fonna", "askoy", "bergen", "stord"]),
        ("bergen-hf", ["bergen-hf", "askoy", "bergen"]),
        ("stord", ["stord"]),
        ("unknown", ["unknown"]),
    ],
)
def test_subtree_lists_parents_before_children(root: str, expected: list[str]) -> None:
    assert tree.subtree(BY_CODE, root) == expected


def test_subtree_by_id() -> None:
    assert tree.subtree(BY_ID, 2) == [2, 4, 5]
    assert set(tree.subtree(BY_ID, 1)) == set(BY_ID)


@pytest.mark.parametrize(
    ("node", "roots", "expected"),
    [
        ("bergen", ["bergen-hf"], True),
        ("bergen", ["bergen"], True),
        ("bergen", ["vestland"], True),
        ("bergen", ["fonna"], False),
        ("bergen-hf", ["bergen"], False),  # above the root is not within it
        ("stord", ["bergen-hf", "fonna"], True),
        ("stord", [], False),
        (None, [], True),  # a region-wide change reaches everyone
        (None, ["bergen"], True),
    ],
)
def test_within(node: str | None, roots: list[str], expected: bool) -> None:
    assert tree.within(BY_CODE, node, roots) is expected
