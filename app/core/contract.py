"""The OpenAPI document says what the server does: one post-processing step for every route.

Routes declare what is theirs (response models, the errors their use-cases raise); this
step adds what the shared machinery does to every route, so that a new route gets it
without a line of its own:

- every 4xx/5xx response is a `Problem` under `application/problem+json` (never
  `application/json`, which the handlers never send);
- any route that reads a bearer token may answer 401 and 429, any route with a body 413,
  any route that reads the database 503 (`app.core.db_errors`);
- every GET sends an `ETag`, takes `If-None-Match` and may answer 304
  (`app.core.conditional`), and answers HEAD the same way without a body;
- an `If-Match` header is required (428 without it, 412 when outdated) unless the route
  also takes `If-None-Match: *` to create;
- a route whose key is optional (a GET that does not depend on `requires`) declares
  `security: [{}, {bearer: []}]`;
- every free-text string a client sends (bodies, query and path parameters) carries the
  pattern `app.core.forbidden_chars` enforces: no C0 control other than tab and line breaks, no bidi
  override (422 otherwise); one that may not be empty holds more than white space;
- links between operations (`app.core.contract_links`): what a create answers, the next
  read, update or delete uses.
"""

from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.core.contract_links import add_links
from app.core.errors import PROBLEM_JSON, Problem

BEARER = "bearer"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# Liveness answers without the database, so that a database outage is not a restart.
NO_DATABASE = {"/v1/health", "/v1/", "/docs"}

_ETAG_HEADER = {
    "description": "A strong validator of this representation; send it back in "
    "`If-None-Match` (304 when unchanged) or `If-Match` (writes).",
    "schema": {"type": "string"},
}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag you already have: 304 without a body when it is still current.",
    "schema": {"type": "string"},
}


# `app.core.forbidden_chars.FORBIDDEN` said positively, for a client's validator (and the
# fuzzer): the characters a text may hold, a carriage return only before a line feed.
_REFUSED = "\\u0000-\\u0008\\u000b\\u000c\\u000d\\u000e-\\u001f\\u202a-\\u202e\\u2066-\\u2069"
_PLAIN = f"(?:[^{_REFUSED}]|\\r\\n)"
PLAIN_TEXT = f"^{_PLAIN}*$"
# A text that must not be empty is trimmed first (`strip_whitespace`): it needs one
# character that is not white space.
SOME_TEXT = f"^{_PLAIN}*[^\\s{_REFUSED}]{_PLAIN}*$"


def _problem_doc(status: int, description: str | None = None) -> dict[str, Any]:
    """One documented error answer."""
    return {
        "description": description or HTTPStatus(status).phrase,
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }


def _depends_on_key(dependant: Dependant) -> bool:
    """True when some dependency of the route demands a key (`app.core.auth.requires`)."""
    for dep in dependant.dependencies:
        if getattr(dep.call, "key_required", False) or _depends_on_key(dep):
            return True
    return False


def _routes(app: FastAPI) -> dict[tuple[str, str], APIRoute]:
    out: dict[tuple[str, str], APIRoute] = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path_format:
            for method in context.methods or ():
                out[(context.path_format, method.lower())] = route
    return out


def _header_names(op: dict[str, Any]) -> set[str]:
    return {p["name"].lower() for p in op.get("parameters", []) if p.get("in") == "header"}


def _errors_as_problems(responses: dict[str, Any]) -> None:
    for status, response in responses.items():
        if status[:1] in ("4", "5"):
            # A page a person fills in (app/events/pages) answers its errors as a page too;
            # FastAPI's plain JSON entry goes, a declared HTML one stays beside the problem.
            pages = {k: v for k, v in response.get("content", {}).items() if k == "text/html"}
            response["content"] = {**pages, PROBLEM_JSON: {"schema": PROBLEM_REF}}
            if status == "422":
                response["description"] = "Validation failed"


def _bodies_have_schemas(responses: dict[str, Any]) -> None:
    """A non-JSON body (CSV, HTML, SVG, xlsx) is a string; its schema says so."""
    for response in responses.values():
        bodies = response.get("content", {})
        if len(bodies) > 1 and not bodies.get("application/json", {"schema": 1}).get("schema"):
            # FastAPI's default JSON entry on a route that never sends plain JSON.
            del bodies["application/json"]
        for media_type, content in bodies.items():
            if not content.get("schema") and not media_type.endswith("json"):
                text = media_type.startswith("text/") or media_type.endswith("+xml")
                content["schema"] = (
                    {"type": "string"} if text else {"type": "string", "format": "binary"}
                )


