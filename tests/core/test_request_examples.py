"""Every request example in the OpenAPI document works on the demo, as a newcomer would try it
from /docs: sent with an admin key to the demo's own path values, it succeeds (2xx)."""

import re
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import get_settings
from app.openapi_file import current_document
from app.webhooks import targets
from tests.demo_cli import known_values, path_values
from tests.factories import make_key

DOC = current_document()
SCHEMAS = DOC["components"]["schemas"]


def _examples(schema: dict[str, Any]) -> list[Any]:
    for option in schema.get("anyOf", [schema]):
        if "$ref" in option:
            option = SCHEMAS[option["$ref"].rsplit("/", 1)[1]]
        if option.get("examples"):
            return list(option["examples"])
    return []


def _cases() -> list[Any]:
    cases = []
    for path, item in DOC["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            for i, example in enumerate(_examples(body["schema"])):
                cases.append(pytest.param(method, path, example, id=f"{op['operationId']}-{i}"))
    return cases


def test_every_json_request_body_has_an_example():
    for path, item in DOC["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None:
                assert _examples(body["schema"]), (method, path)


def _preconditions(client: TestClient, url: str, method: str, auth: dict[str, str]) -> dict:
    """What a careful client sends: If-Match with the current ETag, or If-None-Match: *."""
    if method == "post" and not url.endswith("/confirm"):
        return {}
    current = client.get(url, headers=auth)
    if current.status_code == 200 and "etag" in current.headers:
        return {"If-Match": current.headers["etag"]}
    return {"If-None-Match": "*"}


def _setup(client: TestClient, path: str, values: dict[str, Any], auth: dict) -> dict[str, Any]:
    """Path values the demo cannot name up front (secrets handed out by another call)."""
    if "{token}" in path and path.startswith("/v1/feedback/"):
        made = client.post(
            f"/v1/events/{values.get('event_id')}/feedback-tokens", json={"count": 1}, headers=auth
        )
        assert made.status_code == 201, made.text
        return {"token": made.json()["tokens"][0]}
    if path == "/v1/change-proposals/{proposal_id}/withdraw":
        # Only its proposer may withdraw: propose first, with the create example.
        example = _examples(SCHEMAS["ProposalCreate"])[0]
        made = client.post("/v1/change-proposals", json=example, headers=auth)
        assert made.status_code == 201, made.text
        return {"proposal_id": made.json()["id"]}
    if "{webhook_id}" in path:
        # A subscription of the caller's own, made with the create example.
        made = client.post(
            "/v1/webhooks", json=_examples(SCHEMAS["WebhookCreate"])[0], headers=auth
        )
        assert made.status_code == 201, made.text
        return {"webhook_id": made.json()["id"]}
    if path == "/v1/localities/{code}/adoptions":
        # Adoption is between regions: a second (fictitious) one beside Helse Vest adopts.
        region = {"code": "helse-nordvik", "name": "Helse Nordvik", "kind": "region"}
        made = client.post("/v1/localities", json=region, headers=auth)
        assert made.status_code == 201, made.text
        return {"code": "helse-nordvik"}
    if re.match(r"/v1/localities/{code}/pathways/{slug}/(texts|links)/", path):
        return {"code": "4601"}  # the examples are a municipality's local adaptations
    return {}


# The webhook examples' target, and a public address for it: the test machine has no DNS,
# and the target check (public addresses only) stays as it is. The address is example.com's:
# a documentation range (192.0.2.0/24, …) would rightly be refused as not public.
EXAMPLE_HOST = httpx.URL(_examples(SCHEMAS["WebhookCreate"])[0]["url"]).host
PUBLIC_ADDRESS = "93.184.215.14"


@pytest.fixture(autouse=True)
def _example_host_resolves(monkeypatch: pytest.MonkeyPatch) -> None:
    real = targets.resolve

    def resolve(url: httpx.URL) -> list[str]:
        return [PUBLIC_ADDRESS] if url.host == EXAMPLE_HOST else real(url)

    monkeypatch.setattr(targets, "resolve", resolve)
    # The examples go through the same rule as production: public addresses only.
    monkeypatch.setenv("FORLOP_WEBHOOK_ALLOW_PRIVATE", "false")
    get_settings.cache_clear()


@pytest.mark.db_content("demo-cli")
@pytest.mark.parametrize(("method", "path", "example"), _cases())
def test_the_example_succeeds_on_the_demo(
    client: TestClient, session: Session, backend: str, method: str, path: str, example: Any
):
    auth = {"Authorization": f"Bearer {make_key(session, role='admin', name='examples')}"}
    known = known_values(session)
    values = path_values(path, known)
    values.update(_setup(client, path, {**known, **values}, auth))
    missing = set(re.findall(r"{(\w+)}", path)) - set(values)
    assert not missing, f"the demo has nothing for {missing}"
    url = path.format(**values)
    headers = {**auth, **_preconditions(client, url, method, auth)}
    answer = client.request(method.upper(), url, json=example, headers=headers)
    assert 200 <= answer.status_code < 300, (method, url, example, answer.text[:500])
