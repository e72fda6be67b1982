"""The life of a change proposal as a pure transition table: status × action → status.

Who may take an action is part of the table too (`ACTOR`), so the rules read in one place;
the service checks the actor's key against it and turns an illegal move into a 409.
Comments are a move that keeps the status: they are taken only while a proposal is
`submitted` (a decision's reasons go in its note).
"""

from enum import StrEnum


class Status(StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    rejected = "rejected"
    withdrawn = "withdrawn"


class Action(StrEnum):
    comment = "comment"
    accept = "accept"
    reject = "reject"
    withdraw = "withdraw"


class Actor(StrEnum):
    """Who may take an action: a contributor in scope, an editor in scope, or the proposer."""

    participant = "participant"
    reviewer = "reviewer"
    proposer = "proposer"


TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.submitted, Action.comment): Status.submitted,
    (Status.submitted, Action.accept): Status.accepted,
    (Status.submitted, Action.reject): Status.rejected,
    (Status.submitted, Action.withdraw): Status.withdrawn,
}

ACTOR: dict[Action, Actor] = {
    Action.comment: Actor.participant,
    Action.accept: Actor.reviewer,
    Action.reject: Actor.reviewer,
    Action.withdraw: Actor.proposer,
}

FINAL: frozenset[Status] = frozenset(
    s for s in Status if not any(src is s for (src, _) in TRANSITIONS)
)


class IllegalTransition(Exception):
    """The action is not possible from the proposal's status."""

    def __init__(self, status: Status, action: Action) -> None:
        super().__init__(f"A proposal that is '{status}' cannot be {_PAST[action]}.")
        self.status = status
        self.action = action


_PAST = {
    Action.comment: "commented on",
    Action.accept: "accepted",
    Action.reject: "rejected",
    Action.withdraw: "withdrawn",
}


def next_status(status: Status | str, action: Action | str) -> Status:
    """The status after `action`; IllegalTransition when the table has no such move."""
    src, act = Status(status), Action(action)
    try:
        return TRANSITIONS[(src, act)]
    except KeyError:
        raise IllegalTransition(src, act) from None


def allowed_actions(status: Status | str) -> list[Action]:
    """The actions the table allows from `status`, in a fixed order."""
    src = Status(status)
    return [a for a in Action if (src, a) in TRANSITIONS]
