"""Review cycles: the interval, marks and closed rounds as reviews, what is due in a
subtree, and a `review.due` event once when a pathway falls due."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.core.db import open_session
from app.models import ChangeLogEntry, Pathway, ReviewRound, ReviewRoundPathway
from app.reviews import cycle, service


def age_pathway(session: Session, world, days: int) -> None:
    pathway = session.get(Pathway, world.pathway.id)
    assert pathway is not None
    pathway.created_at = datetime.now(UTC) - timedelta(days=days)
    session.add(pathway)
    session.commit()


def due(client, headers, code="helse-vest", **params):
    r = client.get(f"/v1/localities/{code}/reviews-due", headers=headers, params=params)
    assert r.status_code == 200, r.json()
    return [
        (i["locality"], i["pathway"], i["status"], i["last_reviewed_on"]) for i in r.json()["items"]
    ]


def test_cycle_marks_and_rounds(client, world, auth, session: Session):
    reader = auth("reader", "helse-vest")
    # No cycle: nothing is ever due.
    age_pathway(session, world, days=800)
    assert due(client, reader) == []
    r = client.put(
        "/v1/pathways/angst/review-cycle", json={"months": 24}, headers=auth("editor", "helse-vest")
    )
    assert r.status_code == 200 and r.json() == {"pathway": "angst", "months": 24}
    # Created 800 days ago, never reviewed: overdue at the region.
    assert due(client, reader) == [("helse-vest", "angst", "overdue", None)]
    # Bergen marks a review: Bergen and its municipalities are fine, the region is not.
    r = client.post(
        "/v1/localities/bergen/pathways/angst/reviews",
        json={"note": "Gjennomgått på fagdag"},
        headers=auth("editor", "bergen"),
    )
    assert r.status_code == 201, r.json()
    today = datetime.now(UTC).date().isoformat()
    assert r.json()["reviewed_on"] == today
    assert due(client, reader) == [("helse-vest", "angst", "overdue", None)]
    assert due(client, auth("reader", "bergen"), code="bergen") == []
    assert due(client, reader, code="fonna") == [("fonna", "angst", "overdue", None)]
    # A round in Fonna that has closed counts as Fonna's review.
    round_ = ReviewRound(
        locality_id=world.fonna.id,
        title="Lokal revisjon",
        opens_at=datetime.now(UTC) - timedelta(days=60),
        closes_at=datetime.now(UTC) - timedelta(days=30),
        created_by="test",
    )
    session.add(round_)
    session.flush()
    session.add(ReviewRoundPathway(round_id=round_.id, pathway_id=world.pathway.id, position=0))
    session.commit()
    assert due(client, reader, code="fonna") == []
    # 24 months after Fonna's round it falls due again, shown as due 30 days ahead.
    with open_session(write=False) as s:
        later = service.reviews_due(
            s, code="fonna", within_days=30, now=round_.closes_at + timedelta(days=720)
        )
    assert [(i.locality, i.status.value, i.due_on) for i in later.items] == [
        ("fonna", "due", cycle.add_months(round_.closes_at.date(), 24))
    ]


def test_bad_input_and_scope(client, world, auth):
    r = client.put(
        "/v1/pathways/angst/review-cycle", json={"months": 24}, headers=auth("editor", "bergen")
    )
    assert r.status_code == 403
    r = client.put("/v1/pathways/angst/review-cycle", json={"months": 0}, headers=auth("admin"))
    assert r.status_code == 422
    r = client.put("/v1/pathways/sorg/review-cycle", json={"months": 12}, headers=auth("admin"))
    assert r.status_code == 404
    future = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    r = client.post(
        "/v1/localities/4601/pathways/angst/reviews",
        json={"reviewed_on": future},
        headers=auth("editor", "4601"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "reviewed_on"]
    r = client.post(
        "/v1/localities/4624/pathways/angst/reviews", json={}, headers=auth("editor", "4601")
    )
    assert r.status_code == 403
    assert client.get("/v1/localities/bergen/reviews-due").status_code == 401
    assert (
        client.get("/v1/localities/bergen/reviews-due", headers=auth("reader", "fonna")).status_code
        == 403
    )


def test_review_due_is_announced_once(client, world, auth, session: Session):
    age_pathway(session, world, days=400)
    client.put("/v1/pathways/angst/review-cycle", json={"months": 12}, headers=auth("admin"))
    assert service.announce_due() == 1
    assert service.announce_due() == 0
    entries = session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity == "review")).all()
    assert [(e.action, e.locality, e.pathway, e.cause) for e in entries] == [
        ("due", "helse-vest", "angst", "review")
    ]
    # Internal: the anonymous feed leaves it out, a key sees it as `review.due`.
    assert all(i["entity"] != "review" for i in client.get("/v1/changes").json()["items"])
    keyed = client.get("/v1/changes", headers=auth("reader")).json()["items"]
    assert [i["kind"] for i in keyed if i["entity"] == "review"] == ["review.due"]
