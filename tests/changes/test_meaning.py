"""The feed says what a change means: kind, tombstones, scheduled revisions at their
valid_from, and (with include=impact) the views changed and the overrides left stale."""

from datetime import timedelta

from app.changes import service
from app.core.db import open_session
from app.models.base import utcnow

TEXT = "/v1/localities/{code}/pathways/angst/texts/helsestasjon/role"


def put(client, h, code, text, etag=None, **extra):
    body = {"mode": "replace", "text": text, "lang": "nb", "status": "published", **extra}
    pre = {"If-Match": etag} if etag else {"If-None-Match": "*"}
    r = client.put(TEXT.format(code=code), json=body, headers={**h, **pre})
    assert r.status_code in (200, 201), r.json()
    return r


def test_kinds_tombstones_and_impact(client, world, auth):
    admin = auth("admin")
    base = put(client, admin, "helse-vest", "Basis.")
    local = put(client, admin, "4624", "Lokalt.")
    put(client, admin, "helse-vest", "Ny basis.", etag=base.headers["etag"])
    client.delete(TEXT.format(code="4624"), headers={**admin, "If-Match": local.headers["etag"]})
    plain = client.get("/v1/changes").json()["items"]
    texts = [i for i in plain if i["entity"] == "text"]
    assert [(i["kind"], i["tombstone"], i["impact"]) for i in texts] == [
        ("text.upsert", False, None),
        ("text.upsert", False, None),
        ("text.upsert", False, None),
        ("text.delete", True, None),
    ]
    rich = client.get("/v1/changes", params={"include": "impact"}).json()["items"]
    by_seq = {i["seq"]: i for i in rich}
    tomb = by_seq[texts[3]["seq"]]["impact"]
    assert tomb == {
        "views": [{"locality": "4624", "pathway": "angst"}],
        "stale_overrides": [],
    }
    region = by_seq[texts[0]["seq"]]["impact"]["views"]
    # Breadth first: parents before children, siblings by code.
    assert [v["locality"] for v in region] == [
        "helse-vest",
        "bergen",
        "fonna",
        "4601",
        "4624",
        "1106",
    ]
    assert client.get("/v1/changes", params={"include": "everything"}).status_code == 422


def test_a_scheduled_revision_is_logged_at_its_valid_from(client, world, auth):
    start = client.get("/v1/changes").json()["next_after"]
    valid_from = utcnow() + timedelta(hours=1)
    r = put(client, auth("admin"), "4601", "Snart.", valid_from=valid_from.isoformat())
    with open_session(write=False) as s:
        page = service.list_changes(
            s, after=start, limit=50, locality=None, now=valid_from + timedelta(minutes=5)
        )
    [item] = page.items
    assert item.cause == "scheduled" and item.at == valid_from
    assert item.id.endswith(f"@r{r.json()['revision']}") and item.kind == "text.upsert"
