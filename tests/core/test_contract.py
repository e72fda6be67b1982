"""What the shared machinery promises for every route (app/core/contract.py,
app/core/conditional.py): ETag, 304 and HEAD on every GET, `Allow` on 405, problem types under
the public base URL, RFC 3339 `Z` times, and an OpenAPI document that says all of it."""

import re
import time
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import get_settings
from app.core.contract import NO_DATABASE
from app.events.pages import csrf
from app.openapi_file import current_document
from tests.demo_cli import known_values, path_values
from tests.factories import make_key, make_world

DOC = current_document()
PROBLEM_JSON = "application/problem+json"
# The tag of the pages a person fills in: they document their errors as HTML too.
HTML_ERRORS = "event pages"
# A JSON string that looks like a time: it must be RFC 3339 in UTC with `Z`.
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, op) for p, item in DOC["paths"].items() for m, op in item.items()]


# --- the document ---------------------------------------------------------------------------


def test_every_response_body_has_a_schema_and_errors_are_problems():
    for path, method, op in _operations():
        for status, response in op["responses"].items():
            content = response.get("content", {})
            if status.startswith(("4", "5")):
                # The event pages (app/events/pages) answer a browser's errors as a page too:
                # their HTML stays beside the problem, which every error still documents.
                pages = {"text/html"} if HTML_ERRORS in op.get("tags", []) else set()
                assert PROBLEM_JSON in content, (method, path, status)
                assert set(content) - pages == {PROBLEM_JSON}, (method, path, status)
                assert content[PROBLEM_JSON]["schema"] == {"$ref": "#/components/schemas/Problem"}
            for media_type, body in content.items():
                assert body.get("schema"), (method, path, status, media_type)


def test_every_get_documents_its_etag_and_304():
    for path, method, op in _operations():
        if method == "get":
            assert "304" in op["responses"], path
            assert "ETag" in op["responses"]["200"]["headers"], path
            names = {p["name"] for p in op["parameters"] if p["in"] == "header"}
            assert "If-None-Match" in names, path


def test_if_match_is_required_unless_the_route_can_create():
    seen = 0
    for path, method, op in _operations():
        headers = {p["name"]: p for p in op.get("parameters", []) if p["in"] == "header"}
        if "If-Match" in headers:
            seen += 1
            assert headers["If-Match"]["required"] is ("If-None-Match" not in headers), path
            assert {"412", "428"} <= set(op["responses"]), (method, path)
    assert seen >= 10


def test_public_reads_take_a_key_optionally_and_writes_require_one():
    ops = {(m, p): op for p, m, op in _operations()}
    optional = [{}, {"bearer": []}]
    assert ops[("get", "/v1/pathways")]["security"] == optional
    assert ops[("get", "/v1/localities/{code}/pathways/{slug}")]["security"] == optional
    assert ops[("get", "/v1/audit")]["security"] == [{"bearer": []}]
    assert ops[("post", "/v1/pathways")]["security"] == [{"bearer": []}]
    assert "security" not in ops[("post", "/v1/events/{event_id}/registrations")]
    assert set(DOC["components"]["securitySchemes"]) == {"bearer"}


def test_closed_sets_are_enums():
    schemas = DOC["components"]["schemas"]

    def enum_of(schema: dict[str, Any]) -> set[str]:
        options = schema.get("anyOf", [schema])
        found: set[str] = set()
        for option in options:
            if "$ref" in option:
                option = schemas[option["$ref"].rsplit("/", 1)[1]]
            found |= set(option.get("enum", []))
        return found

    assert enum_of(schemas["ViewSection"]["properties"]["origin"]) == {
        "regional",
        "local",
        "mixed",
    }
    assert enum_of(schemas["ViewProvenance"]["properties"]["mode"]) == {"replace", "append", "hide"}
    assert enum_of(schemas["MergedView"]["properties"]["lang"]) == {"nb", "nn"}
    assert "service_unit" in enum_of(schemas["Change"]["properties"]["entity"])
    assert "unit" not in enum_of(schemas["Change"]["properties"]["entity"])
    assert enum_of(schemas["Change"]["properties"]["action"]) == {
        "upsert",
        "delete",
        "cancel",
        "due",
    }
    slot = DOC["paths"]["/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}"]
    section = next(p for p in slot["get"]["parameters"] if p["name"] == "section")
    assert enum_of(section["schema"]) == {
        "role",
        "assessment",
        "measures",
        "evaluation",
        "collaboration",
        "referral",
    }
    for path, method, op in _operations():
        for param in op.get("parameters", []):
            if param["name"] == "format":
                assert enum_of(param["schema"]), (method, path)


