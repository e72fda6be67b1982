"""openapi/openapi.json is the published contract: it must be what the code serves."""

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
