"""The relevance set over the demo data: precision at 5 may only get better.

Prints each query's precision and the mean; fails when the mean falls below `FLOOR`
(the level reached when the set was written) or any query with `expect=()` finds a hit.
"""

import pytest

from app.core.db import open_session
from app.demo.seed import seed_demo
from app.search import index
from tests import contents
from tests.search.relevance_cases import CASES, Case

FLOOR = 0.9  # 0.91 reached when written (both databases); only ever raise it

pytestmark = pytest.mark.db_content("search-demo")


@contents.seeder("search-demo")
def _seed() -> dict[str, int]:
    index.install()
    with open_session(write=True) as s:
        return seed_demo(s)


def _key(hit: dict) -> str:
    if hit["kind"] == "section":
        return f"{hit['pathway']['slug']}/{hit['service_type']['code']}/{hit['section']['key']}"
    if hit["kind"] == "unit":
        return f"unit:{hit['unit']['name']}"
    return f"type:{hit['service_type']['code']}"


def precision_at_5(case: Case, keys: list[str]) -> float:
    if not case.expect:
        return 0.0 if any(not k.startswith(("unit:", "type:")) for k in keys) else 1.0
    top = keys[:5]
    return sum(1 for k in case.expect if k in top) / min(5, len(case.expect))


def test_precision_at_5(client, capsys):
    scores = []
    for case in CASES:
        r = client.get(f"/v1/localities/{case.code}/search",
                       params={"q": case.q, "lang": case.lang, "limit": 10})  # fmt: skip
        assert r.status_code == 200, (case, r.text)
        keys = [_key(h) for h in r.json()["items"]]
        p = precision_at_5(case, keys)
        scores.append(p)
        with capsys.disabled():
            print(f"{p:4.2f}  {case.code} {case.lang} {case.q!r:36} top: {keys[:5]}")
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        print(f"precision@5 over {len(CASES)} queries: {mean:.3f}")
    assert all(p == 1.0 for c, p in zip(CASES, scores, strict=True) if not c.expect)
    assert mean >= FLOOR
