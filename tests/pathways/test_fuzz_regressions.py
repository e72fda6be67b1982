"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

from app.openapi_file import current_document


def test_an_unknown_token_on_the_public_list_is_a_documented_401(client, world):
    # curl -X GET -H 'Authorization: Bearer <random>' /v1/pathways
    r = client.get("/v1/pathways", headers={"Authorization": "Bearer flp_nope"})
    assert r.status_code == 401
    responses = current_document()["paths"]["/v1/pathways"]["get"]["responses"]
    assert {"401", "429"} <= set(responses)


def test_a_patch_with_a_body_that_is_not_text_is_a_422(client, world, auth):
    # curl -X PATCH -H 'Content-Type: application/json' -d '\xff' /v1/pathways/i2y
    r = client.patch(
        "/v1/pathways/angst",
        content=b"\xff",
        headers={**auth("admin"), "Content-Type": "application/json", "If-Match": "*"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body"]
    assert client.get("/v1/pathways/angst").json()["pathway"]["title"] == "Angst"
