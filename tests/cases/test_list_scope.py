"""Listing cases shows drafts only to keys that cover their owner (security audit: dropping
the scope check in `cases.service.list_cases` went unnoticed)."""

import pytest

CASE = {
    "title": "Emma", "age": 9, "pathway": "angst", "entry_point": "helsestasjon",
    "story": "Emma har mye fravær.", "concerns": ["fravær"], "questions": [],
}  # fmt: skip


@pytest.fixture
def cases(client, world, auth) -> dict[str, int]:
    admin = auth("admin")
    made = {}
    for owner, status in (("4601", "draft"), ("1106", "draft"), ("fonna", "draft"),
                          ("1106", "published")):  # fmt: skip
        r = client.post(
            f"/v1/localities/{owner}/cases",
            json={**CASE, "title": f"{owner} {status}", "status": status},
            headers=admin,
        )
        assert r.status_code == 201, r.text
        made[f"{owner} {status}"] = r.json()["id"]
    return made


def _titles(client, headers, **params) -> set[str]:
    r = client.get("/v1/cases", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return {c["title"] for c in r.json()["items"]}


@pytest.mark.parametrize("role", ["reader", "contributor", "editor"])
def test_a_scoped_key_lists_its_own_drafts_and_published_cases_only(client, auth, cases, role):
    key = auth(role, "4601")
    assert _titles(client, key) == {"4601 draft", "1106 published"}
    assert _titles(client, key, locality="1106") == {"1106 published"}
    community = auth(role, "fonna")
    assert _titles(client, community) == {"1106 draft", "fonna draft", "1106 published"}


def test_anonymous_and_region_keys(client, auth, cases):
    assert _titles(client, {}) == {"1106 published"}
    assert _titles(client, auth("reader")) == set(cases)  # a region-wide key sees every draft
    assert _titles(client, auth("admin"), locality="1106") == {"1106 draft", "1106 published"}
