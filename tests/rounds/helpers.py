"""Helpers for review round tests."""

from datetime import UTC, datetime, timedelta


def period(*, opened_days_ago: float = 1, closes_in_days: float = 30) -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "opens_at": (now - timedelta(days=opened_days_ago)).isoformat(),
        "closes_at": (now + timedelta(days=closes_in_days)).isoformat(),
    }


def make_round(client, headers, *, code="bergen", pathways=("angst",), **when) -> dict:
    body = {"title": "Lokal revisjon våren 2027", "pathways": list(pathways), **period(**when)}
    r = client.post(f"/v1/localities/{code}/review-rounds", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()
