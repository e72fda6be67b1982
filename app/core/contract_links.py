"""OpenAPI links: what a create answers names the thing, and the next call uses that name.

A client generator and a stateful fuzzer both follow them: `POST /v1/pathways` answers a
`slug`, and `GET`/`PATCH /v1/pathways/{slug}` and everything below it take it. Links are
derived from the paths, so a new collection gets them without a line here:

- a create at `P` links to every operation under `P/{name}`: `{name}` is the answer's
  field of that name, or its `id` for `{…_id}`; the create's own path parameters
  (`{code}` …) are passed on from the request;
- a thing created under one path and addressed under another (an event created under its
  locality, read at `/v1/events/{event_id}`) is listed in `ELSEWHERE`.
"""

import re
from typing import Any

_PARAM = re.compile(r"\{([^}]+)\}")
_CREATES = ("post", "put")

# (the create's path, its answer's field) → the prefix where that thing lives elsewhere.
ELSEWHERE: dict[tuple[str, str], str] = {
    ("/v1/localities/{code}/events", "id"): "/v1/events/{event_id}",
    ("/v1/localities/{code}/cases", "id"): "/v1/cases/{case_id}",
    ("/v1/localities/{code}/review-rounds", "id"): "/v1/review-rounds/{round_id}",
    ("/v1/events/{event_id}/registrations", "cancel_token"): "/v1/registrations/{token}",
    ("/v1/events/{event_id}/feedback-tokens", "tokens/0"): "/v1/feedback/{token}",
}


def _created_fields(op: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    """The top-level fields of a create's 2xx JSON answer."""
    for status, response in op.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        ref = schema.get("$ref", "")
        found = schemas.get(ref.rsplit("/", 1)[-1], schema) if ref else schema
        if found.get("properties"):
            return set(found["properties"])
    return set()


def _field_for(param: str, fields: set[str]) -> str | None:
    if param in fields:
        return param
    if param.endswith("_id") and "id" in fields:
        return "id"
    return None


def _link_targets(
    paths: dict[str, Any], prefix: str, param: str
) -> list[tuple[str, str, dict[str, Any]]]:
    """Every operation at `prefix` or below it: (path, method, operation)."""
    return [
        (path, method, op)
        for path, item in paths.items()
        if path == prefix or path.startswith(prefix + "/")
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op and f"{{{param}}}" in path
    ]


def _link(
    source_path: str, target_path: str, target: dict[str, Any], param: str, field: str
) -> dict[str, Any]:
    carried = {
        name: f"$request.path.{name}"
        for name in _PARAM.findall(source_path)
        if f"{{{name}}}" in target_path and name != param
    }
    return {
        "operationId": target["operationId"],
        "parameters": {param: f"$response.body#/{field}", **carried},
        "description": f"`{param}` is the `{field}` of the answer.",
    }


def add_links(schema: dict[str, Any]) -> None:
    """Publish links from every create to the operations that address what it made."""
    paths: dict[str, Any] = schema.get("paths", {})
    schemas: dict[str, Any] = schema.get("components", {}).get("schemas", {})
    for source_path, item in paths.items():
        for method in _CREATES:
            op = item.get(method)
            if op is None:
                continue
            fields = _created_fields(op, schemas)
            if not fields:
                continue
            targets: list[tuple[str, str, str]] = []  # (prefix, param, field)
            for path in paths:
                rest = path[len(source_path) :]
                if path.startswith(source_path + "/{") and rest.count("{") >= 1:
                    param = _PARAM.findall(rest)[0]
                    field = _field_for(param, fields)
                    if field is not None and rest.startswith(f"/{{{param}}}"):
                        targets.append((f"{source_path}/{{{param}}}", param, field))
            for (path, field), prefix in ELSEWHERE.items():
                if path == source_path and field.split("/")[0] in fields:
                    targets.append((prefix, _PARAM.findall(prefix)[-1], field))
            links: dict[str, Any] = {}
            for prefix, param, field in dict.fromkeys(targets):
                for target_path, _, target in _link_targets(paths, prefix, param):
                    if target is op:
                        continue
                    links[target["operationId"]] = _link(
                        source_path, target_path, target, param, field
                    )
            if links:
                for status, response in op["responses"].items():
                    if status.startswith("2") and "content" in response:
                        response["links"] = dict(sorted(links.items()))
