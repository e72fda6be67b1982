"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

from app.openapi_file import current_document


def test_too_many_bad_tokens_is_a_documented_429(client, world):
    # curl -X DELETE -H 'Authorization: Bearer <random>' -H 'if-match: null'
    #   /v1/cases/2091175548032008
    headers = {"Authorization": "Bearer flp_nope", "If-Match": "null"}
    statuses = [client.delete("/v1/cases/1", headers=headers).status_code for _ in range(12)]
    assert statuses[0] == 401 and statuses[-1] == 429
    responses = current_document()["paths"]["/v1/cases/{case_id}"]["delete"]["responses"]
    assert {"401", "429"} <= set(responses)


def test_a_case_id_beyond_the_database_range_is_a_422(client, world, auth):
    r = client.get("/v1/cases/11573608259934316658688", headers=auth("admin"))
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["path", "case_id"]
