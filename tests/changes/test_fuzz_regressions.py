"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

from app.openapi_file import current_document


def test_an_unknown_token_on_the_public_feed_is_a_documented_401(client, world):
    # curl -X GET -H 'Authorization: Bearer <random>' /v1/changes
    r = client.get("/v1/changes", headers={"Authorization": "Bearer flp_nope"})
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    responses = current_document()["paths"]["/v1/changes"]["get"]["responses"]
    assert {"401", "429"} <= set(responses)
