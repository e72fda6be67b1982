"""Prometheus metrics: requests and latency by route template, and the database pool."""

import os
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.responses import Response

from app.core.config import get_settings
from app.core.db import get_engine
from app.core.errors import problem_response

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "forlop_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "forlop_http_request_duration_seconds",
    "Time from the request to the end of the response, by method and route template.",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

# Label lookups take a lock and build a tuple; the children are cached per label set
# (bounded: the route templates are finite and unmatched paths share one label).
_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request and its duration."""
    key = (method, route, status)
    pair = _children.get(key)
    if pair is None:
        label = method if method in _METHODS else "OTHER"
        pair = (REQUESTS.labels(label, route, str(status)), LATENCY.labels(label, route))
        _children[key] = pair
    pair[0].inc()
    pair[1].observe(seconds)


class PoolCollector(Collector):
    """The engine's connection pool, read at scrape time (this process only)."""

    def describe(self) -> list[Any]:
        return []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        if not get_engine.cache_info().currsize:
            return
        pool: Any = get_engine().pool
        gauges = {
            "size": ("Connections the pool keeps open.", "size"),
            "checked_out": ("Connections lent to requests now.", "checkedout"),
            "checked_in": ("Idle connections in the pool.", "checkedin"),
            "overflow": ("Connections beyond the pool size (negative: room left).", "overflow"),
        }
        for name, (doc, method) in gauges.items():
            reader = getattr(pool, method, None)
            if callable(reader):
                yield GaugeMetricFamily(f"forlop_db_pool_{name}", doc, value=float(reader()))


if not getattr(REGISTRY, "_forlop_pool", False):
    REGISTRY.register(PoolCollector())
    REGISTRY._forlop_pool = True  # type: ignore[attr-defined]


def exposition() -> bytes:
    """The text exposition of every metric (merged across workers in multiprocess mode)."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    if not get_settings().metrics_enabled:
        return problem_response(404, "No such resource.")
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
