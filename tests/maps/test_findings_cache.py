"""The findings overview is held while content is unchanged, and never served stale."""

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import event

from app.core.db import get_engine
from app.maps import findings_cache
from app.texts.read_cache import get_cache, wait_until_live
from tests.maps.helpers import all_texts, link, put

URL = "/v1/localities/helse-vest/findings"


def _queries(fn):
    seen: list[str] = []

    def before(conn, cursor, statement, *args):
        seen.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", before)
    try:
        result = fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return result, len(seen)


def _heard_since(before: int | None) -> None:
    """Wait until this process has heard the notifications of the writes since `before`
    (PostgreSQL): they move the written slots once more, a moment after each commit, and
    the next read would rebuild. Heard when the count has moved and stays still 50 ms."""
    deadline = time.monotonic() + 10
    seen, still_since = before, time.monotonic()
    while before is not None and time.monotonic() < deadline:
        now = get_cache().heard()
        if now != seen:
            seen, still_since = now, time.monotonic()
        elif seen != before and time.monotonic() - still_since > 0.05:
            return
        time.sleep(0.005)


def _codes(overview):
    return {
        (i["municipality"]["code"], f["code"]) for i in overview["items"] for f in i["findings"]
    }


def test_a_repeated_overview_is_not_rebuilt_and_a_write_is_seen_at_once(
    client, world, auth, session
):
    assert wait_until_live()  # PostgreSQL: nothing is held until the listener runs
    heard = get_cache().heard()
    all_texts(session, world)
    h = auth("editor", "helse-vest")
    assert put(client, h, "helse-vest", "helsestasjon", refers=[link("fastlege")], entry=True)
    _heard_since(heard)
    first, built = _queries(lambda: client.get(URL).json())
    again, served = _queries(lambda: client.get(URL).json())
    assert again == first
    assert served < built, (served, built)  # only the locality lookup, no merge input
    # A write through the API: the very next overview has it.
    before = _codes(first)
    r = put(client, auth("editor", "4601"), "4601", "helsestasjon", mode="replace")
    assert r.status_code == 201, r.text
    after, rebuilt = _queries(lambda: client.get(URL).json())
    assert ("4601", "no_entry_point") in _codes(after) - before
    assert rebuilt == built
    # Filters and pages slice the held overview; they do not change it.
    problems = client.get(URL, params={"severity": "problem"}).json()
    assert all(f["severity"] == "problem" for i in problems["items"] for f in i["findings"])
    assert client.get(URL).json() == after


def test_a_held_overview_expires_when_a_scheduled_revision_takes_effect(session, db_url):
    assert wait_until_live()
    findings_cache.clear()
    now = datetime.now(UTC)
    takes_effect = now + timedelta(hours=1)
    builds: list[int] = []

    def build():
        builds.append(1)
        return len(builds), [takes_effect, now - timedelta(days=1)]

    key = ("test", "x")
    assert findings_cache.held(session, key, build, now=now) == 1
    assert findings_cache.held(session, key, build, now=now + timedelta(minutes=59)) == 1
    assert findings_cache.held(session, key, build, now=takes_effect) == 2
    assert findings_cache.held(session, ("test", "y"), build, now=now) == 3
