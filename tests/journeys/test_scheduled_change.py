"""Journey 3: an editor schedules a change (journeys.md), on the demo data.

Kari, editor in Bergen (4601), schedules an override of the school's role in the anxiety
pathway for the first of next month. Her colleague Ola sees it and cannot create a second
entry beside it; plans change, she calls it off and schedules another, which takes effect
by itself, and the changes feed says so.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.journeys.conftest import DEMO, feed_after, feed_head, merged_section, slot_url

pytestmark = pytest.mark.db_content(DEMO)

SLOT = ("4601", "angst", "skole", "role")
URL = slot_url(*SLOT)


def first_of_next_month(now: datetime) -> datetime:
    return (now.replace(day=1) + timedelta(days=32)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )


def test_an_editor_schedules_calls_off_and_reschedules(client, person):
    kari = person("Kari", "editor", "4601")
    ola = person("Ola", "editor", "4601")
    admin = person("Drift", "admin")
    now = datetime.now(UTC)
    month = first_of_next_month(now)
    regional = merged_section(client, *SLOT)
    assert regional is not None and regional["origin"] == "regional"

    # 1. Kari writes an override that takes effect on the first of next month.
    body = {
        "mode": "append",
        "text": "I Bergen har hver skole en **kontaktlærer for psykisk helse**.",
        "lang": "nb",
        "status": "published",
        "valid_from": month.isoformat(),
    }
    r = client.put(URL, json=body, headers=kari.with_headers(If_None_Match="*"))
    assert r.status_code == 201, r.text
    scheduled_rev = r.json()["scheduled"][0]["revision"]
    kari_tag = r.headers["etag"]

    # 2. She sees it on the slot (current: none, scheduled: hers), and so does Ola.
    for who in (kari, ola):
        got = client.get(URL, headers=who.headers)
        assert got.status_code == 200, got.text
        assert got.headers["etag"] == kari_tag
        entry = got.json()
        assert entry["revision"] is None and entry["text"] is None
        assert [s["revision"] for s in entry["scheduled"]] == [scheduled_rev]
        assert entry["scheduled"][0]["text"] == body["text"]
        assert datetime.fromisoformat(entry["scheduled"][0]["valid_from"]) == month
    # Today's view is unchanged; the view at the first of next month has her text.
    assert merged_section(client, *SLOT)["text"] == regional["text"]
    later = merged_section(client, *SLOT, as_of=(month + timedelta(hours=1)).isoformat())
    assert later["text"].endswith(body["text"]) and later["origin"] == "mixed"
    # Ola's attempt to create another entry for the slot is refused until he has seen hers.
    clash = {
        **body,
        "text": "Ola sin tekst.",
        "valid_from": (month + timedelta(days=3)).isoformat(),
    }
    r = client.put(URL, json=clash, headers=ola.with_headers(If_None_Match="*"))
    assert r.status_code == 412
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "scheduled" in r.json()["detail"]

    # 3. Plans change: Kari calls her scheduled revision off.
    off = f"{URL}/revisions/{scheduled_rev}"
    assert client.delete(off, headers=kari.headers).status_code == 428
    assert client.delete(off, headers=kari.with_headers(If_Match='"r0"')).status_code == 412
    assert client.delete(off, headers=ola.with_headers(If_Match=kari_tag)).status_code == 204
    # Nothing current, nothing scheduled: the slot inherits again, as of any time.
    assert client.get(URL, headers=kari.headers).status_code == 404
    assert (
        merged_section(client, *SLOT, as_of=(month + timedelta(hours=1)).isoformat())["text"]
        == regional["text"]
    )
    assert client.delete(off, headers=kari.with_headers(If_Match=kari_tag)).status_code == 409
    history = client.get(f"{URL}/revisions", headers=kari.headers).json()["items"]
    assert history[0]["revision"] == scheduled_rev
    assert history[0]["status"] == "called_off" and history[0]["called_off_by"] == "Ola"
    audit = client.get(
        "/v1/audit",
        params={"entity": "text_revision", "entity_id": str(scheduled_rev), "action": "update"},
        headers=admin.headers,
    ).json()["items"]
    assert [a["actor"] for a in audit] == ["Ola"]
    # The public history never showed the scheduled revision, and does not now.
    assert client.get(f"{URL}/revisions").json()["items"] == []

    # …then schedules a new one, a moment ahead: the date arrives while we watch.
    seq = feed_head(client)
    soon = datetime.now(UTC) + timedelta(seconds=2)
    new_body = {
        **body,
        "text": "Fra nå: ring skolehelsetjenesten direkte.",
        "valid_from": soon.isoformat(),
    }
    r = client.put(URL, json=new_body, headers=kari.with_headers(If_None_Match="*"))
    assert r.status_code == 201, r.text
    new_rev = r.json()["scheduled"][0]["revision"]
    assert r.headers["etag"] != kari_tag
    assert merged_section(client, *SLOT)["text"] == regional["text"]
    assert feed_after(client, seq) == []  # nothing published yet

    # 4. On its date the merged view flips by itself, and the changes feed says so.
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.3)
    now_view = merged_section(client, *SLOT)
    assert now_view["text"].endswith(new_body["text"])
    assert [layer["revision"] for layer in now_view["layers"]][-1] == new_rev
    changes = feed_after(client, seq, locality="4601")
    assert [(c["entity"], c["action"], c["locality"]) for c in changes] == [
        ("text", "upsert", "4601")
    ]
    assert changes[0]["id"].startswith("angst/skole/role/nb")
    # It has taken effect: it can no longer be called off, and it is the current entry.
    current = client.get(URL, headers=kari.headers)
    assert current.json()["revision"] == new_rev and current.json()["scheduled"] == []
    r = client.delete(
        f"{URL}/revisions/{new_rev}", headers=kari.with_headers(If_Match=current.headers["etag"])
    )
    assert r.status_code == 409
    assert r.headers["content-type"].startswith("application/problem+json")
    assert merged_section(client, *SLOT)["text"].endswith(new_body["text"])


def test_a_scheduled_revision_beside_a_current_entry(client, person):
    """With a current entry, the ETag names it and the scheduled one; both show on the slot."""
    kari = person("Kari", "editor", "4601")
    url = slot_url("4601", "angst", "helsestasjon", "referral")  # the demo's Bergen append
    got = client.get(url, headers=kari.headers)
    assert got.status_code == 200
    current, tag = got.json()["revision"], got.headers["etag"]
    assert tag == f'"r{current}"'
    month = first_of_next_month(datetime.now(UTC))
    body = {"mode": "append", "text": "Ny rutine fra neste måned.", "lang": "nb",
            "status": "published", "valid_from": month.isoformat()}  # fmt: skip
    assert (
        client.put(url, json=body, headers=kari.with_headers(If_None_Match="*")).status_code == 412
    )
    r = client.put(url, json=body, headers=kari.with_headers(If_Match=tag))
    assert r.status_code == 200, r.text
    rev = r.json()["scheduled"][0]["revision"]
    assert r.headers["etag"] == f'"r{current}+{rev}"'
    again = client.get(url, headers=kari.headers).json()
    assert again["revision"] == current and [s["revision"] for s in again["scheduled"]] == [rev]
    # The old tag no longer lets anyone write: they must see the scheduled revision first.
    assert client.put(url, json=body, headers=kari.with_headers(If_Match=tag)).status_code == 412
    # Anonymous readers see the current entry only.
    public = client.get(url)
    assert public.json()["scheduled"] == [] and public.headers["etag"] == tag
