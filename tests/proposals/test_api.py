"""Change proposals over HTTP: submit, list, read, comment, accept, reject, withdraw."""

import pytest
from sqlmodel import select

from app.models import ChangeLogEntry, Pathway
from tests.proposals.helpers import TEXT_URL, counts, proposal_body, put_text

URL = "/v1/change-proposals"


@pytest.fixture
def base(client, world, auth):
    """The region's base text for helsestasjon/role."""
    return put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")


def test_submit_records_what_it_is_based_on(client, session, base, auth):
    r = client.post(URL, json=proposal_body(), headers=auth("contributor", "4601"))
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["status"] == "submitted" and p["based_on"] == base["revision"]
    assert p["locality"] == "4601" and p["lang"] == "nb" and p["traffic_light"] == "yellow"
    assert r.headers["location"] == f"{URL}/{p['id']}"
    own = put_text(client, auth("editor", "4601"), "4601", "Lokal.", mode="append")
    q = client.post(URL, json=proposal_body(), headers=auth("contributor", "4601")).json()
    assert q["based_on"] == own["revision"]
    logged = session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity == "proposal")).all()
    assert [(e.entity_id, e.locality, e.pathway) for e in logged] == [
        (str(p["id"]), "4601", "angst"),
        (str(q["id"]), "4601", "angst"),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"locality": "9999"}, "locality"),
        ({"pathway": "finnes-ikke"}, "pathway"),
        ({"service_type": "tannlege"}, "service_type"),
        ({"section": "intro"}, "section"),
        ({"traffic_light": "blue"}, "traffic_light"),
        ({"traffic_light": "grønn"}, "traffic_light"),
        ({"text": None}, "body"),
        ({"mode": "hide"}, "body"),
        ({"mode": "append", "locality": "helse-vest"}, "mode"),
        ({"round": 99}, "round"),
    ],
)
def test_bad_input_is_a_422_naming_it_and_changes_nothing(
    client, session, base, auth, change, field
):
    h = auth("admin")
    before = counts(session)
    r = client.post(URL, json=proposal_body(**change), headers=h)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert any(field in [str(p) for p in e["loc"]] for e in r.json()["errors"]), r.json()
    assert counts(session) == before


def test_retired_pathway_takes_no_proposals(client, session, world, auth):
    pathway = session.get(Pathway, world.pathway.id)
    pathway.status = "retired"
    session.add(pathway)
    session.commit()
    r = client.post(URL, json=proposal_body(), headers=auth("contributor", "4601"))
    assert r.status_code == 422 and "retired" in r.json()["detail"]
    assert counts(session)["proposals"] == 0


def test_who_may_submit(client, session, base, auth):
    assert client.post(URL, json=proposal_body()).status_code == 401
    assert client.post(URL, json=proposal_body(), headers=auth("reader", "4601")).status_code == 403
    other = auth("contributor", "4624")
    assert client.post(URL, json=proposal_body(), headers=other).status_code == 403
    # Sideways is never allowed: another community's layer, another municipality's.
    community = proposal_body(locality="bergen", mode="append")
    assert client.post(URL, json=community, headers=auth("contributor", "fonna")).status_code == 403
    assert client.post(URL, json=community, headers=auth("contributor", "1106")).status_code == 403
    assert counts(session)["proposals"] == 0
    # Up the own chain is: the region's base text from a community or a municipality.
    region = proposal_body(locality="helse-vest")
    for scope in ("helse-vest", "bergen", "4601"):
        r = client.post(URL, json=region, headers=auth("contributor", scope))
        assert r.status_code == 201, r.text
        assert r.json()["proposer_locality"] == scope
    r = client.post(URL, json=community, headers=auth("contributor", "4624"))
    assert r.status_code == 201 and r.json()["locality"] == "bergen"


