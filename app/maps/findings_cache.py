"""The community findings overview, kept per process while nothing it was built from changed.

Building it merges every published pathway for every municipality under the locality
(462 merges for `helse-vest` on the demo, 1.3–1.9 s); paging and the severity filter then
only slice the result. It is held under the same freshness rules as the merged views
(`app.texts.read_cache`): the content version token read before the build must still be current,
and an overview expires when a scheduled revision it was built around takes effect.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.texts.read_cache import expiry_of, get_cache

# Overviews held at once (per locality and language); the demo has a few communities.
MAX_HELD = 32

_lock = threading.Lock()
_held: OrderedDict[tuple[Any, ...], tuple[Any, float | None, Any]] = OrderedDict()


def held(
    session: Session,
    key: tuple[Any, ...],
    build: Callable[[], tuple[Any, list[datetime]]],
    *,
    now: datetime,
) -> Any:
    """What `build` returns for `key`, built again only when content changed since or a
    scheduled revision among the rows it read has taken effect. `build` returns the value
    and the future `valid_from`s it saw; the value is shared and must not be changed."""
    token = get_cache().token()
    full_key = (str(session.get_bind().engine.url), *key)
    found = _held.get(full_key)
    if found is not None and token is not None and found[0] == token:
        expires = found[1]
        if expires is None or now.timestamp() < expires:
            return found[2]
    value, future = build()
    if token is not None:  # None: freshness cannot be vouched for, so nothing is kept
        expiry = expiry_of(list[datetime | None](future), now=now)
        with _lock:
            _held[full_key] = (token, expiry.timestamp() if expiry else None, value)
            _held.move_to_end(full_key)
            while len(_held) > MAX_HELD:
                _held.popitem(last=False)
    return value


def clear() -> None:
    """Forget every held overview (tests and benchmarks)."""
    with _lock:
        _held.clear()
