"""Every failure is problem+json; bodies are limited; CORS follows the contract."""

from fastapi.testclient import TestClient
from sqlmodel import select

from app.core.config import get_settings
from app.models import Locality

PROBLEM = "application/problem+json"


def _is_problem(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in r.text
    return body


def test_health_and_ready(client):
    assert client.get("/v1/health").json() == {"status": "ok"}
    assert client.get("/v1/ready").status_code == 200


def test_unknown_route_404_and_wrong_method_405(client):
    _is_problem(client.get("/v1/nowhere"), 404)
    _is_problem(client.delete("/v1/health"), 405)


def test_malformed_json_is_422_naming_the_body(client, world, auth):
    r = client.post(
        "/v1/localities",
        content=b'{"code": "x"',
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    body = _is_problem(r, 422)
    assert body["errors"][0]["loc"][0] == "body"


def test_wrong_types_and_unknown_enum_name_the_field(client, world, auth):
    r = client.post(
        "/v1/localities",
        json={"code": "x", "name": 5, "kind": "galaxy", "parent": "helse-vest"},
        headers=auth("admin"),
    )
    body = _is_problem(r, 422)
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "name") in locs and ("body", "kind") in locs


def test_bad_query_parameters_are_422(client, world):
    _is_problem(client.get("/v1/localities", params={"limit": 0}), 422)
    _is_problem(client.get("/v1/localities", params={"limit": 501}), 422)
    _is_problem(client.get("/v1/localities", params={"kind": "planet"}), 422)
    _is_problem(client.get("/v1/localities", params={"parent": "Not A Code"}), 422)


def test_oversized_body_is_413_and_changes_nothing(client, world, auth, session):
    limit = get_settings().max_body_bytes
    big = {"code": "4626", "name": "Ø" * limit, "kind": "municipality", "parent": "bergen"}
    _is_problem(client.post("/v1/localities", json=big, headers=auth("admin")), 413)
    assert session.exec(select(Locality).where(Locality.code == "4626")).first() is None


def test_streamed_body_without_length_is_cut_at_the_limit(client, world, auth):
    limit = get_settings().max_body_bytes

    def chunks():
        yield b'{"code": "4626", "name": "'
        for _ in range(limit // 1024 + 2):
            yield b"a" * 1024
        yield b'", "kind": "municipality", "parent": "bergen"}'

    r = client.post(
        "/v1/localities",
        content=chunks(),
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    _is_problem(r, 413)


def test_unexpected_error_is_500_problem_without_trace(db_url):
    from app.main import create_app

    app = create_app()

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/v1/boom")
    body = _is_problem(r, 500)
    assert "secret internals" not in r.text and "RuntimeError" not in body["detail"]


def test_unknown_token_is_401_with_challenge(client, world):
    r = client.post("/v1/localities", json={}, headers={"Authorization": "Bearer flp_nope"})
    _is_problem(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"


def test_public_get_allows_any_origin_without_credentials(client, world):
    r = client.get("/v1/localities/4601", headers={"Origin": "https://intranett.example.no"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in r.headers
    pre = client.options(
        "/v1/localities/4601",
        headers={
            "Origin": "https://x.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == "*"


def test_writes_only_from_configured_origins(db_url, monkeypatch):
    monkeypatch.setenv("FORLOP_CORS_ORIGINS", '["https://redaktor.example.no"]')
    get_settings.cache_clear()
    from app.main import create_app

    with TestClient(create_app()) as c:
        ok = c.options(
            "/v1/localities",
            headers={
                "Origin": "https://redaktor.example.no",
                "Access-Control-Request-Method": "POST",
            },
        )
        assert ok.status_code == 204
        assert ok.headers["access-control-allow-origin"] == "https://redaktor.example.no"
        bad = c.options(
            "/v1/localities",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in bad.headers
    get_settings.cache_clear()


def test_ready_is_503_when_the_database_does_not_answer(monkeypatch):
    from app.core.db import reset_engine

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@/nodb?host=/nonexistent&port=1")
    get_settings.cache_clear()
    reset_engine()
    from app.main import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as c:
        r = c.get("/v1/ready")
    _is_problem(r, 503)
    reset_engine()
    get_settings.cache_clear()


def test_workbook_uploads_have_their_own_larger_limit(client, world, auth):
    two_mib = b"x" * (2 * 1024 * 1024)
    h = {**auth("admin"), "Content-Type": "application/octet-stream"}
    assert client.post("/v1/localities", content=two_mib, headers=h).status_code == 413
    r = client.post("/v1/review-rounds/999/workbook", content=two_mib, headers=h)
    assert r.status_code != 413
    limit = get_settings().max_upload_bytes
    big = b"x" * (limit + 1)
    _is_problem(client.post("/v1/review-rounds/999/workbook", content=big, headers=h), 413)
