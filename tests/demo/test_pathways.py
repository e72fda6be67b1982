"""The shape of every demo pathway module, ours and the other helper's."""

import importlib

import pytest

from app.demo.catalog import SERVICE_TYPE_CODES, SERVICE_TYPES
from app.demo.overrides import OVERRIDES, SCHEDULED
from app.demo.pathways import SECTIONS, check_pathway, load_pathways, module_names


@pytest.mark.parametrize("name", module_names())
def test_module_is_well_formed(name):
    data = importlib.import_module(f"app.demo.pathways.{name}").PATHWAY
    assert check_pathway(data) == []
    assert 5 <= len(data["service_types"]) <= 9
    assert set(data["service_types"]) <= SERVICE_TYPE_CODES
    for lang, by_type in data["texts"].items():
        for code in data["service_types"]:
            assert set(by_type[code]) == set(SECTIONS), (lang, code)
            assert all(text.strip() for text in by_type[code].values()), (lang, code)


def test_slugs_are_unique_and_valid():
    slugs = [p["slug"] for p in load_pathways()]
    assert len(slugs) == len(set(slugs))
    assert all(s.replace("-", "").isalnum() and s == s.lower() for s in slugs)


def test_texts_are_not_one_template_with_names_swapped():
    for data in load_pathways():
        texts = [t for by_type in data["texts"]["nb"].values() for t in by_type.values()]
        assert len(set(texts)) == len(texts), data["slug"]


def test_check_pathway_names_what_is_wrong():
    good = load_pathways()[0]
    bad = {**good, "service_types": [*good["service_types"], "tannlege"]}
    assert any("tannlege" in e for e in check_pathway(bad))
    first = good["service_types"][0]
    texts = {"nb": {**good["texts"]["nb"], first: {**good["texts"]["nb"][first], "role": " "}}}
    assert any(f"nb.{first}.role" in e for e in check_pathway({**good, "texts": texts}))
    missing = {"nb": {**good["texts"]["nb"], first: {"role": "x"}}}
    assert check_pathway({**good, "texts": missing})


def test_catalogue_codes_are_the_sixteen_of_the_format():
    assert len(SERVICE_TYPES) == 16
    assert {s.level for s in SERVICE_TYPES} == {"municipal", "specialist", "state", "other"}


def test_overrides_target_slots_of_our_pathways():
    by_slug = {p["slug"]: p for p in load_pathways()}
    for spec in (*OVERRIDES, *SCHEDULED):
        assert spec.service_type in by_slug[spec.pathway]["service_types"], spec
        assert spec.section in SECTIONS
    for spec in OVERRIDES:
        assert (spec.text is None) == (spec.mode == "hide"), spec