def _add(responses: dict[str, Any], statuses: Iterable[int]) -> None:
    for status in statuses:
        responses.setdefault(str(status), _problem_doc(status))


def _conditional_get(op: dict[str, Any]) -> None:
    """ETag on the 200, If-None-Match in, 304 out."""
    responses = op["responses"]
    ok = responses.get("200")
    if ok is not None:
        ok.setdefault("headers", {})["ETag"] = _ETAG_HEADER
    if "if-none-match" not in _header_names(op):
        op.setdefault("parameters", []).append(dict(_IF_NONE_MATCH))
    responses.setdefault(
        "304",
        {
            "description": "Not modified: the ETag in `If-None-Match` is still current.",
            "headers": {"ETag": _ETAG_HEADER},
        },
    )


def _preconditions(op: dict[str, Any]) -> None:
    """`If-Match` is required unless `If-None-Match: *` may create instead."""
    names = _header_names(op)
    if "if-match" not in names:
        return
    for param in op["parameters"]:
        if param.get("in") == "header" and param["name"].lower() == "if-match":
            param["name"] = "If-Match"
            if "if-none-match" not in names:
                param["required"] = True
                param["schema"] = {"type": "string", "minLength": 1}
        elif param.get("in") == "header" and param["name"].lower() == "if-none-match":
            param["name"] = "If-None-Match"
    _add(op["responses"], (412, 428))


def _security(op: dict[str, Any], route: APIRoute | None, method: str) -> None:
    if not op.get("security"):
        return
    required = method != "get" or (route is not None and _depends_on_key(route.dependant))
    op["security"] = [{BEARER: []}] if required else [{}, {BEARER: []}]


def _plain_text(node: Any, components: dict[str, Any], seen: set[str]) -> None:
    """Give every free string in a request schema the pattern of plain text (in place)."""
    if isinstance(node, list):
        for item in node:
            _plain_text(item, components, seen)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        if name not in seen and name in components:
            seen.add(name)
            _plain_text(components[name], components, seen)
        return
    free = not ({"enum", "const", "pattern", "format"} & node.keys())
    if node.get("type") == "string" and free:
        node["pattern"] = SOME_TEXT if node.get("minLength", 0) >= 1 else PLAIN_TEXT
    for key in ("properties", "patternProperties"):
        for sub in node.get(key, {}).values():
            _plain_text(sub, components, seen)
    for key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf"):
        if key in node:
            _plain_text(node[key], components, seen)


def _requests_are_plain_text(schema: dict[str, Any]) -> None:
    """What a client sends as text may not hold what `app.core.forbidden_chars` refuses; say so."""
    components = schema.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    for item in schema.get("paths", {}).values():
        for op in item.values():
            for param in op.get("parameters", []):
                if param.get("in") in ("query", "path"):
                    _plain_text(param.get("schema"), components, seen)
            for content in op.get("requestBody", {}).get("content", {}).values():
                _plain_text(content.get("schema"), components, seen)


def shape_document(schema: dict[str, Any], routes: dict[tuple[str, str], APIRoute]) -> None:
    """Apply the shared contract to every operation of an OpenAPI document (in place)."""
    _requests_are_plain_text(schema)
    add_links(schema)
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            responses = op.setdefault("responses", {})
            statuses: list[int] = []
            if op.get("security"):
                # The token is checked before the route runs, public reads included.
                statuses += [401, 429]
            if op.get("requestBody"):
                statuses.append(413)  # the body limit applies to every body
            if path not in NO_DATABASE:
                statuses.append(503)
            _add(responses, statuses)
            _preconditions(op)
            if method == "get":
                _conditional_get(op)
            _security(op, routes.get((path, method)), method)
            _errors_as_problems(responses)
            _bodies_have_schemas(responses)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, sub in problem.pop("$defs", {}).items():
        schemas[name] = sub
    schemas["Problem"] = problem
    security = components.setdefault("securitySchemes", {})
    if "HTTPBearer" in security:
        security[BEARER] = security.pop("HTTPBearer")


def install_contract(app: FastAPI) -> None:
    """Make `app.openapi()` return the shaped document (built once, then cached)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        shape_document(schema, _routes(app))
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
