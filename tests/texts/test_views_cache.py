"""The view cache: a hit touches no database; a committed write never meets an old view."""

from sqlalchemy import event

from app.core.db import get_engine
from app.texts.cache import wait_until_live
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
