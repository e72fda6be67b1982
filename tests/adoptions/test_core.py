"""The pure core of adoption: which layers a pathway has for a locality, and who may adopt."""

from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from app.adoptions.core import adoption_refusal, layer_ids_for, layers_by_pathway, layers_for


class Loc(NamedTuple):
    id: int
    code: str


VEST, BERGEN, M4601 = Loc(1, "helse-vest"), Loc(2, "bergen"), Loc(3, "4601")
NORD, FJORD, M9901 = Loc(10, "helse-nordvik"), Loc(11, "fjordbyen"), Loc(12, "9901")
AUST, M9801 = Loc(20, "helse-austdal"), Loc(21, "9801")


def codes(layers):
    return None if layers is None else [loc.code for loc in layers]


def test_inside_the_owners_subtree_the_chain_starts_at_the_owner():
    assert codes(layers_for([VEST, BERGEN, M4601], VEST, set())) == ["helse-vest", "bergen", "4601"]
    # A community's own pathway: the region above it takes no part.
    assert codes(layers_for([VEST, BERGEN, M4601], BERGEN, set())) == ["bergen", "4601"]
    assert layers_for([VEST], BERGEN, set()) is None


def test_layers_by_pathway_keeps_only_the_pathways_in_use():
    chain = [NORD, FJORD, M9901]
    owners = {100: VEST, 101: NORD, 102: AUST, 103: VEST}
    adopted = {100: {NORD.id}, 102: {FJORD.id}}
    found = {p: codes(layers) for p, layers in layers_by_pathway(chain, owners, adopted).items()}
    assert found == {
        100: ["helse-vest", "helse-nordvik", "fjordbyen", "9901"],  # adopted by the region
        101: ["helse-nordvik", "fjordbyen", "9901"],  # its own region's
        102: ["helse-austdal", "fjordbyen", "9901"],  # adopted by the community
    }  # 103: another region's, not adopted here
    assert list(layers_by_pathway(chain, owners, adopted, [101, 103, 999])) == [101]


def test_under_an_adopter_the_owners_base_comes_first():
    chain = [NORD, FJORD, M9901]
    assert codes(layers_for(chain, VEST, {NORD.id})) == [
        "helse-vest", "helse-nordvik", "fjordbyen", "9901"
    ]  # fmt: skip
    assert codes(layers_for(chain, VEST, {FJORD.id})) == ["helse-vest", "fjordbyen", "9901"]
    # The highest adopter wins (a region's adoption covers its community's too).
    assert codes(layers_for(chain, VEST, {FJORD.id, NORD.id}))[:2] == [
        "helse-vest",
        "helse-nordvik",
    ]
    assert layers_for(chain, VEST, {AUST.id}) is None
    assert layers_for([AUST, M9801], VEST, {NORD.id}) is None


def test_who_may_adopt():
    assert adoption_refusal([1], 1, set()) == "own"
    assert adoption_refusal([1, 2], 1, set()) == "inside-owner"
    assert adoption_refusal([10], 1, {10}) == "twice"
    assert adoption_refusal([10, 11], 1, {10}) == "covered"
    assert adoption_refusal([10], 1, set()) is None
    assert adoption_refusal([10, 11], 1, set()) is None


chains = st.lists(st.integers(1, 30), min_size=1, max_size=5, unique=True)


@settings(derandomize=True, max_examples=300)
@given(chain=chains, owner=st.integers(1, 30), adopters=st.sets(st.integers(1, 30), max_size=4))
def test_layers_end_at_the_locality_and_start_at_the_owner(chain, owner, adopters):
    layers = layer_ids_for(chain, owner, adopters)
    if layers is None:
        assert owner not in chain and not adopters & set(chain)
        return
    assert layers[0] == owner
    assert layers[-1] == chain[-1] or layers == [owner]
    # Below the base, the layers are the locality's own chain, in order, without gaps.
    below = layers[1:]
    assert below == chain[len(chain) - len(below) :]
    assert owner not in below


PARENTS = {
    "helse-vest": None, "bergen": "helse-vest", "4601": "bergen",
    "helse-nordvik": None, "fjordbyen": "helse-nordvik", "9901": "fjordbyen",
    "helse-austdal": None, "9801": "helse-austdal",
}  # fmt: skip
ADOPTERS = {("helse-vest", "angst"): ["helse-nordvik"]}


def test_an_owners_change_reaches_the_adopters_subtrees_and_no_one_else():
    from app.changes.meaning import views_changed
    from app.webhooks.core import matches

    def hears(locality, pathway="angst", adopters=ADOPTERS):
        return matches(
            kinds=["*"], locality=locality, pathways=[], event_kind="text.upsert",
            event_locality="helse-vest", event_pathway=pathway, parents=PARENTS,
            adopters=adopters,
        )  # fmt: skip

    assert hears("9901") and hears("helse-nordvik") and hears("4601")
    assert not hears("9801")
    assert not hears("9901", pathway="tristhet")
    assert not hears("9901", adopters={})
    views = views_changed("text", "upsert", "helse-vest", "angst", PARENTS, ["helse-nordvik"])
    assert {v.locality for v in views} == {
        "helse-vest", "bergen", "4601", "helse-nordvik", "fjordbyen", "9901"
    }  # fmt: skip
