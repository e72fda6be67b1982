"""The pure rules: kinds, filter matching, retry schedule, forbidden addresses, impact's
views, review cycles."""

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.changes import meaning
from app.reviews import cycle
from app.webhooks import core
from app.webhooks.targets import pinned

PARENTS = {
    "helse-vest": None,
    "bergen": "helse-vest",
    "fonna": "helse-vest",
    "4601": "bergen",
    "4624": "bergen",
    "1106": "fonna",
}


def test_kinds():
    assert core.unknown_kinds(["text.upsert", "text.*", "*", "review.due"]) == []
    assert core.unknown_kinds(["text.update", "txt.*", "", "text"]) == [
        "text.update",
        "txt.*",
        "",
        "text",
    ]
    assert core.wants_kind(["text.*"], "text.cancel")
    assert not core.wants_kind(["text.upsert"], "text.delete")
    assert core.wants_kind(["*"], "review.due")


def match(locality, pathways, ev_locality, ev_pathway, kinds=("*",), kind="text.upsert"):
    return core.matches(
        kinds=kinds,
        locality=locality,
        pathways=pathways,
        event_kind=kind,
        event_locality=ev_locality,
        event_pathway=ev_pathway,
        parents=PARENTS,
    )


@pytest.mark.parametrize(
    ("locality", "pathways", "ev_locality", "ev_pathway", "expected"),
    [
        ("bergen", [], "4601", "angst", True),  # below
        ("bergen", [], "bergen", "angst", True),  # itself
        ("bergen", [], "helse-vest", "angst", True),  # above: bergen's views change
        ("bergen", [], "1106", "angst", False),  # a sibling's subtree
        ("bergen", [], "fonna", "angst", False),
        ("4601", [], "4624", "angst", False),
        ("bergen", [], None, None, True),  # catalogue: everyone
        (None, [], "1106", "angst", True),  # the whole region
        ("bergen", ["angst"], "4601", "adhd", False),
        ("bergen", ["angst"], "4601", None, True),  # every pathway
        ("bergen", ["angst", "adhd"], "4601", "adhd", True),
    ],
)
def test_filters(locality, pathways, ev_locality, ev_pathway, expected):
    assert match(locality, pathways, ev_locality, ev_pathway) is expected


def test_kind_filter_comes_first():
    assert not match(None, [], "4601", "angst", kinds=["text.delete"], kind="text.upsert")


def test_retry_delay_doubles_up_to_the_cap_with_jitter():
    lows = [core.retry_delay(a, base=5, cap=3600, jitter=0.0) for a in range(1, 12)]
    highs = [core.retry_delay(a, base=5, cap=3600, jitter=0.999999) for a in range(1, 12)]
    assert lows[:4] == [2.5, 5.0, 10.0, 20.0]
    assert highs[0] == pytest.approx(5.0) and highs[3] == pytest.approx(40.0)
    assert max(highs) == pytest.approx(3600)
    assert lows[-1] == 1800  # capped: half fixed, half random
    with pytest.raises(ValueError):
        core.retry_delay(0, base=5, cap=60, jitter=0.5)


@settings(derandomize=True, max_examples=200)
@given(st.integers(1, 10_000), st.floats(0, 0.999999))
def test_retry_delay_stays_within_half_and_whole(attempt, jitter):
    whole = min(60.0, 0.5 * 2 ** min(attempt - 1, 62))
    delay = core.retry_delay(attempt, base=0.5, cap=60, jitter=jitter)
    assert whole / 2 <= delay <= whole


def test_default_schedule_spans_the_day():
    # With the defaults (5 s base, 1 h cap): ~11 tries ramping up, then one every 45 min
    # on average (three quarters of the cap) for the rest of the day.
    total, attempt = 0.0, 0
    while total < 86400:
        attempt += 1
        total += core.retry_delay(attempt, base=5, cap=3600, jitter=0.5)
    assert 35 <= attempt <= 45


