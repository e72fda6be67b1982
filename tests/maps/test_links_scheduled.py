"""Scheduled revisions of referral links are first-class, exactly like texts'."""

from datetime import UTC, datetime, timedelta

from tests.maps.helpers import link, links_url, map_url, put


def test_schedule_see_refuse_and_call_off_links(client, world, auth):
    editor = auth("editor", "4601")
    later = datetime.now(UTC) + timedelta(days=20)
    r = put(client, editor, "4601", "helsestasjon", mode="append", refers=[link("bup")],
            valid_from=later.isoformat())  # fmt: skip
    assert r.status_code == 201, r.text
    got = client.get(links_url("4601"), headers=editor)
    assert got.status_code == 200, got.text
    entry = got.json()
    assert entry["revision"] is None and entry["refers_to"] == []
    [scheduled] = entry["scheduled"]
    assert [x["service_type"] for x in scheduled["refers_to"]] == ["bup"]
    tag = got.headers["etag"]
    assert tag == f'"r0+{scheduled["revision"]}"'
    # A second entry beside it is refused until the writer has seen it.
    again = put(client, editor, "4601", "helsestasjon", mode="append", refers=[link("fastlege")])
    assert again.status_code == 412
    # Today's map does not have the link yet.
    assert client.get(map_url("4601")).json()["edges"] == []
    off = f"{links_url('4601')}/revisions/{scheduled['revision']}"
    assert (
        client.delete(off, headers={**auth("editor", "4624"), "If-Match": tag}).status_code == 403
    )
    assert client.delete(off, headers={**editor, "If-Match": tag}).status_code == 204
    assert client.get(links_url("4601"), headers=editor).status_code == 404
    history = client.get(f"{links_url('4601')}/revisions", headers=editor).json()["items"]
    assert [(h["revision"], h["status"]) for h in history] == [
        (scheduled["revision"], "called_off")
    ]
    assert client.delete(off, headers={**editor, "If-Match": tag}).status_code == 409
