"""A stored proposal is never answered with an error: nothing waits for a lock after the commit."""

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.core.auth import Principal
from app.models import ChangeProposal
from app.models.base import Role
from app.proposals import service
from app.proposals.schemas import ProposalCreate
from tests.factories import World
from tests.locks import lock_taken_after_commit


def test_submit_answers_even_when_another_writer_holds_the_lock_after_the_commit(
    backend: str, db_url: str, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ProposalCreate.model_validate(
        {
            "locality": "4601",
            "pathway": "angst",
            "service_type": "helsestasjon",
            "section": "role",
            "mode": "append",
            "text": "Åpen dør tirsdager.",
        }
    )
    with lock_taken_after_commit(backend, db_url, monkeypatch) as write:
        answer = service.create(
            write,
            principal=Principal("redaktør", Role.editor, "4601"),
            data=data,
            default_lang="nb",
        )

    assert answer.status == "submitted"
    stored = session.execute(select(func.count()).select_from(ChangeProposal)).scalar_one()
    assert stored == 1
