"""The proposal transition table, every status × action pair."""

import itertools

import pytest

from app.proposals.workflow import (
    ACTOR,
    FINAL,
    Action,
    Actor,
    IllegalTransition,
    Status,
    allowed_actions,
    next_status,
)

EXPECTED = {
    (Status.submitted, Action.comment): Status.submitted,
    (Status.submitted, Action.accept): Status.accepted,
    (Status.submitted, Action.reject): Status.rejected,
    (Status.submitted, Action.withdraw): Status.withdrawn,
}


@pytest.mark.parametrize(("status", "action"), list(itertools.product(Status, Action)))
def test_every_pair(status, action):
    if (status, action) in EXPECTED:
        assert next_status(status, action) is EXPECTED[(status, action)]
    else:
        with pytest.raises(IllegalTransition) as info:
            next_status(status, action)
        assert status.value in str(info.value)


def test_decisions_are_final():
    assert {Status.accepted, Status.rejected, Status.withdrawn} == FINAL
    for status in FINAL:
        assert allowed_actions(status) == []
    assert allowed_actions("submitted") == [
        Action.comment,
        Action.accept,
        Action.reject,
        Action.withdraw,
    ]


def test_strings_are_accepted_and_unknown_ones_refused():
    assert next_status("submitted", "accept") is Status.accepted
    with pytest.raises(ValueError):
        next_status("draft", "accept")
    with pytest.raises(ValueError):
        next_status("submitted", "publish")


def test_who_may_act():
    assert ACTOR[Action.accept] is ACTOR[Action.reject] is Actor.reviewer
    assert ACTOR[Action.withdraw] is Actor.proposer
    assert ACTOR[Action.comment] is Actor.participant
    assert set(ACTOR) == set(Action)
