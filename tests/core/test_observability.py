"""Request ids, JSON logs, metrics and security headers, as an operator sees them."""

import json
import logging
import re
import sys

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.exc import IntegrityError
from starlette.responses import HTMLResponse

from app.core.config import get_settings
from app.core.errors import install_error_handlers
from app.core.observability import (
    ContextFilter,
    JsonFormatter,
    RequestIdMiddleware,
    current_actor,
    request_context,
)
from app.core.security_headers import HTML_CSP, SecurityHeadersMiddleware


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture
def bare_client(monkeypatch, tmp_path):
    """The real app plus two extra routes, on a database it never opens."""
    from app.main import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    monkeypatch.setenv("FORLOP_ACCESS_LOG_SAMPLE", "1")
    get_settings.cache_clear()
    app = create_app()

    async def boom() -> None:
        raise RuntimeError("kaboom")

    async def page() -> HTMLResponse:
        return HTMLResponse("<!doctype html><p>Plakat</p>")

    app.add_api_route("/v1/boom", boom)
    app.add_api_route("/v1/page", page)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    get_settings.cache_clear()


def test_request_id_generated_echoed_and_sanitised(bare_client):
    r = bare_client.get("/v1/health")
    assert re.fullmatch(r"[0-9a-f]{24}", r.headers["x-request-id"])
    assert bare_client.get("/v1/health").headers["x-request-id"] != r.headers["x-request-id"]
    kept = bare_client.get("/v1/health", headers={"X-Request-ID": "lb-7f3a.42:1"})
    assert kept.headers["x-request-id"] == "lb-7f3a.42:1"
    for bad in ("has space", "x" * 200, "</script>", 'a"b'):
        r = bare_client.get("/v1/health", headers={"X-Request-ID": bad})
        assert r.headers["x-request-id"] != bad
        assert re.fullmatch(r"[0-9a-f]{24}", r.headers["x-request-id"])


def test_every_kind_of_answer_carries_a_request_id(bare_client):
    assert bare_client.get("/nowhere").headers["x-request-id"]
    big = bare_client.post("/v1/localities", content=b"x", headers={"Content-Length": "999999999"})
    assert big.status_code == 413 and big.headers["x-request-id"]


def test_500_is_problem_json_with_the_id_that_the_log_line_carries(bare_client, capsys):
    capsys.readouterr()
    r = bare_client.get("/v1/boom", headers={"X-Request-ID": "trace-500"})
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["x-request-id"] == "trace-500"
    assert "kaboom" not in r.text
    lines = _json_lines(capsys.readouterr().err)
    error = next(line for line in lines if line["message"] == "unhandled error")
    assert error["request_id"] == "trace-500"
    assert error["level"] == "ERROR" and "kaboom" in error["exc"]


def test_sampled_access_log_names_the_template_not_the_path(bare_client, capsys):
    capsys.readouterr()
    bare_client.get("/v1/localities/4601-secret", headers={"X-Request-ID": "acc-1"})
    lines = [x for x in _json_lines(capsys.readouterr().err) if x["message"] == "request"]
    assert lines, "the access log is sampled at 1 in this test"
    line = lines[-1]
    assert line["request_id"] == "acc-1"
    assert line["route"] == "/v1/localities/{code}"
    assert "4601-secret" not in json.dumps(line)
    assert {"method", "status", "duration_ms"} <= set(line)


def test_security_headers_on_html_and_json(bare_client):
    html = bare_client.get("/v1/page")
    assert html.headers["content-security-policy"] == HTML_CSP
    assert "script-src" not in HTML_CSP and "frame-ancestors *" in HTML_CSP
    assert html.headers["x-content-type-options"] == "nosniff"
    js = bare_client.get("/v1/health")
    assert js.headers["x-content-type-options"] == "nosniff"
    assert js.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" not in js.headers
    problem = bare_client.get("/nowhere")
    assert problem.headers["x-content-type-options"] == "nosniff"
    # Swagger UI needs its CDN scripts: no CSP there.
    docs = bare_client.get("/docs")
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers


def test_a_route_may_set_its_own_csp():
    app = FastAPI()

    @app.get("/own")
    async def own() -> HTMLResponse:
        return HTMLResponse("<p>x</p>", headers={"Content-Security-Policy": "default-src 'self'"})

    app.add_middleware(SecurityHeadersMiddleware)
    r = TestClient(app).get("/own")
    assert r.headers.get_list("content-security-policy") == ["default-src 'self'"]


def test_metrics_count_by_route_template(client, world):
    def count(text: str, route: str, status: str) -> float:
        for family in text_string_to_metric_families(text):
            for s in family.samples:
                if s.name == "forlop_http_requests_total" and s.labels == {
                    "method": "GET",
                    "route": route,
                    "status": status,
                }:
                    return s.value
        return 0.0

    before = client.get("/metrics").text
    client.get("/v1/localities/4601")
    client.get("/v1/localities/4624")
    client.get("/v1/localities/9999")
    client.get("/no/such/path/4601")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    after = r.text
    template = "/v1/localities/{code}"
    assert count(after, template, "200") - count(before, template, "200") == 2
    assert count(after, template, "404") - count(before, template, "404") == 1
    assert count(after, "unmatched", "404") - count(before, "unmatched", "404") == 1
    assert "/v1/localities/4601" not in after and "/no/such/path" not in after
    assert "forlop_http_request_duration_seconds_bucket" in after
    names = {f.name for f in text_string_to_metric_families(after)}
    assert {"forlop_db_pool_size", "forlop_db_pool_checked_out"} <= names


def test_metrics_can_be_turned_off(monkeypatch, tmp_path):
    from app.main import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    monkeypatch.setenv("FORLOP_METRICS_ENABLED", "false")
    get_settings.cache_clear()
    try:
        r = TestClient(create_app()).get("/metrics")
    finally:
        get_settings.cache_clear()
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_json_formatter_hides_sql_parameters_and_carries_context():
    formatter, stamp = JsonFormatter(), ContextFilter()
    err = IntegrityError("INSERT INTO event_participant ...", {"email": "ola@example.no"}, None)
    assert "ola@example.no" in str(err)  # what would leak without the formatter
    with request_context(actor="cli", request_id="job-1"):
        assert current_actor() == "cli"
        try:
            raise RuntimeError("write failed") from err
        except RuntimeError:
            info = sys.exc_info()
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "boom", None, info)
        stamp.filter(record)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "job-1" and line["actor"] == "cli"
    assert "ola@example.no" not in json.dumps(line)
    assert current_actor() == "system"


def test_middleware_leaves_other_scopes_alone():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    import asyncio

    asyncio.run(RequestIdMiddleware(app)({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    assert seen == ["lifespan"]


def test_error_handlers_without_middleware_still_work():
    # The middleware answers a 500 itself; without it the app's own handler still does.
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/x")
    async def x() -> None:
        raise RuntimeError

    r = TestClient(app, raise_server_exceptions=False).get("/x")
    assert r.status_code == 500 and "x-request-id" not in r.headers
