"""Concurrent writes to one slot: of several PUTs with the same If-Match exactly one wins."""

import threading

from sqlalchemy import func
from sqlmodel import select

from app.core.auth import Principal
from app.core.db import open_session
from app.core.errors import PreconditionFailed
from app.models import TextRevision
from app.models.base import Role
from app.texts import editing, slots
from app.texts.schemas import TextWrite

EDITOR = Principal(name="redaktør", role=Role.editor, scope="4601")


def _slot() -> slots.Slot:
    with open_session(write=False) as s:
        return slots.resolve_slot(
            s, code="4601", slug="angst", service_type="helsestasjon", section="role"
        )


def _write(slot: slots.Slot, text: str, **pre: str | None) -> str | None:
    data = TextWrite.model_validate(
        {"mode": "append", "text": text, "lang": "nb", "status": "published"}
    )
    with open_session(write=True) as s:
        _, tag, _ = editing.put_entry(
            s,
            slot=slot,
            principal=EDITOR,
            data=data,
            if_match=pre.get("if_match"),
            if_none_match=pre.get("if_none_match"),
        )
    return tag


def test_same_if_match_exactly_one_wins(world):
    slot = _slot()
    tag = _write(slot, "start", if_none_match="*")
    writers = 4
    for round_ in range(6):
        barrier = threading.Barrier(writers)
        outcomes: list[str | None] = []
        lock = threading.Lock()

        def attempt(n: int, expected: str | None = tag, r: int = round_) -> None:
            barrier.wait()  # noqa: B023
            try:
                result = _write(slot, f"runde {r}, skriver {n}", if_match=expected)
            except PreconditionFailed:
                result = None
            with lock:  # noqa: B023
                outcomes.append(result)  # noqa: B023

        threads = [threading.Thread(target=attempt, args=(n,)) for n in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        winners = [o for o in outcomes if o is not None]
        assert len(outcomes) == writers
        assert len(winners) == 1, outcomes
        tag = winners[0]
    with open_session(write=False) as s:
        assert s.exec(select(func.count()).select_from(TextRevision)).one() == 1 + 6
