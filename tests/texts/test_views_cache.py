"""The view cache: a hit touches no database; a committed write never meets an old view."""

from sqlalchemy import event

from app.core.db import get_engine
from app.texts.read_cache import wait_until_live
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


def test_a_write_invalidates_only_the_written_layers_subtree(client, world, session):
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    codes = ["4601", "4624", "1106"]
    for code in codes:  # warm every view
        client.get(_view(code))
    assert all(_queries_for(client, _view(code))[0] == 0 for code in codes)

    put(session, world, world.m4601, mode="append", text="Bare i Bergen")
    runs, body = _queries_for(client, _view("4601"))
    assert runs > 0  # rebuilt …
    assert section(body, "helsestasjon", "role")["text"] == "Base\n\nBare i Bergen"
    # … while the neighbour in the same community and the other community stay warm.
    for code in ("4624", "1106"):
        runs, body = _queries_for(client, _view(code))
        assert runs == 0, code
        assert section(body, "helsestasjon", "role")["text"] == "Base"


def test_a_community_write_reaches_its_municipalities_only(client, world, session):
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    for code in ("4601", "4624", "1106"):
        client.get(_view(code))
    put(session, world, world.bergen, mode="append", text="I Bergensområdet")
    for code in ("4601", "4624"):
        runs, body = _queries_for(client, _view(code))
        assert runs > 0, code
        assert section(body, "helsestasjon", "role")["text"] == "Base\n\nI Bergensområdet"
    assert _queries_for(client, _view("1106"))[0] == 0


def test_region_and_catalogue_writes_reach_every_view(client, world, session, auth):
    put(session, world, world.region, text="Base")
    assert wait_until_live()
    for code in ("4601", "1106"):
        client.get(_view(code))
    put(session, world, world.region, text="Ny base")
    for code in ("4601", "1106"):
        runs, body = _queries_for(client, _view(code))
        assert runs > 0, code
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
        runs, body = _queries_for(client, _view(code))
        assert runs > 0, code


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