def test_every_route_that_reads_the_database_documents_503_except_liveness():
    for path, method, op in _operations():
        assert ("503" in op["responses"]) is (path not in NO_DATABASE), (method, path)


# --- the server -----------------------------------------------------------------------------


@pytest.fixture
def demo(backend: str, client: TestClient, session: Session) -> tuple[TestClient, str, dict]:
    token = make_key(session, role="admin", name="contract-admin")
    known = known_values(session)
    # Two revisions of the slot the texts' paths name (the region's layer), to compare.
    slot = COMPARE.removesuffix("/revisions/compare").format(**path_values(COMPARE, known))
    listed = client.get(f"{slot}/revisions", headers={"Authorization": f"Bearer {token}"})
    revisions = sorted(item["revision"] for item in listed.json()["items"])
    known["revision_from"], known["revision_to"] = revisions[0], revisions[-1]
    # A subscription, so that the webhook reads are checked too (the tests allow a
    # private target; nothing is delivered without the worker).
    hook = {"url": "http://127.0.0.1:9/hook", "event_kinds": ["*"]}
    made = client.post("/v1/webhooks", json=hook, headers={"Authorization": f"Bearer {token}"})
    assert made.status_code == 201, made.text
    known["webhook_id"] = made.json()["id"]
    known["lang"] = "nb"
    return client, token, known


def _concrete_gets(known: dict[str, Any]) -> list[str]:
    urls = []
    for path, method, _ in _operations():
        if method != "get":
            continue
        values = path_values(path, known)
        if any(
            f"{{{name}}}" in path and name not in values for name in re.findall(r"{(\w+)}", path)
        ):
            continue  # the demo has no such row
        if "{token}" in path:
            continue  # registration and feedback tokens are secrets the demo does not print
        urls.append(path.format(**values) + REQUIRED_QUERY.get(path, "").format(**known))
    return urls


COMPARE = "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}/revisions/compare"
# The required query parameters of a GET, filled with the demo's values.
REQUIRED_QUERY = {
    "/v1/review-rounds/{round_id}/workbook": "?municipality=4601",
    COMPARE: "?from={revision_from}&to={revision_to}",
    "/v1/localities/{code}/search": "?q=angst",
}


def test_the_demo_gets_fill_every_required_query_parameter():
    for path, method, op in _operations():
        required = {
            p["name"] for p in op.get("parameters", []) if p["in"] == "query" and p["required"]
        }
        if method == "get" and required:
            given = set(re.findall(r"[?&](\w+)=", REQUIRED_QUERY.get(path, "")))
            assert required <= given, (path, required - given)


# The formats each GET offers besides its default, so that CSV, HTML, SVG and xlsx are checked.
FORMATS = {
    "/v1/review-rounds/{round_id}/matrix": ["csv"],
    "/v1/events/{event_id}/registrations": ["csv"],
    "/v1/events/{event_id}/feedback": ["csv"],
    "/v1/events/{event_id}/seating": ["csv", "html"],
    "/v1/localities/{code}/service-map": ["csv", "hsds", "fhir"],
    "/v1/localities/{code}/cases/{case_id}/walk": ["html"],
}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.db_content("demo-cli")
def test_every_get_sends_an_etag_answers_304_and_head(demo, monkeypatch):
    client, token, known = demo
    # A form page carries a token stamped to the second: with the clock held, the page and
    # its ETag are the same on each request (else a second ticking over between the GET and
    # the HEAD changes the body, and the test fails by chance).
    frozen = time.time()
    monkeypatch.setattr(csrf, "time", SimpleNamespace(time=lambda: frozen))
    auth = {"Authorization": f"Bearer {token}"}
    urls = _concrete_gets(known)
    for template, formats in FORMATS.items():
        base = template.format(**path_values(template, known))
        urls += [f"{base}?format={f}" for f in formats]
    assert len(urls) >= 45
    for url in urls:
        got = client.get(url, headers=auth)
        assert got.status_code == 200, (url, got.text[:300])
        tag = got.headers.get("etag")
        assert tag and tag.startswith('"'), url
        again = client.get(url, headers={**auth, "If-None-Match": tag})
        assert again.status_code == 304, url
        assert again.content == b"" and again.headers["etag"] == tag, url
        head = client.head(url, headers=auth)
        assert head.status_code == 200 and head.content == b"", url
        assert head.headers["etag"] == tag, url
        assert head.headers["content-type"] == got.headers["content-type"], url
        if got.headers["content-type"].startswith("application/json"):
            times = [s for s in _strings(got.json()) if TIME.match(s)]
            assert all(t.endswith("Z") for t in times), (url, [t for t in times if t[-1] != "Z"])


