"""A created review round is answered even when another writer takes the lock at once."""

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.core.auth import Principal
from app.core.db import commit_answer
from app.models import ReviewRound
from app.models.base import Role
from app.rounds import service
from app.rounds.schemas import RoundCreate
from tests.factories import World
from tests.locks import lock_taken_after_commit
from tests.rounds.helpers import period


def test_create_answers_even_when_another_writer_holds_the_lock_after_the_commit(
    backend: str, db_url: str, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = RoundCreate.model_validate({"title": "Revisjon", "pathways": ["angst"], **period()})
    with lock_taken_after_commit(backend, db_url, monkeypatch) as write:
        answer = service.create_round(
            write, principal=Principal("redaktør", Role.editor, "bergen"), code="bergen", data=data
        )
    assert answer.pathways == ["angst"] and answer.municipalities
    assert session.execute(select(func.count()).select_from(ReviewRound)).scalar_one() == 1


def test_commit_answer_builds_the_answer_before_it_commits() -> None:
    calls: list[str] = []

    class Recorder:
        def flush(self) -> None:
            calls.append("flush")

        def commit(self) -> None:
            calls.append("commit")

    assert commit_answer(Recorder(), lambda: calls.append("answer") or "svar") == "svar"  # type: ignore[arg-type]
    assert calls == ["flush", "answer", "commit"]
