"""Request ids, who is asking, and structured JSON logs: cheap enough for the hot read path."""

import logging
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.exc import StatementError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

REQUEST_ID_HEADER = b"x-request-id"
# An incoming id is kept when it looks like one (a proxy's or a client's); anything else,
# including something that could smuggle text into logs, is replaced by our own.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}")
_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "actor",
}
log = logging.getLogger("forlop.access")


@dataclass(slots=True)
class RequestContext:
    """What the code deep inside a request may want to know about it (mutable, shared)."""

    request_id: str | None = None
    actor: str = "anonymous"
    scope: MutableMapping[str, Any] = field(default_factory=dict)

    @property
    def route(self) -> str | None:
        """`METHOD /v1/template/{param}` once routing has happened."""
        if "route" not in self.scope:
            return None
        return f"{self.scope.get('method')} {route_template(self.scope)}"


# The context object is set once per request and mutated afterwards: FastAPI runs sync
# dependencies in worker threads with a *copy* of the context, so a rebinding made there
# (by get_principal, say) would be lost, while a mutation of the shared object is seen.
_context: ContextVar[RequestContext | None] = ContextVar("forlop_request", default=None)


def current() -> RequestContext | None:
    """The context of the request being served, None outside one."""
    return _context.get()


def current_request_id() -> str | None:
    """The id of the request being served."""
    ctx = _context.get()
    return ctx.request_id if ctx else None


def current_actor() -> str:
    """The key name behind the request, `anonymous` without one, `system` outside requests."""
    ctx = _context.get()
    return ctx.actor if ctx else "system"


def set_actor(name: str) -> None:
    """Record which key the current request came with (called by authentication)."""
    ctx = _context.get()
    if ctx is not None:
        ctx.actor = name


@contextmanager
def request_context(*, actor: str, request_id: str | None = None) -> Iterator[RequestContext]:
    """Act as `actor` outside HTTP (CLI, jobs): audit rows and logs then name it."""
    ctx = RequestContext(request_id=request_id, actor=actor)
    token = _context.set(ctx)
    try:
        yield ctx
    finally:
        _context.reset(token)


def new_request_id() -> str:
    """A fresh random id (96 bits, hex)."""
    return os.urandom(12).hex()


def request_id(scope: Scope) -> str:
    """The request's id: the incoming `X-Request-ID` when it looks like one, else a new one."""
    for name, value in scope["headers"]:
        if name == REQUEST_ID_HEADER:
            rid = value.decode("latin-1")
            return rid if _SANE_ID.fullmatch(rid) else new_request_id()
    return new_request_id()


def route_template(scope: Scope) -> str:
    """The matched route's full path template, never the raw path (bounded label sets)."""
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    if route is None or template is None:
        return "unmatched"
    path: str = scope.get("path", "")
    if path == template or ":path}" in template:
        return template
    # FastAPI hands over the route as declared in its router, without the prefixes the
    # router was included under; they are the segments of the path before the template's.
    cut = len(path)
    for _ in range(template.count("/")):
        cut = path.rfind("/", 0, cut)
    return path[:cut] + template if cut > 0 else template


Observer = Callable[[str, str, int, float], None]


class RequestIdMiddleware:
    """Give every request an id (kept from `X-Request-ID` when sane), echo it, time it."""

    def __init__(
        self, app: ASGIApp, *, observe: Observer | None = None, access_log_sample: float = 0.0
    ) -> None:
        self.app = app
        self.observe = observe
        self.sample = access_log_sample

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        # No reset afterwards: each request runs in its own task, and the error handler
        # outside this middleware should still log with the id.
        _context.set(RequestContext(request_id=rid, scope=scope))
        extra_header = (REQUEST_ID_HEADER, rid.encode("latin-1"))
        status = 0
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), extra_header]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if status == 0:
                # Answer here so that even a 500 carries the id the operator will search for.
                await problem_response(500, "An unexpected error occurred. It has been logged.")(
                    scope, receive, send_with_id
                )
            status = 500
            raise
        finally:
            self.record(scope["method"], route_template(scope), status, start)

    def record(self, method: str, route: str, status: int, start: float) -> None:
        """Count and time an answered request, and log it when it is sampled."""
        elapsed = time.perf_counter() - start
        if self.observe is not None:
            self.observe(method, route, status, elapsed)
        if self.sample and (self.sample >= 1.0 or random.random() < self.sample):
            # The template, not the path: paths carry tokens and codes, never logged raw.
            log.info(
                "request",
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )


def _hide_sql_parameters(exc: BaseException | None) -> None:
    # SQLAlchemy's errors print the statement's parameters: names and e-mails, for one.
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, StatementError):
            exc.hide_parameters = True
        exc = exc.__cause__ or exc.__context__
        seen += 1


class ContextFilter(logging.Filter):
    """Stamp the request id and actor on each record when it is made, in its own context."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            _hide_sql_parameters(record.exc_info[1])
        ctx = _context.get()
        if not hasattr(record, "request_id"):
            record.request_id = ctx.request_id if ctx else None
        if not hasattr(record, "actor"):
            record.actor = ctx.actor if ctx else None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, actor, extras."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        ctx = _context.get()
        rid = getattr(record, "request_id", None) or (ctx.request_id if ctx else None)
        actor = getattr(record, "actor", None) or (ctx.actor if ctx else None)
        if rid:
            data["request_id"] = rid
        if actor:
            data["actor"] = actor
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            _hide_sql_parameters(record.exc_info[1])
            data["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(data, default=str).decode()


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time (pytest swaps it per test)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


def configure_logging(*, level: str = "INFO", fmt: str = "json") -> None:
    """One stderr handler on the root logger (idempotent); uvicorn's loggers feed into it."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.addFilter(ContextFilter())
        root.addHandler(handler)
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root.setLevel(level.upper())
    # SQLAlchemy logs statements with their parameters at INFO: keep it quiet at any level.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        # uvicorn's access lines carry raw paths (cancel tokens, codes): never let them
        # through; our own sampled access log names route templates only.
        logger.propagate = name != "uvicorn.access"