def test_list_scopes_filters_and_pages(client, base, auth):
    mine = auth("contributor", "4601")
    ids = [
        client.post(URL, json=proposal_body(text=f"Forslag {i}."), headers=mine).json()["id"]
        for i in range(3)
    ]
    other = client.post(
        URL, json=proposal_body(locality="4624"), headers=auth("contributor", "4624")
    )
    assert other.status_code == 201
    community = client.get(URL, headers=auth("reader", "bergen")).json()["items"]
    assert [p["id"] for p in community] == [*ids, other.json()["id"]]
    local = client.get(URL, headers=auth("reader", "4601")).json()["items"]
    assert [p["id"] for p in local] == ids
    assert client.get(URL, headers=auth("reader", "1106")).json()["items"] == []
    assert client.get(URL).status_code == 401
    filtered = client.get(URL, params={"locality": "4624"}, headers=auth("admin")).json()
    assert [p["id"] for p in filtered["items"]] == [other.json()["id"]]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, params=params, headers=auth("reader", "bergen")).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [*ids, other.json()["id"]]
    h = auth("editor", "4601")
    client.post(f"{URL}/{ids[0]}/reject", json={"note": "Nei."}, headers=h)
    rejected = client.get(URL, params={"status": "rejected"}, headers=h).json()["items"]
    assert [p["id"] for p in rejected] == [ids[0]]
    assert client.get(URL, params={"status": "open"}, headers=h).status_code == 422
    assert client.get(URL, params={"pathway": "nei"}, headers=h).status_code == 422


def test_comments_while_submitted(client, base, auth):
    proposer = auth("contributor", "4601")
    pid = client.post(URL, json=proposal_body(), headers=proposer).json()["id"]
    r = client.post(f"{URL}/{pid}/comments", json={"text": "Vi har prøvd dette."}, headers=proposer)
    assert r.status_code == 201 and r.json()["text"] == "Vi har prøvd dette."
    colleague = auth("contributor", "bergen")
    assert (
        client.post(f"{URL}/{pid}/comments", json={"text": "Enig."}, headers=colleague).status_code
        == 201
    )
    outsider = auth("contributor", "1106")
    assert (
        client.post(f"{URL}/{pid}/comments", json={"text": "?"}, headers=outsider).status_code
        == 403
    )
    assert (
        client.post(f"{URL}/{pid}/comments", json={"text": "  "}, headers=proposer).status_code
        == 422
    )
    got = client.get(f"{URL}/{pid}", headers=auth("reader", "4601"))
    assert got.status_code == 200 and "etag" in got.headers
    assert [c["text"] for c in got.json()["comments"]] == ["Vi har prøvd dette.", "Enig."]
    assert client.get(f"{URL}/{pid}", headers=auth("reader", "1106")).status_code == 403
    assert client.get(f"{URL}/{pid + 100}", headers=auth("admin")).status_code == 404
    client.post(f"{URL}/{pid}/withdraw", headers=proposer)
    late = client.post(f"{URL}/{pid}/comments", json={"text": "Sent."}, headers=proposer)
    assert late.status_code == 409


def test_accept_publishes_a_revision_that_points_back(client, session, base, auth):
    pid = client.post(URL, json=proposal_body(), headers=auth("contributor", "4601")).json()["id"]
    before = counts(session)
    assert (
        client.post(f"{URL}/{pid}/accept", headers=auth("contributor", "4601")).status_code == 403
    )
    assert client.post(f"{URL}/{pid}/accept", headers=auth("editor", "4624")).status_code == 403
    assert client.post(f"{URL}/{pid}/accept").status_code == 401
    assert counts(session) == before
    r = client.post(f"{URL}/{pid}/accept", json={"note": "Fint."}, headers=auth("editor", "bergen"))
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["status"] == "accepted" and p["decided_by"].startswith("test-editor-bergen")
    assert p["revision"] and p["decision_note"] == "Fint."
    entry = client.get(TEXT_URL.format(code="4601", st="helsestasjon", sec="role")).json()
    assert entry["revision"] == p["revision"] and entry["text"] == proposal_body()["text"]
    assert entry["based_on"] == base["revision"]
    revs = client.get(TEXT_URL.format(code="4601", st="helsestasjon", sec="role") + "/revisions")
    assert revs.json()["items"][0]["proposal_id"] == pid
    assert revs.json()["items"][0]["author"] == p["decided_by"]
    after = counts(session)
    assert after["revisions"] == before["revisions"] + 1
    assert after["log"] == before["log"] + 2  # the text and the proposal
    again = client.post(f"{URL}/{pid}/accept", headers=auth("editor", "bergen"))
    assert again.status_code == 409 and "accepted" in again.json()["detail"]
    assert (
        client.post(
            f"{URL}/{pid}/reject", json={"note": "x"}, headers=auth("editor", "bergen")
        ).status_code
        == 409
    )
    assert counts(session) == after


