"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""


def test_a_body_that_is_not_text_is_a_422_naming_the_body(client, world, auth):
    # curl -X PATCH -H 'Content-Type: application/json' -d '\xff' /v1/localities/i2y
    r = client.patch(
        "/v1/localities/4601",
        content=b"\xff",
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"] == ["body"]
    assert client.get("/v1/localities/4601").json()["name"] == "Bergen"


def test_a_create_with_a_body_that_is_not_text_is_a_422(client, world, auth):
    # curl -X POST -H 'Content-Type: application/json' -d '\xff9\xa0\xfe' /v1/localities/p/cases
    r = client.post(
        "/v1/localities/4601/services",
        content=b"\xff9\xa0\xfe",
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["title"] == "Validation failed"
