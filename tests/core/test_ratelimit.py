"""Rate limits: token buckets, public write endpoints, and failed authentications."""

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.core.errors import install_error_handlers
from app.core.forwarded import install_forwarded_headers
from app.core.observability import RequestIdMiddleware
from app.core.ratelimit import RateLimiter, TokenBuckets, rate_limited
from tests import contents


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_refills_at_the_rate():
    clock = Clock()
    buckets = TokenBuckets(3, 60.0, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(20.0)  # 3 per minute: one every 20 s
    assert buckets.take("b") == 0.0, "another client has its own bucket"
    clock.now += 10
    assert buckets.wait("a") == pytest.approx(10.0)
    clock.now += 10
    assert buckets.wait("a") == 0.0
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    assert buckets.wait("never-seen") == 0.0


def test_bucket_table_stays_bounded():
    clock = Clock()
    buckets = TokenBuckets(2, 60.0, max_keys=100, clock=clock)
    for i in range(1000):
        buckets.take(f"client-{i}")
        clock.now += 0.001
    assert len(buckets._buckets) <= 100


def test_client_key_is_the_peer_never_the_headers():
    scope = {
        "client": ("10.0.0.1", 5000),
        "headers": [(b"x-forwarded-for", b"198.51.100.9, 203.0.113.4")],
    }
    assert RateLimiter({}).client_key(scope) == "10.0.0.1"
    assert RateLimiter({}).client_key({"client": None}) == "unknown"


@pytest.fixture
def limits(monkeypatch):
    """Set limits and proxy trust for the app built next."""

    def _set(**env: str) -> None:
        for k, v in env.items():
            monkeypatch.setenv(f"FORLOP_{k.upper()}", v)
        get_settings.cache_clear()

    yield _set
    get_settings.cache_clear()


def _signup_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/signup", status_code=201)
    async def signup(_: Annotated[None, Depends(rate_limited("registration"))]) -> dict:
        return {"ok": True}

    @app.post("/other", status_code=201)
    async def other() -> dict:
        return {"ok": True}

    app.add_middleware(RequestIdMiddleware)
    install_forwarded_headers(app, get_settings().forwarded_allow_ips)
    return app


def test_rate_limited_dependency_answers_429_with_retry_after(limits):
    limits(rate_limit_registration="2", forwarded_allow_ips="testclient")
    c = TestClient(_signup_app())
    a = {"X-Forwarded-For": "203.0.113.1"}
    assert [c.post("/signup", headers=a).status_code for _ in range(2)] == [201, 201]
    r = c.post("/signup", headers=a)
    assert r.status_code == 429
    assert r.headers["content-type"] == "application/problem+json"
    assert 1 <= int(r.headers["retry-after"]) <= 30
    assert r.json()["status"] == 429
    assert c.post("/signup", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 201
    assert c.post("/other", headers=a).status_code == 201, "unlimited routes are unaffected"


def test_zero_turns_a_limit_off(limits):
    limits(rate_limit_registration="0")
    c = TestClient(_signup_app())
    assert {c.post("/signup").status_code for _ in range(50)} == {201}


def test_failed_authentications_lock_out_one_client(db_url, world, auth, limits):
    limits(rate_limit_failed_auth="3", forwarded_allow_ips="testclient")
    client = TestClient(contents.app(), raise_server_exceptions=False)
    good = auth("admin")
    bad = {"Authorization": "Bearer flp_guess"}
    mallory = {"X-Forwarded-For": "203.0.113.66"}
    alice = {"X-Forwarded-For": "198.51.100.7"}
    statuses = [client.get("/v1/audit", headers={**bad, **mallory}).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    r = client.get("/v1/audit", headers={**bad, **mallory})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) >= 1
    assert r.headers["content-type"] == "application/problem+json"
    # Locked out even with the right key: guessing must not be able to go on.
    assert client.get("/v1/audit", headers={**good, **mallory}).status_code == 429
    # Anonymous reads are not authentications and stay open.
    assert client.get("/v1/localities/4601", headers=mallory).status_code == 200
    # Other clients are unaffected.
    assert client.get("/v1/audit", headers={**bad, **alice}).status_code == 401
    assert client.get("/v1/audit", headers={**good, **alice}).status_code == 200


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, world, limits):
    limits(rate_limit_failed_auth="2")
    bad = {"Authorization": "Bearer flp_guess"}
    for i in range(2):
        r = client.get("/v1/audit", headers={**bad, "X-Forwarded-For": f"192.0.2.{i}"})
        assert r.status_code == 401
    r = client.get("/v1/audit", headers={**bad, "X-Forwarded-For": "192.0.2.99"})
    assert r.status_code == 429, "a forged X-Forwarded-For must not buy fresh attempts"


@pytest.mark.parametrize("allow", [None, "", "127.0.0.1", "10.0.0.0/8", "203.0.113.9"], ids=repr)
def test_forwarded_for_from_an_untrusted_peer_buys_nothing(db_url, world, limits, allow):
    """The probe's finding: `forlop serve` trusted 127.0.0.1 by default, so a client on the
    host rotated X-Forwarded-For and was never limited. Only a named proxy is believed."""
    env = {"rate_limit_failed_auth": "2"}
    if allow is not None:
        env["forwarded_allow_ips"] = allow
    limits(**env)
    client = TestClient(contents.app(), raise_server_exceptions=False)  # peer: "testclient"
    bad = {"Authorization": "Bearer flp_guess"}
    statuses = [
        client.get("/v1/audit", headers={**bad, "X-Forwarded-For": f"192.0.2.{i}"}).status_code
        for i in range(4)
    ]
    assert statuses == [401, 401, 429, 429]


def test_a_named_proxy_is_believed_and_its_clients_are_told_apart(db_url, world, limits):
    limits(rate_limit_failed_auth="1", forwarded_allow_ips="10.0.0.0/8, testclient")
    client = TestClient(contents.app(), raise_server_exceptions=False)
    bad = {"Authorization": "Bearer flp_guess"}
    # The client forged a hop; our proxies (10.x) appended theirs: the first untrusted hop
    # from the right is the client, whatever it wrote before it.
    for forged in ("1.1.1.1", "2.2.2.2"):
        xff = f"{forged}, 198.51.100.7, 10.1.2.3"
        r = client.get("/v1/audit", headers={**bad, "X-Forwarded-For": xff})
        assert r.status_code == (401 if forged == "1.1.1.1" else 429)
    r = client.get("/v1/audit", headers={**bad, "X-Forwarded-For": "198.51.100.8, 10.1.2.3"})
    assert r.status_code == 401


def test_serve_leaves_forwarded_headers_to_the_app(monkeypatch):
    import uvicorn

    from app import cli

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    monkeypatch.setattr(cli, "_upgrade", lambda: None)
    cli.main(["serve", "--port", "9401"])
    assert seen["proxy_headers"] is False
