"""Journeys (../shared/design/journeys.md): one module per journey, across roles, over HTTP.

Each journey runs on the demo data of Helse Vest (seeded once per backend and copied per
test, like `forlop seed --demo`), on SQLite and PostgreSQL, with one API key per person.
The fixtures here give a journey its people and a few readers of what they would notice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.db import open_session
from app.demo.seed import seed_demo
from tests import contents
from tests.factories import make_key

DEMO = "journeys-demo"


@contents.seeder(DEMO)
def _seed_demo() -> dict[str, int]:
    """The demo data as `forlop seed --demo` writes it."""
    with open_session(write=True) as s:
        return seed_demo(s)


@dataclass(frozen=True)
class Person:
    """Someone in a journey: a name, a role, where they work, and their key's headers."""

    name: str
    role: str
    locality: str | None
    headers: dict[str, str]

    def with_headers(self, **extra: str) -> dict[str, str]:
        """The key's headers plus extra ones (`If_Match="…"` becomes `If-Match`)."""
        return {**self.headers, **{k.replace("_", "-"): v for k, v in extra.items()}}


@pytest.fixture
def person(session: Session) -> Callable[..., Person]:
    """Give someone a key: `person("Sofie", "contributor", "4601")`."""

    def make(name: str, role: str, locality: str | None = None) -> Person:
        token = make_key(session, role=role, locality=locality, name=name)
        return Person(name, role, locality, {"Authorization": f"Bearer {token}"})

    return make


def slot_url(code: str, slug: str, service_type: str, section: str) -> str:
    """One layer of one slot."""
    return f"/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}"


def merged_section(
    client: TestClient, code: str, slug: str, service_type: str, section: str, **params: Any
) -> dict[str, Any] | None:
    """The section as the locality's merged view shows it (None when it is not shown)."""
    r = client.get(f"/v1/localities/{code}/pathways/{slug}", params=params)
    assert r.status_code == 200, r.text
    for service in r.json()["services"]:
        if service["service_type"]["code"] == service_type:
            for sec in service["sections"]:
                if sec["key"] == section:
                    return sec  # type: ignore[no-any-return]
    return None


def feed_after(client: TestClient, after: int, **params: Any) -> list[dict[str, Any]]:
    """Every change after `seq`, as an integration script following the feed reads them."""
    items: list[dict[str, Any]] = []
    while True:
        r = client.get("/v1/changes", params={"after": after, "limit": 500, **params})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        if page["next_after"] == after:
            return items
        after = page["next_after"]


def feed_head(client: TestClient) -> int:
    """The newest `seq` of the feed now: where a script that starts today begins."""
    items = feed_after(client, 0)
    return items[-1]["seq"] if items else 0
