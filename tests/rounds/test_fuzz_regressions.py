"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""


def test_a_round_id_beyond_the_database_range_is_a_422_not_a_500(client, world, auth):
    # curl -X PUT -d '{"traffic_light": "yellow", "note": null}'
    #   /v1/review-rounds/11573608259934316658688/assessments/9x0cig00bq/gj190a/8v3
    r = client.put(
        "/v1/review-rounds/11573608259934316658688/assessments/4601/angst/bup",
        json={"traffic_light": "yellow", "note": None},
        headers=auth("admin"),
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["path", "round_id"]
