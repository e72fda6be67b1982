"""Token buckets per client: public sign-ups, feedback, and failed authentications.

The buckets live in the process: with N workers or N instances a client gets up to N
times the configured rate. That is enough to stop a script hammering one endpoint; a
shared limit belongs in the load balancer (see the README, "Operating Forløp").
"""

import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from app.core.config import Settings, get_settings
from app.core.errors import TooManyRequests
from app.core.observability import current

PERIOD_SECONDS = 60.0


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """`capacity` tokens per key, refilled continuously at `capacity` per `period` seconds."""

    def __init__(
        self,
        capacity: int,
        period: float = PERIOD_SECONDS,
        *,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(capacity)
        self.rate = capacity / period
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def _bucket(self, key: str, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(self.capacity, now)
        else:
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
        return bucket

    def _prune(self, now: float) -> None:
        # A bucket that has refilled to capacity is the same as no bucket at all.
        full = [
            k
            for k, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.capacity
        ]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_keys:  # a flood of distinct clients: start over
            self._buckets.clear()

    def take(self, key: str) -> float:
        """Spend one token: 0 when allowed, else the seconds until one is available."""
        with self._lock:
            bucket = self._bucket(key, self.clock())
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def wait(self, key: str) -> float:
        """Seconds until `key` may spend a token again (0: it may now); spends nothing."""
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                return 0.0
            bucket = self._bucket(key, self.clock())
            return 0.0 if bucket.tokens >= 1.0 else (1.0 - bucket.tokens) / self.rate


class RateLimiter:
    """Named limits (`registration`, `feedback`, `failed_auth`) keyed by client address."""

    def __init__(self, limits: dict[str, int]) -> None:
        self.buckets = {name: TokenBuckets(n) for name, n in limits.items() if n > 0}

    @classmethod
    def from_settings(cls, settings: Settings) -> "RateLimiter":
        return cls(
            {
                "registration": settings.rate_limit_registration,
                "feedback": settings.rate_limit_feedback,
                "failed_auth": settings.rate_limit_failed_auth,
            }
        )

    def client_key(self, scope: MutableMapping[str, Any]) -> str:
        """The client's address: the peer, or what a trusted proxy said (app/core/forwarded).

        Never the headers themselves: anyone may write X-Forwarded-For."""
        client = scope.get("client")
        return client[0] if client else "unknown"

    def hit(self, name: str, scope: MutableMapping[str, Any]) -> None:
        """Spend one of the client's tokens for `name`; 429 when none is left."""
        buckets = self.buckets.get(name)
        if buckets is not None:
            _refuse(buckets.take(self.client_key(scope)))

    def spend(self, name: str, scope: MutableMapping[str, Any]) -> None:
        """Spend one of the client's tokens for `name` (if any is left), refusing nothing."""
        buckets = self.buckets.get(name)
        if buckets is not None:
            buckets.take(self.client_key(scope))

    def check(self, name: str, scope: MutableMapping[str, Any]) -> None:
        """429 when the client has no token left for `name`; spends nothing."""
        buckets = self.buckets.get(name)
        if buckets is not None:
            _refuse(buckets.wait(self.client_key(scope)))


def _refuse(wait: float) -> None:
    if wait > 0:
        retry = max(1, math.ceil(wait))
        raise TooManyRequests(
            f"Too many requests from this address: try again in {retry} s.",
            extra={"retry_after": retry},
            messages={
                "nb": f"For mange forsøk fra denne adressen: prøv igjen om {retry} s.",
                "nn": f"For mange forsøk frå denne adressa: prøv igjen om {retry} s.",
            },
        )


_create_lock = threading.Lock()


def limiter_of(app: Any) -> RateLimiter:
    """The app's limiter, made on first use (one per app: tests get fresh buckets)."""
    limiter = getattr(app.state, "rate_limiter", None)
    if limiter is None:
        with _create_lock:
            limiter = getattr(app.state, "rate_limiter", None)
            if limiter is None:
                limiter = app.state.rate_limiter = RateLimiter.from_settings(get_settings())
    return limiter


def rate_limited(name: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency spending one of the client's `name` tokens: `Depends(rate_limited(...))`."""

    async def dependency(request: Request) -> None:
        limiter_of(request.app).hit(name, request.scope)

    return dependency


def _request_scope() -> MutableMapping[str, Any] | None:
    ctx = current()
    return ctx.scope if ctx is not None and "app" in ctx.scope else None


def refuse_blocked_auth() -> None:
    """429 before any token lookup when this client has failed too often lately."""
    scope = _request_scope()
    if scope is not None:
        limiter_of(scope["app"]).check("failed_auth", scope)


def record_failed_auth() -> None:
    """Count a failed authentication against the client of the current request."""
    scope = _request_scope()
    if scope is not None:
        limiter_of(scope["app"]).spend("failed_auth", scope)
