"""Which slots a write moves and which a read depends on: every pair of scopes."""

import itertools

import pytest

from app.texts import freshness as f

CHAIN_A = ["helse-vest", "bergen", "4601"]
CHAIN_B = ["helse-vest", "bergen", "4624"]
CHAIN_C = ["helse-vest", "fonna", "1106"]


def stale(write: frozenset[int], read: tuple[int, ...]) -> bool:
    return bool(write & set(read))


@pytest.mark.parametrize("entity", ["case", "event", "proposal", "review"])
def test_writes_outside_content_move_only_any(entity):
    assert f.written(entity, "4601", "angst") == {f.ANY}
    assert not stale(f.written(entity, "4601", "angst"), f.of_pathway(CHAIN_A, "angst"))
    assert not stale(f.written(entity, None, None), f.of_locality(CHAIN_A))


@pytest.mark.parametrize("entity", ["locality", "service_type", "pathway"])
def test_tree_catalogue_and_pathway_writes_reach_every_read(entity):
    moved = f.written(entity, "4601", "angst")
    for chain, slug in itertools.product([CHAIN_A, CHAIN_B, CHAIN_C], ["angst", "søvn"]):
        assert stale(moved, f.of_pathway(chain, slug))
        assert stale(moved, f.of_locality(chain))


def test_a_text_without_a_locality_reaches_everyone():
    assert f.GLOBAL in f.written("text", None, "angst")


@pytest.mark.parametrize("layer", CHAIN_A)
def test_a_text_reaches_the_views_of_its_pathway_below_its_layer(layer):
    moved = f.written("text", layer, "angst")
    for chain in (CHAIN_A, CHAIN_B, CHAIN_C):
        below = layer in chain
        assert stale(moved, f.of_pathway(chain, "angst")) is below
        assert stale(moved, f.of_locality(chain)) is below
        # Another pathway's view at the same place stays (unless two scopes share a slot).
        assert not stale(moved, f.of_pathway(chain, "sovn"))


def test_a_text_leaves_which_layers_hold_text_to_the_snapshot_rebuild():
    # Only a layer's first text (or the loss of its last) moves it: `snapshots.rebuild`.
    assert f.text_layers(7) not in f.written("text", "4601", "angst")
    assert f.text_layers(7) in f.with_text(7) and f.GLOBAL in f.with_text(7)
    assert f.text_layers(7) != f.text_layers(8)


def test_a_unit_reaches_every_pathway_in_its_locality_only():
    moved = f.written("service_unit", "4601", None)
    assert stale(moved, f.of_pathway(CHAIN_A, "angst"))
    assert stale(moved, f.of_pathway(CHAIN_A, "sovn"))
    assert stale(moved, f.of_locality(CHAIN_A))
    assert not stale(moved, f.of_pathway(CHAIN_B, "angst"))
    assert not stale(moved, f.of_locality(CHAIN_C))


def test_every_write_moves_any():
    for entity in ["text", "service_unit", "locality", "case"]:
        assert f.ANY in f.written(entity, "4601", "angst")


def test_slots_are_stable_and_in_range():
    assert f.slot("angst@4601") == f.slot("angst@4601")
    assert all(2 <= f.slot(f"p{i}@{i}") < f.SLOTS for i in range(2000))


def test_payload_round_trip_and_overflow():
    slots = {f.ANY, f.GLOBAL, f.slot("angst@4601")}
    assert f.parse_payload(f.payload(slots)) == slots
    assert f.payload(range(5000)) == "*"
    assert f.parse_payload("*") is None
    assert f.parse_payload("") is None
    assert f.parse_payload("1,x") is None
    assert f.parse_payload(str(f.SLOTS)) is None
