"""The fast path answers a cached view exactly as the full route does, header by header,
and builds a view not held with the route's own builder; whatever else it cannot answer
goes the full way."""

import gzip
import types
from collections.abc import Iterator

import brotli
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.core.fastpath import FastReads
from app.core.metrics import REQUESTS
from app.main import create_app
from app.texts.read_cache import wait_until_live
from tests.texts.test_views import put
from tests.texts.test_views_cache import Builds, put_heard

VIEW = "/v1/localities/4601/pathways/angst"
BASE = "/v1/pathways/angst"
TRUSTED = "https://redaktor.example"
RID = {"X-Request-ID": "fast-path-test-1"}


class Counted:
    """The app behind the fast path, counting what reaches it."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.calls = 0

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] == "http":
            self.calls += 1
        await self.app(scope, receive, send)  # type: ignore[operator]


@pytest.fixture
def apps(db_url, monkeypatch) -> Iterator[tuple[TestClient, TestClient, Counted]]:
    """(fast, full, what reached the app behind the fast path)"""
    monkeypatch.setenv("FORLOP_CORS_ORIGINS", f'["{TRUSTED}"]')
    get_settings.cache_clear()
    fast_app = create_app()
    full_app = create_app()
    # The full app is built without the fast path in front: every request goes the full way.
    full_app.build_middleware_stack = types.MethodType(FastAPI.build_middleware_stack, full_app)  # type: ignore[method-assign]
    with TestClient(fast_app) as fast, TestClient(full_app) as full:
        fast.get("/v1/health")  # builds the stack
        stack = fast_app.middleware_stack
        assert isinstance(stack, FastReads)
        counted = Counted(stack.app)
        stack.app = counted
        yield fast, full, counted
    get_settings.cache_clear()


def _same(fast: TestClient, full: TestClient, method: str, url: str, headers: dict[str, str]):
    # httpx asks for gzip and br unless told otherwise: the plain body is asked for plainly.
    headers = {**RID, "Accept-Encoding": "identity", **headers}
    a = fast.request(method, url, headers=headers)
    b = full.request(method, url, headers=headers)
    assert a.status_code == b.status_code, (url, headers)
    # Every header, in order, names and values (the request id is the one sent).
    assert a.headers.multi_items() == b.headers.multi_items(), (method, url, headers)
    assert a.content == b.content
    return a


def _counter(method: str, template: str, status: int) -> float:
    return REQUESTS.labels(method, template, str(status))._value.get()


def test_cached_views_are_answered_fast_and_identically(apps, world, session):
    fast, full, counted = apps
    put(session, world, world.region, text="Base text " * 400)  # large enough to compress
    assert wait_until_live()
    for url in (VIEW, BASE, VIEW + "?lang=nn", VIEW + "?include=hidden"):
        full.get(url)  # built and cached (one cache per process, shared by both apps)
    gz = full.get(VIEW, headers={"Accept-Encoding": "gzip"}).headers["etag"]
    plain = full.get(VIEW, headers={"Accept-Encoding": "identity"}).headers["etag"]
    cases: list[tuple[str, str, dict[str, str]]] = [
        ("GET", VIEW, {}),
        ("GET", BASE, {}),
        ("GET", VIEW + "?lang=nn", {}),
        ("GET", VIEW + "?include=hidden", {}),
        ("GET", VIEW, {"Accept-Language": "nn-NO, nb;q=0.5"}),
        ("HEAD", VIEW, {}),
        ("GET", VIEW, {"If-None-Match": plain}),
        ("HEAD", VIEW, {"If-None-Match": plain}),
        ("GET", VIEW, {"If-None-Match": f'W/{plain}, "other"'}),
        ("GET", VIEW, {"Origin": "https://kommune.example"}),
        ("GET", VIEW, {"Origin": TRUSTED}),
        ("GET", VIEW, {"Accept-Encoding": "gzip, deflate"}),
        ("GET", VIEW, {"Accept-Encoding": "gzip, br"}),
        ("GET", VIEW, {"Accept-Encoding": "br;q=0, gzip;q=0.5"}),
        ("GET", VIEW, {"Accept-Encoding": "gzip;q=0"}),
        ("GET", VIEW, {"Accept-Encoding": "gzip, deflate, br"}),
        ("GET", VIEW, {"Accept-Encoding": "gzip", "If-None-Match": gz}),
        ("GET", VIEW, {"Accept-Encoding": "identity", "If-None-Match": gz}),
        ("HEAD", BASE, {"Accept-Encoding": "br", "Origin": TRUSTED}),
    ]
    before = counted.calls
    template = "/v1/localities/{code}/pathways/{slug}"
    ok_before = _counter("GET", template, 200)
    oks = 0
    for method, url, headers in cases:
        status = _same(fast, full, method, url, headers).status_code
        oks += method == "GET" and url.startswith(VIEW) and status == 200
    assert counted.calls == before, "a cached view went the full way"
    # Counted under the same labels as the full route, here and there.
    assert oks == 12  # the four 304s aside
    assert _counter("GET", template, 200) - ok_before == 2 * oks


def test_a_view_not_held_is_built_on_the_fast_path_identically(apps, world, session, monkeypatch):
    fast, full, counted = apps
    put(session, world, world.region, text="Base text " * 400)
    assert wait_until_live()
    for url in (VIEW, BASE):
        full.get(url)
    builds = Builds(monkeypatch)
    put_heard(session, world, world.region, text="Ny tekst for regionen")
    before = counted.calls
    # Stale after the write: rebuilt by the route's builder, run on the fast path, once.
    for url in (VIEW, BASE, VIEW + "?include=hidden"):
        r = _same(fast, full, "GET", url, {"Accept-Encoding": "gzip"})
        assert "Ny tekst for regionen" in r.text
    assert builds.built == 3  # once per view, the base view too
    assert counted.calls == before, "a view not held went the full way"
    builds.built = 0
    assert fast.get(VIEW).status_code == 200
    assert (builds.built, counted.calls) == (0, before)


def test_codings_are_other_representations_with_their_own_tags(apps, world, session):
    fast, _, _ = apps
    put(session, world, world.region, text="Base text " * 400)
    assert wait_until_live()
    plain = fast.get(VIEW, headers={"Accept-Encoding": "identity"})
    gz = fast.get(VIEW, headers={"Accept-Encoding": "gzip"})
    br = fast.get(VIEW, headers={"Accept-Encoding": "br, gzip"})
    assert gz.headers["content-encoding"] == "gzip" and br.headers["content-encoding"] == "br"
    assert "content-encoding" not in plain.headers
    # httpx decodes both; the bytes on the wire are the compressed ones, much smaller.
    assert gz.content == br.content == plain.content
    wire_gz = int(gz.headers["content-length"])
    wire_br = int(br.headers["content-length"])
    assert wire_br < wire_gz < len(plain.content) // 5
    for r in (plain, gz, br):
        assert r.headers["content-language"] == "nb"
    etags = {plain.headers["etag"], gz.headers["etag"], br.headers["etag"]}
    assert len(etags) == 3, "each representation has its own ETag"
    for r in (plain, gz, br):
        assert r.headers["vary"] == "Accept-Language, Accept-Encoding"
    # A gzip tag revalidates the gzip representation, not the plain one.
    gzip_again = {"If-None-Match": gz.headers["etag"], "Accept-Encoding": "gzip"}
    assert fast.get(VIEW, headers=gzip_again).status_code == 304
    plain_again = {"If-None-Match": gz.headers["etag"], "Accept-Encoding": "identity"}
    assert fast.get(VIEW, headers=plain_again).status_code == 200


def test_a_write_with_a_coded_tag_in_if_match_is_a_write_on_that_state(apps, world, session, auth):
    fast, _, _ = apps
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    admin = auth("admin")
    br_tag = fast.get(BASE, headers={"Accept-Encoding": "br"}).headers["etag"]
    assert br_tag.endswith('-br"')
    r = fast.patch(BASE, json={"title": "Angst og uro"}, headers={**admin, "If-Match": br_tag})
    assert r.status_code == 200, r.text
    # The same tag again names a state that is gone.
    again = fast.patch(BASE, json={"title": "Angst"}, headers={**admin, "If-Match": br_tag})
    assert again.status_code == 412


def test_the_wire_bytes_are_the_coded_body():
    from app.core.encoding import choose_coding, compress, identity_tag

    body = b'{"text": "' + b"samhandling " * 500 + b'"}'
    assert gzip.decompress(compress(body, "gzip")) == body
    assert brotli.decompress(compress(body, "br")) == body
    assert compress(body, "gzip") == compress(body, "gzip")  # no timestamp: stable bytes
    assert choose_coding("gzip, br") == "br"
    assert choose_coding("br;q=0.5, gzip") == "gzip"
    assert choose_coding("*;q=0.1") == "br"
    assert choose_coding("identity") is None
    assert choose_coding("gzip;q=0, br;q=0") is None
    assert identity_tag('"abc-gzip"') == '"abc"' and identity_tag('"abc"') == '"abc"'


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/v1/localities/9999/pathways/angst", {}),  # no such locality: 404 from the route
        ("/v1/localities/4601/pathways/nope", {}),
        ("/v1/pathways/nope", {"Accept-Encoding": "gzip"}),
        (VIEW + "?preview=true", {}),  # 401: a preview needs a key
        (VIEW + "?lang=en", {}),  # 422
        (VIEW + "?lang=nb&lang=nn", {}),
        (VIEW + "?as_of=2020-01-01", {}),
        (VIEW + "?unknown=1", {}),
        (VIEW, {"Authorization": "Bearer nope"}),
        ("/v1/localities/4601/pathways/ANGST", {}),
    ],
)
def test_what_the_cache_cannot_answer_goes_the_full_way(apps, world, session, url, headers):
    fast, full, counted = apps
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    full.get(VIEW)
    before = counted.calls
    _same(fast, full, "GET", url, headers)
    assert counted.calls == before + 1


def test_a_get_with_a_body_goes_the_full_way(apps, world, session, monkeypatch):
    fast, full, counted = apps
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    full.get(VIEW)
    before = counted.calls
    nul = b'{"x": "\\u0000"}'
    for app in (fast, full):
        r = app.request("GET", VIEW, content=nul, headers={"Content-Type": "application/json"})
        assert r.status_code == 422  # the text guard refuses it, fast path or not
    assert counted.calls == before + 1
