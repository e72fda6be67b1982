"""A created review round is answered even when another writer takes the lock at once."""

import sqlite3

import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session

from app.core.auth import Principal
from app.core.config import get_settings
from app.core.db import commit_answer, open_session, reset_engine
from app.models import ReviewRound
from app.models.base import Role
from app.rounds import service
from app.rounds.schemas import RoundCreate
from tests.factories import World
from tests.rounds.helpers import period


def test_create_answers_even_when_another_writer_holds_the_lock_after_the_commit(
    backend: str, db_url: str, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's single write lock is what a read after the commit waited for")
    monkeypatch.setenv("FORLOP_SQLITE_BUSY_TIMEOUT_MS", "100")
    get_settings.cache_clear()
    reset_engine()
    other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None, timeout=0.1)
    data = RoundCreate.model_validate({"title": "Revisjon", "pathways": ["angst"], **period()})
    with open_session(write=True) as write:
        event.listen(write, "after_commit", lambda _: other.execute("BEGIN IMMEDIATE"))
        try:
            answer = service.create_round(
                write, principal=Principal("redaktør", Role.editor, "bergen"), code="bergen",
                data=data,
            )  # fmt: skip
        finally:
            other.execute("ROLLBACK")
            other.close()
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
