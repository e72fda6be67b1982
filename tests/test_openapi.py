"""openapi/openapi.json is the published contract: it must be what the code serves."""

import re

from app.core.contract import NO_DATABASE
from app.openapi_file import OPENAPI_PATH, current_document, render


def test_openapi_file_matches_the_app():
    assert OPENAPI_PATH.exists(), "run `make openapi`"
    assert OPENAPI_PATH.read_text(encoding="utf-8") == render(current_document()), (
        "openapi/openapi.json is out of date: run `make openapi` and commit it"
    )


def test_operation_ids_are_unique_and_explicit():
    ops = [
        op["operationId"] for path in current_document()["paths"].values() for op in path.values()
    ]
    assert len(ops) == len(set(ops))
    assert all("_v1_" not in op for op in ops)


def test_errors_are_documented_as_problem_json():
    doc = current_document()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for status, resp in op.get("responses", {}).items():
                content = resp.get("content", {})
                if "event pages" in op.get("tags", []) and "text/html" in content:
                    continue  # pages answer people: a refusal is a page too (app/events/pages)
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in content, (
                        method,
                        path,
                        status,
                    )


def test_every_route_that_reads_the_database_documents_503():
    """While the database is away every such route answers 503 (tests/reliability)."""
    doc = current_document()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if path in NO_DATABASE:
                assert "503" not in op["responses"]
            else:
                assert "503" in op["responses"], (method, path)


def _path_params(op: dict, path: str) -> set[str]:
    declared = {p["name"] for p in op.get("parameters", []) if p.get("in") == "path"}
    assert declared == set(re.findall(r"\{([^}]+)\}", path)), path
    return declared


def test_links_resolve_to_real_operations_and_parameters():
    doc = current_document()
    ops = {
        op["operationId"]: (path, op) for path, item in doc["paths"].items() for op in item.values()
    }
    schemas = doc["components"]["schemas"]
    pairs: set[tuple[str, str]] = set()
    for path, item in doc["paths"].items():
        for op in item.values():
            for response in op["responses"].values():
                for link in response.get("links", {}).values():
                    target_path, target = ops[link["operationId"]]  # a real operation
                    params = _path_params(target, target_path)
                    body = response["content"]["application/json"]["schema"]
                    fields = schemas[body["$ref"].rsplit("/", 1)[1]]["properties"]
                    for name, source in link["parameters"].items():
                        assert name in params, (op["operationId"], link["operationId"], name)
                        kind, _, where = source.partition("#/")
                        if kind == "$response.body":
                            assert where.split("/")[0] in fields, (op["operationId"], source)
                        else:
                            assert source.startswith("$request.path."), source
                            assert source.removeprefix("$request.path.") in _path_params(op, path)
                    pairs.add((op["operationId"], link["operationId"]))
    # The ones a client follows first: create, then read, change or delete what was made.
    for pair in [
        ("create_pathway", "get_pathway"),
        ("create_pathway", "update_pathway"),
        ("create_change_proposal", "get_change_proposal"),
        ("create_change_proposal", "accept_change_proposal"),
        ("create_event", "get_event"),
        ("create_review_round", "get_review_round"),
        ("create_webhook", "get_webhook"),
        ("create_webhook", "delete_webhook"),
        ("create_locality", "get_locality"),
        ("create_case", "get_case"),
        ("register_for_event", "cancel_registration"),
    ]:
        assert pair in pairs, pair
