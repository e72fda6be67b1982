"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

import pytest

from app.openapi_file import current_document

HUGE = 11573608259934316658688


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("comments", {"text": "\u009c\u00bcb\u00d2"}),
        ("reject", {"note": "\u009c\u00bcb\u00d2"}),
        ("withdraw", None),
    ],
)
def test_a_proposal_id_beyond_the_database_range_is_a_422_not_a_500(
    client, world, auth, action, body
):
    # curl -X POST -d '{"text": "..."}' /v1/change-proposals/11573608259934316658688/comments
    r = client.post(f"/v1/change-proposals/{HUGE}/{action}", json=body, headers=auth("admin"))
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["path", "proposal_id"]


def test_a_proposal_with_a_body_that_is_not_text_is_a_422(client, world, auth):
    # curl -X POST -H 'Content-Type: application/json' -d '\xefo\xff' /v1/change-proposals
    r = client.post(
        "/v1/change-proposals",
        content=b"\xefo\xff",
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body"]


def test_a_body_over_the_limit_is_a_documented_413(client, world, auth):
    # curl -X POST -d '{"note": [...], "text": "(╯°□°）╯︵ ┻━┻)😍😍…"}' (over 1 MiB)
    #   /v1/change-proposals/1/accept
    r = client.post(
        "/v1/change-proposals/1/accept",
        json={"note": "x" * (1024 * 1024 + 1)},
        headers=auth("admin"),
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    path = current_document()["paths"]["/v1/change-proposals/{proposal_id}/accept"]
    assert "413" in path["post"]["responses"]