def test_gives_up_after_the_window():
    start = datetime(2026, 12, 6, tzinfo=UTC)
    assert not core.gives_up(start, start + timedelta(hours=23, minutes=59), window=86400)
    assert core.gives_up(start, start + timedelta(hours=24), window=86400)


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("93.184.215.14", None),
        ("2606:4700::6810:84e5", None),
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("172.16.5.4", "a private address"),
        ("169.254.169.254", "a link-local address (cloud metadata lives there)"),
        ("fe80::1", "a link-local address (cloud metadata lives there)"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("0.0.0.0", "a private address"),
        ("100.64.0.1", "an address that is not public"),
        ("224.0.0.1", "an address that is not public"),
        ("fc00::1", "a private address"),
    ],
)
def test_forbidden_addresses(address, refused):
    assert core.forbidden_address(address) == refused


def test_views_changed():
    sub = meaning.views_changed("text", "upsert", "bergen", "angst", PARENTS)
    assert [(v.locality, v.pathway) for v in sub] == [
        ("bergen", "angst"),
        ("4601", "angst"),
        ("4624", "angst"),
    ]
    assert meaning.views_changed("text", "cancel", "bergen", "angst", PARENTS) == []
    assert meaning.views_changed("event", "upsert", "bergen", None, PARENTS) == []
    assert meaning.views_changed("review", "due", "bergen", "angst", PARENTS) == []
    assert meaning.views_changed("service_type", "upsert", None, None, PARENTS) == [
        meaning.ViewRef(None, None)
    ]
    assert meaning.is_tombstone("delete") and not meaning.is_tombstone("cancel")
    assert meaning.parse_text_id("angst/bup/role/nb@r12") == meaning.SlotRef(
        "angst", "bup", "role", "nb"
    )
    assert meaning.parse_text_id("42") is None


def test_review_cycle():
    assert cycle.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert cycle.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert cycle.add_months(date(2024, 11, 15), 24) == date(2026, 11, 15)
    assert cycle.add_months(date(2024, 12, 1), 1) == date(2025, 1, 1)
    assert cycle.due_on(None, date(2024, 3, 1), 24) == date(2026, 3, 1)
    assert cycle.due_on(date(2025, 6, 1), date(2024, 3, 1), 12) == date(2026, 6, 1)
    today = date(2026, 12, 6)
    assert cycle.status_of(date(2026, 12, 5), today, within_days=30) is cycle.ReviewStatus.overdue
    assert cycle.status_of(today, today, within_days=0) is cycle.ReviewStatus.due
    assert cycle.status_of(date(2027, 1, 5), today, within_days=30) is cycle.ReviewStatus.due
    assert cycle.status_of(date(2027, 1, 6), today, within_days=30) is cycle.ReviewStatus.ok
    held = [
        ("bergen", date(2025, 1, 1)),
        ("helse-vest", date(2025, 6, 1)),
        ("fonna", date(2026, 1, 1)),
    ]
    assert cycle.last_review(held, ["helse-vest", "bergen", "4601"]) == date(2025, 6, 1)
    assert cycle.last_review(held, ["helse-vest", "fonna"]) == date(2026, 1, 1)
    assert cycle.last_review([], ["helse-vest"]) is None


def test_requests_go_to_the_checked_address():
    url = httpx.URL("https://intranett.example.no:8443/hooks?x=1")
    assert pinned(url, "93.184.215.14") == (
        httpx.URL("https://93.184.215.14:8443/hooks?x=1"),
        {"host": "intranett.example.no:8443"},
        {"sni_hostname": "intranett.example.no"},
    )
    six, host, ext = pinned(httpx.URL("https://example.no/h"), "2606:4700::6810:84e5")
    assert str(six) == "https://[2606:4700::6810:84e5]/h" and host == {"host": "example.no"}
    assert ext == {"sni_hostname": "example.no"}
    assert pinned(httpx.URL("http://localhost:8085/h"), "127.0.0.1")[2] == {}
