"""The pure rules of webhooks: event kinds, which subscription gets what, when to retry,
which addresses a target may have. Plain functions over plain data, no I/O."""

import ipaddress
from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from app.localities import tree

# Every kind a subscription may name, with what it means (the OpenAPI document and the
# README list them from here). `<entity>.*` and `*` take every kind of an entity / all.
EVENT_KINDS: dict[str, str] = {
    "text.upsert": "A layer's text entry was published (or a scheduled one took effect).",
    "text.delete": "A layer's text entry was removed (tombstone): the slot inherits again.",
    "text.cancel": "A scheduled revision was called off before it took effect.",
    "pathway.upsert": "A pathway was created or its metadata changed.",
    "pathway.delete": "A pathway was removed (tombstone).",
    "locality.upsert": "A locality was created or renamed.",
    "service_type.upsert": "A service type was created or changed.",
    "service_unit.upsert": "A service unit was created or changed.",
    "service_unit.delete": "A service unit was removed (tombstone).",
    "case.upsert": "A case in the case library was published or changed.",
    "case.delete": "A case was removed (tombstone).",
    "event.upsert": "A collaboration day was created or changed.",
    "proposal.upsert": "A change proposal was submitted or decided.",
    "review.due": "A pathway's review cycle fell due in a locality.",
}
# Sent only by the test ping, to the one subscription pinged; never subscribed to.
PING_KIND = "webhook.ping"


def unknown_kinds(kinds: Collection[str]) -> list[str]:
    """The kinds in `kinds` that are neither known, `<entity>.*` of a known entity, nor `*`."""
    entities = {k.split(".", 1)[0] for k in EVENT_KINDS}
    bad = []
    for kind in kinds:
        if kind == "*" or kind in EVENT_KINDS:
            continue
        entity, _, action = kind.partition(".")
        if action == "*" and entity in entities:
            continue
        bad.append(kind)
    return bad


def wants_kind(kinds: Collection[str], kind: str) -> bool:
    """True when a subscription to `kinds` receives events of `kind`."""
    return "*" in kinds or kind in kinds or f"{kind.split('.', 1)[0]}.*" in kinds


def matches(
    *,
    kinds: Collection[str],
    locality: str | None,
    pathways: Collection[str],
    event_kind: str,
    event_locality: str | None,
    event_pathway: str | None,
    parents: Mapping[str, str | None],
    adopters: Mapping[tuple[str, str], Collection[str]] | None = None,
) -> bool:
    """Whether a subscription (kinds, a locality's subtree, pathways) gets an event.

    A subtree's views change with its own layers and with every layer above it (the
    region's base text), so both come through, as in the feed's `locality` filter. An
    event without a locality (a catalogue or pathway change) reaches every locality's
    views; likewise an event without a pathway reaches every pathway filter. `adopters`
    ((owner, pathway) → adopting localities) carries an owner's change to their subtrees.
    """
    if not wants_kind(kinds, event_kind):
        return False
    if pathways and event_pathway is not None and event_pathway not in pathways:
        return False
    if locality is None or event_locality is None:
        return True
    # An owner's base text reaches the subtrees of the localities that adopted the pathway.
    places = [event_locality]
    if adopters and event_pathway is not None:
        places.extend(adopters.get((event_locality, event_pathway), ()))
    return any(
        locality in tree.chain(parents, place) or place in tree.chain(parents, locality)
        for place in places
    )


def retry_delay(attempt: int, *, base: float, cap: float, jitter: float) -> float:
    """Seconds before the next try after `attempt` failed tries (1, 2, …).

    Exponential (base × 2^(attempt-1), at most `cap`) with "equal jitter": a random half
    on top of a fixed half, so receivers that come back are not hit by every sender at
    once. `jitter` is a random number in [0, 1).
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    delay = min(cap, base * 2 ** min(attempt - 1, 62))
    return delay / 2 + delay / 2 * jitter


def gives_up(first_attempt_at: datetime, now: datetime, *, window: float) -> bool:
    """True once a delivery has failed for longer than the retry window (24 hours)."""
    return now - first_attempt_at >= timedelta(seconds=window)


def forbidden_address(address: str) -> str | None:
    """Why an address may not be a webhook target (None: a public address is fine)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (cloud metadata lives there)"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "an address that is not public"
    return None