def test_conflict_shows_both_texts_then_a_resolved_text_is_accepted(client, session, base, auth):
    pid = client.post(URL, json=proposal_body(), headers=auth("contributor", "4601")).json()["id"]
    changed = put_text(client, auth("editor", "4601"), "4601", "Lokal endring imens.")
    before = counts(session)
    editor = auth("editor", "4601")
    r = client.post(f"{URL}/{pid}/accept", headers=editor)
    assert r.status_code == 409
    problem = r.json()
    assert problem["based_on"] == base["revision"]
    assert problem["current"]["revision"] == changed["revision"]
    assert problem["current"]["text"] == "Lokal endring imens."
    assert problem["proposed"]["text"] == proposal_body()["text"]
    assert counts(session) == before
    assert client.get(f"{URL}/{pid}", headers=editor).json()["status"] == "submitted"
    resolved = "Lokal endring imens. " + proposal_body()["text"]
    ok = client.post(f"{URL}/{pid}/accept", json={"text": resolved}, headers=editor)
    assert ok.status_code == 200, ok.text
    entry = client.get(TEXT_URL.format(code="4601", st="helsestasjon", sec="role")).json()
    assert entry["text"] == resolved and entry["revision"] == ok.json()["revision"]


def test_hide_proposal_takes_no_resolved_text(client, base, auth):
    body = proposal_body(mode="hide", text=None)
    pid = client.post(URL, json=body, headers=auth("contributor", "4601")).json()["id"]
    r = client.post(f"{URL}/{pid}/accept", json={"text": "x"}, headers=auth("editor", "4601"))
    assert r.status_code == 422
    ok = client.post(f"{URL}/{pid}/accept", headers=auth("editor", "4601"))
    assert ok.status_code == 200
    entry = client.get(TEXT_URL.format(code="4601", st="helsestasjon", sec="role")).json()
    assert entry["mode"] == "hide"


def test_reject_and_withdraw(client, session, base, auth):
    proposer = auth("contributor", "4601")
    a = client.post(URL, json=proposal_body(), headers=proposer).json()["id"]
    b = client.post(URL, json=proposal_body(), headers=proposer).json()["id"]
    editor = auth("editor", "4601")
    assert client.post(f"{URL}/{a}/reject", json={}, headers=editor).status_code == 422
    assert (
        client.post(f"{URL}/{a}/reject", json={"note": "Nei."}, headers=proposer).status_code == 403
    )
    r = client.post(f"{URL}/{a}/reject", json={"note": "Dekkes regionalt."}, headers=editor)
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert client.post(f"{URL}/{b}/withdraw", headers=editor).status_code == 403
    assert (
        client.post(f"{URL}/{b}/withdraw", headers=auth("contributor", "4601")).status_code == 403
    )
    w = client.post(f"{URL}/{b}/withdraw", headers=proposer)
    assert w.status_code == 200 and w.json()["status"] == "withdrawn"
    assert client.post(f"{URL}/{b}/withdraw", headers=proposer).status_code == 409
    assert client.post(f"{URL}/{b}/accept", headers=editor).status_code == 409
    assert counts(session)["revisions"] == 1
