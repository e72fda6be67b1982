"""The view cache: a hit touches no database; a committed write never meets an old view."""

import time

from sqlalchemy import event

from app.core.db import get_engine
from app.texts import freshness, merged
from app.texts.read_cache import get_cache, wait_until_live
from tests.texts.test_views import put, section

URL = "/v1/localities/4601/pathways/angst"


def test_cache_hit_runs_no_query(client, world, session):
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    first = client.get(URL)
    statements: list[str] = []

    def count(*args):
        statements.append(args[2])

    event.listen(get_engine(), "before_cursor_execute", count)
    try:
        again = client.get(URL)
    finally:
        event.remove(get_engine(), "before_cursor_execute", count)
    assert again.content == first.content
    assert statements == []


def test_write_through_the_api_then_read_never_gives_the_old_view(client, world, session, auth):
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    editor = auth("editor", "4601")
    slot = "/v1/localities/4601/pathways/angst/texts/helsestasjon/role"
    for i in range(5):
        assert section(client.get(URL).json(), "helsestasjon", "role") is not None
        client.get(URL)  # now cached
        body = {"mode": "append", "text": f"Tillegg {i}", "lang": "nb", "status": "published"}
        current = client.get(slot, headers=editor)
        pre = {"If-Match": current.headers["etag"]} if current.status_code == 200 else {
            "If-None-Match": "*"}  # fmt: skip
        r = client.put(slot, json=body, headers={**editor, **pre})
        assert r.status_code in (200, 201), r.text
        text = section(client.get(URL).json(), "helsestasjon", "role")["text"]
        assert text == f"Base\n\nTillegg {i}"


def test_write_by_another_session_is_seen(client, world, session):
    put(session, world, world.region, text="v1")
    assert wait_until_live()
    assert section(client.get(URL).json(), "helsestasjon", "role")["text"] == "v1"
    for i in range(2, 6):
        put(session, world, world.region, text=f"v{i}")
        assert section(client.get(URL).json(), "helsestasjon", "role")["text"] == f"v{i}"


def statements_for(client, url: str):
    """The answer to `url` and how many statements it ran (shared by the held-read tests)."""
    seen: list[str] = []

    def count(*args):
        seen.append(args[2])

    event.listen(get_engine(), "before_cursor_execute", count)
    try:
        r = client.get(url)
    finally:
        event.remove(get_engine(), "before_cursor_execute", count)
    assert r.status_code == 200, (url, r.text)
    return r, len(seen)


def _queries_for(client, url: str) -> tuple[int, dict]:
    """How many statements a read of `url` ran, and what it answered."""
    r, runs = statements_for(client, url)
    return runs, r.json()


def _view(code: str) -> str:
    return f"/v1/localities/{code}/pathways/angst"


def put_heard(session, world, layer, **kwargs):
    """`put`, then wait until this process has heard the write's notification (PostgreSQL):
    it moves the written slots once more, which would make the next read rebuild again."""
    cache = get_cache()
    before = cache.heard()
    put(session, world, layer, **kwargs)
    deadline = time.monotonic() + 10
    while before is not None and cache.heard() == before and time.monotonic() < deadline:
        time.sleep(0.005)


class Builds:
    """Counts, per read, whether the view was built and whether a pathway was merged for it
    (`held`: the cached bytes; `shared`: built from a merge held for another locality whose
    layers hold the same text; `merged`: merged anew)."""

    def __init__(self, monkeypatch) -> None:
        self.built = self.merges = 0
        real_build, real_merge = merged.build_view, merged.merge

        def build(*args, **kwargs):
            self.built += 1
            return real_build(*args, **kwargs)

        def merge(*args, **kwargs):
            self.merges += 1
            return real_merge(*args, **kwargs)

        monkeypatch.setattr(merged, "build_view", build)
        monkeypatch.setattr(merged, "merge", merge)

    def served(self, client, code: str) -> tuple[str, dict]:
        self.built = self.merges = 0
        r = client.get(_view(code))
        assert r.status_code == 200, r.text
        how = "held" if not self.built else "shared" if not self.merges else "merged"
        return how, r.json()


def test_a_write_invalidates_only_the_written_layers_subtree(client, world, session, monkeypatch):
    assert wait_until_live()
    put_heard(session, world, world.region, text="Base")
    codes = ["4601", "4624", "1106"]
    for code in codes:  # warm every view
        client.get(_view(code))
    assert all(_queries_for(client, _view(code))[0] == 0 for code in codes)
    builds = Builds(monkeypatch)

    put_heard(session, world, world.m4601, mode="append", text="Bare i Bergen")
    how, body = builds.served(client, "4601")
    assert how == "merged"
    assert section(body, "helsestasjon", "role")["text"] == "Base\n\nBare i Bergen"
    # … while the neighbour in the same community and the other community stay warm.
    for code in ("4624", "1106"):
        how, body = builds.served(client, code)
        assert how == "held", code
        assert section(body, "helsestasjon", "role")["text"] == "Base"


