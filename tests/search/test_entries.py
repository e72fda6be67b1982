"""Which revisions of a layer section the index holds: those some view can show from now on."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from app.search.index import entries_of

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


def rev(id_: int, *, days: int, status: str = "published", mode: str = "replace",
        valid_in: int | None = None, st: int = 1, lang: str = "nb"):  # fmt: skip
    return SimpleNamespace(
        id=id_, service_type_id=st, lang=lang, mode=mode, status=status,
        text=None if mode in ("hide", "inherit") else "x",
        created_at=NOW + timedelta(days=days),
        valid_from=None if valid_in is None else NOW + timedelta(days=valid_in),
    )  # fmt: skip


def ids(rows):
    return sorted(r.id for r in entries_of(rows, NOW))


def test_the_current_revision_scheduled_ones_and_later_drafts_are_kept() -> None:
    rows = [
        rev(1, days=-10),  # superseded
        rev(2, days=-9, status="draft"),  # a draft older than the current text
        rev(3, days=-5),  # current
        rev(4, days=-2, status="draft"),  # a later draft: preview shows it
        rev(5, days=-1, valid_in=7),  # scheduled
    ]
    assert ids(rows) == [3, 4, 5]


def test_keys_are_separate_and_texts_without_words_are_left_out() -> None:
    rows = [
        rev(1, days=-3, lang="nb"),
        rev(2, days=-3, lang="nn"),
        rev(3, days=-3, st=2),
        rev(4, days=-1, st=2, mode="hide"),  # hidden now: nothing to search
        rev(5, days=-1, st=3, mode="inherit"),
    ]
    assert ids(rows) == [1, 2]


def test_a_slot_with_only_drafts_keeps_them() -> None:
    assert ids([rev(1, days=-2, status="draft"), rev(2, days=-1, status="draft")]) == [1, 2]


def test_a_scheduled_revision_that_has_taken_effect_is_the_current_one() -> None:
    rows = [rev(1, days=-10), rev(2, days=-9, valid_in=-1)]
    assert ids(rows) == [2]
