"""Two reviewers accept conflicting proposals for one slot at once: one wins, one gets 409."""

import threading

from sqlalchemy import func
from sqlmodel import select

from app.core.auth import Principal
from app.core.db import open_session
from app.core.errors import Conflict
from app.models import ChangeProposal, TextRevision
from app.models.base import Role
from app.proposals import service
from app.proposals.schemas import AcceptBody
from tests.proposals.helpers import proposal_body, put_text


def _accept(proposal_id: int, reviewer: str) -> str:
    principal = Principal(name=reviewer, role=Role.editor, scope="bergen")
    with open_session(write=True) as s:
        try:
            service.accept(s, proposal_id=proposal_id, principal=principal, data=AcceptBody())
        except Conflict:
            return "conflict"
    return "accepted"


def test_conflicting_accepts_one_wins(client, session, world, auth):
    put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")
    for round_ in range(4):
        h = auth("contributor", "4601")
        ids = [
            client.post(
                "/v1/change-proposals",
                json=proposal_body(text=f"Runde {round_}, forslag {n}."),
                headers=h,
            ).json()["id"]
            for n in range(2)
        ]
        barrier = threading.Barrier(2)
        outcomes: dict[int, str] = {}

        def run(pid: int, n: int, barrier=barrier, outcomes=outcomes) -> None:
            barrier.wait()
            outcomes[pid] = _accept(pid, f"redaktør-{n}")

        threads = [threading.Thread(target=run, args=(pid, n)) for n, pid in enumerate(ids)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcomes.values()) == ["accepted", "conflict"], outcomes
        with open_session(write=False) as s:
            statuses = {
                p.id: p.status
                for p in s.exec(select(ChangeProposal).where(ChangeProposal.id.in_(ids))).all()
            }
            applied = s.exec(
                select(func.count())
                .select_from(TextRevision)
                .where(TextRevision.proposal_id.in_(ids))
            ).one()
        winner = next(pid for pid, o in outcomes.items() if o == "accepted")
        assert statuses == {pid: ("accepted" if pid == winner else "submitted") for pid in ids}
        assert applied == 1
    with open_session(write=False) as s:
        assert s.exec(select(func.count()).select_from(TextRevision)).one() == 1 + 4


def test_same_proposal_accepted_twice_at_once(client, world, auth):
    put_text(client, auth("editor", "helse-vest"), "helse-vest", "Regional rolle.")
    pid = client.post(
        "/v1/change-proposals", json=proposal_body(), headers=auth("contributor", "4601")
    ).json()["id"]
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def run(n: int) -> None:
        barrier.wait()
        outcomes.append(_accept(pid, f"redaktør-{n}"))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["accepted", "conflict", "conflict"]
    with open_session(write=False) as s:
        assert (
            s.exec(
                select(func.count())
                .select_from(TextRevision)
                .where(TextRevision.proposal_id == pid)
            ).one()
            == 1
        )