@pytest.mark.db_content("demo-cli")
def test_a_405_allows_every_method_of_the_path(demo):
    client, _, known = demo
    gone = client.delete("/v1/pathways")
    assert gone.status_code == 405
    assert gone.headers["allow"] == "GET, HEAD, POST"
    assert gone.headers["content-type"] == PROBLEM_JSON
    # `order` is not a checklist item: the item routes take numbers only.
    order = f"/v1/events/{known['event_id']}/checklist/order"
    shadowed = client.patch(order, json={})
    assert shadowed.status_code == 405
    assert shadowed.headers["allow"] == "PUT"


@pytest.mark.db_content("demo-cli")
def test_problem_types_and_canonical_urls_follow_the_public_url(demo, monkeypatch):
    client, _, _ = demo
    for url in ("/v1/no-such-thing", "/v1/localities/9999"):
        problem = client.get(url).json()
        assert problem["type"] == "https://forlop.no/problems/not-found", url
    assert client.delete("/v1/pathways").json()["type"] == (
        "https://forlop.no/problems/method-not-allowed"
    )
    assert client.get("/v1/changes?after=-1").json()["type"] == (
        "https://forlop.no/problems/validation-failed"
    )
    monkeypatch.setenv("FORLOP_PUBLIC_URL", "https://samhandling.helse-vest.example/")
    get_settings.cache_clear()
    base = "https://samhandling.helse-vest.example"
    assert client.get("/v1/localities/9999").json()["type"] == f"{base}/problems/not-found"
    plan = client.get("/v1/localities/4601/pathways/angst/fhir").json()
    assert plan["url"].startswith(f"{base}/fhir/PlanDefinition/")
    hsds = client.get("/v1/localities/4601/service-map?format=hsds").json()
    taxonomies = {a["taxonomy_term"]["taxonomy"] for s in hsds["contents"] for a in s["attributes"]}
    assert taxonomies == {f"{base}/taxonomies/service-type"}


@pytest.mark.db_content("demo-cli")
def test_the_index_links_to_what_it_names(demo):
    client, _, _ = demo
    index = client.get("/v1/")
    assert index.status_code == 200
    links = index.json()["links"]
    assert {"docs", "openapi", "localities", "pathways", "service_types", "changes"} <= set(links)
    for rel, link in links.items():
        assert client.get(link["href"]).status_code == 200, rel


@pytest.mark.db_content("demo-cli")
def test_the_feed_pages_by_cursor_and_still_by_after(demo):
    client, _, _ = demo
    first = client.get("/v1/changes?limit=3").json()
    by_cursor = client.get(f"/v1/changes?limit=3&cursor={first['next_cursor']}").json()
    by_after = client.get(f"/v1/changes?limit=3&after={first['next_after']}").json()
    assert by_cursor == by_after
    assert by_cursor["items"][0]["seq"] > first["items"][-1]["seq"]
    entities = {i["entity"] for i in client.get("/v1/changes?limit=500").json()["items"]}
    assert "unit" not in entities and "service_unit" in entities


def test_a_round_echoes_its_times_in_utc(client, session):
    make_world(session)
    token = make_key(session, role="admin", name="round-admin")
    body = {
        "title": "Vårrunden",
        "opens_at": "2027-01-10T08:00:00+01:00",
        "closes_at": "2027-02-10T16:00:00+01:00",
        "pathways": ["angst"],
    }
    created = client.post(
        "/v1/localities/bergen/review-rounds",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["opens_at"] == "2027-01-10T07:00:00Z"
    assert created.json()["closes_at"] == "2027-02-10T15:00:00Z"
