"""Held service maps, embeds and PlanDefinitions on the fast path: the very answer of the
full route, header by header, built there by the route's own builder when not held; what
the cache cannot answer goes the full way."""

from app.exports import map_parts
from app.texts.read_cache import wait_until_live
from tests.texts.test_fast_views import TRUSTED, _counter, _same, apps
from tests.texts.test_views import put
from tests.texts.test_views_cache import put_heard

__all__ = ["apps"]  # the fixture, shared with the views' fast path tests

MAP = "/v1/localities/4601/service-map"
EMBED = "/v1/localities/4601/pathways/angst/embed"
PLAN = "/v1/localities/4601/pathways/angst/fhir"
HELD = [
    MAP,
    MAP + "?format=csv",
    MAP + "?format=hsds",
    MAP + "?format=hsds&page=1&per_page=10",
    MAP + "?format=fhir&lang=nn",
    EMBED,
    EMBED + "?collapsed=true&lang=nn",
    PLAN,
]


def _world_with_text(session, world) -> None:
    put(session, world, world.region, section="role", text="Kartlegg angst. " * 300)
    put(session, world, world.region, section="referral", text="Henvis til BUP ved behov.")
    assert wait_until_live()


def test_held_exports_are_answered_fast_and_identically(apps, world, session):
    fast, full, counted = apps
    _world_with_text(session, world)
    for url in HELD:
        assert full.get(url).status_code == 200, url  # built and held
    full.get(MAP, headers={"Accept": "text/csv"})
    plain = full.get(MAP, headers={"Accept-Encoding": "identity"}).headers["etag"]
    br = full.get(EMBED, headers={"Accept-Encoding": "br"}).headers["etag"]
    cases: list[tuple[str, str, dict[str, str]]] = [
        *(("GET", url, {}) for url in HELD),
        ("GET", MAP, {"Accept": "text/csv"}),  # the format by Accept, as the route reads it
        ("GET", MAP, {"Accept-Language": "nb-NO"}),
        ("HEAD", MAP, {}),
        ("GET", MAP, {"If-None-Match": plain}),
        ("GET", MAP, {"Accept-Encoding": "gzip"}),
        ("GET", MAP, {"Accept-Encoding": "gzip, deflate, br", "Origin": TRUSTED}),
        ("GET", MAP + "?format=csv", {"Origin": "https://kommune.example"}),
        ("GET", EMBED, {"Accept-Encoding": "br", "If-None-Match": br}),
        ("GET", EMBED, {"Accept-Encoding": "gzip", "If-None-Match": br}),
        ("HEAD", PLAN, {"Accept-Encoding": "br"}),
    ]
    before = counted.calls
    ok_before = _counter("GET", "/v1/localities/{code}/service-map", 200)
    for method, url, headers in cases:
        _same(fast, full, method, url, headers)
    assert counted.calls == before, "a held export went the full way"
    # Counted under the route's own labels: ten 200s of the map on each path.
    assert _counter("GET", "/v1/localities/{code}/service-map", 200) - ok_before == 2 * 10


def test_an_embed_is_html_that_no_one_sniffs(apps, world, session):
    fast, full, _ = apps
    _world_with_text(session, world)
    full.get(EMBED)
    r = fast.get(EMBED)
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "Kartlegg angst." in r.text


class MapBuilds:
    """Counts the service map's JSON builds (the route's and the fast path's alike)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        real = map_parts.service_map_json

        def build(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(map_parts, "service_map_json", build)


def test_a_write_is_seen_on_the_fast_path_at_once(apps, world, session, monkeypatch):
    fast, full, counted = apps
    _world_with_text(session, world)
    assert "Nytt i Bergen" not in fast.get(MAP).text
    builds = MapBuilds(monkeypatch)
    put_heard(session, world, world.m4601, section="referral", mode="append",
              text="Nytt i Bergen.")  # fmt: skip
    before = counted.calls
    assert "Nytt i Bergen" in _same(fast, full, "GET", MAP, {}).text
    # Rebuilt once, by the route's own builder run on the fast path; then held.
    assert (builds.count, counted.calls) == (1, before)
    fast.get(MAP)
    assert (builds.count, counted.calls) == (1, before)


def test_exports_not_held_yet_are_built_on_the_fast_path_identically(apps, world, session):
    fast, full, counted = apps
    _world_with_text(session, world)
    before = counted.calls
    # Never read before: the fast path builds and holds each, as the route would.
    for url in (PLAN + "?lang=nn", EMBED + "?collapsed=true", MAP + "?format=hsds&per_page=5"):
        _same(fast, full, "GET", url, {"Accept-Encoding": "br"})
        assert counted.calls == before, url


# What the fast path must leave to the full route, and why.
NOT_HELD: list[tuple[str, dict[str, str]]] = [
    ("/v1/localities/9999/service-map", {}),  # no such locality: 404 from the route
    (MAP + "?format=xlsx", {}),  # a workbook: the full way, never compressed
    (MAP + "?format=pdf", {}),  # 422
    (MAP + "?page=0", {}),  # 422
    (MAP + "?per_page=501", {}),
    (MAP + "?page=01", {}),
    (MAP + "?lang=en", {}),
    (MAP + "?lang=nb&lang=nn", {}),
    (MAP + "?unknown=1", {}),
    (MAP, {"Authorization": "Bearer nope"}),
    (EMBED + "?collapsed=yes", {}),  # the route reads it; the fast path does not
    (EMBED + "?collapsed=maybe", {}),
    ("/v1/localities/4601/pathways/nope/embed", {}),
    ("/v1/localities/4601/pathways/ANGST/fhir", {}),
]


def test_what_is_not_held_goes_the_full_way(apps, world, session):
    fast, full, counted = apps
    _world_with_text(session, world)
    for held in (MAP, EMBED, PLAN):
        full.get(held)
    for url, headers in NOT_HELD:
        before = counted.calls
        _same(fast, full, "GET", url, headers)
        assert counted.calls == before + 1, url
