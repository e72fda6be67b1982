"""A stored proposal is never answered with an error: nothing waits for a lock after the commit."""

import sqlite3

import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session

from app.core.auth import Principal
from app.core.config import get_settings
from app.core.db import open_session, reset_engine
from app.models import ChangeProposal
from app.models.base import Role
from app.proposals import service
from app.proposals.schemas import ProposalCreate
from tests.factories import World


def test_submit_answers_even_when_another_writer_holds_the_lock_after_the_commit(
    backend: str, db_url: str, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's single write lock is what a read after the commit waited for")
    monkeypatch.setenv("FORLOP_SQLITE_BUSY_TIMEOUT_MS", "100")
    get_settings.cache_clear()
    reset_engine()
    other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None, timeout=0.1)
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
    with open_session(write=True) as write:
        # The moment it commits, another request's write transaction takes the lock.
        event.listen(write, "after_commit", lambda _: other.execute("BEGIN IMMEDIATE"))
        try:
            answer = service.create(
                write,
                principal=Principal("redaktør", Role.editor, "4601"),
                data=data,
                default_lang="nb",
            )
        finally:
            other.execute("ROLLBACK")
            other.close()

    assert answer.status == "submitted"
    stored = session.execute(select(func.count()).select_from(ChangeProposal)).scalar_one()
    assert stored == 1
