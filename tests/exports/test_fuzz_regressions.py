"""Requests schemathesis found (tests/fuzz), kept as plain regressions."""

import jsonschema

from app.openapi_file import current_document


def _json_schema_of_200(path: str) -> dict:
    doc = current_document()
    schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    # Resolve the document's own references.
    return {**schema["schema"], "components": doc["components"]}


def test_the_hsds_page_matches_the_documented_json_schema(client, world):
    # curl -X GET '/v1/localities/4601/service-map?format=hsds'
    r = client.get("/v1/localities/4601/service-map?format=hsds")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["total_items"] >= 1 and body["contents"]
    jsonschema.validate(body, _json_schema_of_200("/v1/localities/{code}/service-map"))