def test_a_community_write_reaches_its_municipalities_only(client, world, session, monkeypatch):
    assert wait_until_live()
    put_heard(session, world, world.region, text="Base")
    for code in ("4601", "4624", "1106"):
        client.get(_view(code))
    builds = Builds(monkeypatch)
    put_heard(session, world, world.bergen, mode="append", text="I Bergensområdet")
    # Neither municipality has text of its own: the community's merge is made once, for
    # the first, and the second's view is built from it without a query.
    how, body = builds.served(client, "4601")
    assert how == "merged"
    assert section(body, "helsestasjon", "role")["text"] == "Base\n\nI Bergensområdet"
    runs, body = _queries_for(client, _view("4624"))
    assert runs == 0 and body["locality"]["code"] == "4624"
    assert section(body, "helsestasjon", "role")["text"] == "Base\n\nI Bergensområdet"
    assert builds.served(client, "1106")[0] == "held"


def test_a_municipalitys_first_text_leaves_the_shared_merge(client, world, session, monkeypatch):
    """A municipality that had no text of a pathway shares the region's merge; its first
    text of its own shows in its view at once, and only there."""
    assert wait_until_live()
    put_heard(session, world, world.region, text="Base")
    builds = Builds(monkeypatch)
    assert builds.served(client, "4601")[0] == "merged"
    assert builds.served(client, "4624")[0] == "shared"
    put_heard(session, world, world.m4624, mode="append", text="Bare i Bjørnafjorden")
    how, body = builds.served(client, "4624")
    assert how == "merged"
    assert section(body, "helsestasjon", "role")["text"] == "Base\n\nBare i Bjørnafjorden"
    how, body = builds.served(client, "4601")
    assert how == "held"
    assert section(body, "helsestasjon", "role")["text"] == "Base"
    # A hide in the community reaches both, each merged with what it holds.
    put_heard(session, world, world.bergen, mode="hide", text=None)
    how, body = builds.served(client, "4601")
    assert how == "merged"
    assert "helsestasjon" not in [s["service_type"]["code"] for s in body["services"]]
    how, body = builds.served(client, "4624")
    assert how == "merged"
    assert section(body, "helsestasjon", "role")["text"] == "Bare i Bjørnafjorden"


def test_only_a_layers_first_text_moves_which_layers_hold_text(client, world, session):
    """Which layers hold text of a pathway is held per process; a write to a layer that
    holds text already leaves it held (one query less per process and write)."""
    assert wait_until_live()
    put_heard(session, world, world.region, text="Base")
    client.get(_view("4624"))
    cache, pathway = get_cache(), world.pathway.id
    name, slots = f"layers-with-text:{pathway}", freshness.with_text(pathway)
    assert cache.shape(name, slots) == frozenset({world.region.id})
    put_heard(session, world, world.region, text="Ny base")
    assert cache.shape(name, slots) == frozenset({world.region.id})
    put_heard(session, world, world.m4624, mode="append", text="Bare i Bjørnafjorden")
    assert cache.shape(name, slots) is None, "4624's first text: the layers changed"
    client.get(_view("4624"))
    assert cache.shape(name, slots) == frozenset({world.region.id, world.m4624.id})


def test_region_and_catalogue_writes_reach_every_view(client, world, session, auth, monkeypatch):
    assert wait_until_live()
    put_heard(session, world, world.region, text="Base")
    for code in ("4601", "1106"):
        client.get(_view(code))
    builds = Builds(monkeypatch)
    put_heard(session, world, world.region, text="Ny base")
    # Both only inherit: one merge of the region's text serves both views.
    assert [builds.served(client, code)[0] for code in ("4601", "1106")] == ["merged", "shared"]
    for code in ("4601", "1106"):
        runs, body = _queries_for(client, _view(code))
        assert runs == 0
        assert section(body, "helsestasjon", "role")["text"] == "Ny base"
    # A service type renamed through the API shows in every view.
    admin = auth("admin", "helse-vest")
    st = client.get("/v1/service-types/helsestasjon", headers=admin)
    assert st.status_code == 200, st.text
    r = client.patch(
        "/v1/service-types/helsestasjon",
        json={"name": "Helsestasjonen"},
        headers={**admin, "If-Match": st.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    for code in ("4601", "1106"):
        how, body = builds.served(client, code)
        assert how != "held", code
        assert body["services"][0]["service_type"]["name"] == "Helsestasjonen"


def test_a_view_cached_before_a_scheduled_write_flips_on_its_date(client, world, session, auth):
    """The scheduled revision is not in the feed until due, yet a view held from before the
    write must not outlive the revision's date."""
    import time
    from datetime import UTC, datetime, timedelta

    put(session, world, world.region, text="Base")
    assert wait_until_live()
    editor = auth("editor", "4601")
    slot = "/v1/localities/4601/pathways/angst/texts/helsestasjon/role"
    client.get(URL)
    assert _queries_for(client, URL)[0] == 0  # held
    soon = datetime.now(UTC) + timedelta(seconds=1.5)
    body = {"mode": "append", "text": "Fra dato", "lang": "nb", "status": "published",
            "valid_from": soon.isoformat()}  # fmt: skip
    r = client.put(slot, json=body, headers={**editor, "If-None-Match": "*"})
    assert r.status_code == 201, r.text
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.3)
    assert section(client.get(URL).json(), "helsestasjon", "role")["text"] == "Base\n\nFra dato"
