"""The error tree and the handlers that render every error as problem+json (RFC 9457)."""

import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.core.config import get_settings
from app.core.i18n import negotiate, said_in
from app.core.problem_texts import validation_detail, validation_msg

log = logging.getLogger("forlop.errors")

PROBLEM_JSON = "application/problem+json"


class AppError(Exception):
    """A use-case failed in a way the client should hear about."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        extra: dict[str, Any] | None = None,
        messages: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}
        # `detail` in the languages a person may read it in (nb, nn): the handler picks the
        # request's; `detail` itself is the English one, for scripts and logs.
        self.messages = dict(messages or {})

    @property
    def type(self) -> str:
        return f"https://forlop.no/problems/{self.title.lower().replace(' ', '-')}"


class BadRequest(AppError):
    status, title = 400, "Bad request"


class Unauthorized(AppError):
    status, title = 401, "Unauthorized"


class Forbidden(AppError):
    status, title = 403, "Forbidden"


class NotFound(AppError):
    status, title = 404, "Not found"


class Conflict(AppError):
    status, title = 409, "Conflict"


class PreconditionFailed(AppError):
    status, title = 412, "Precondition failed"


class PayloadTooLarge(AppError):
    status, title = 413, "Payload too large"


class UnsupportedMediaType(AppError):
    status, title = 415, "Unsupported media type"


class Unprocessable(AppError):
    """Well-formed but semantically wrong input; `errors` names the fields."""

    status, title = 422, "Validation failed"

    def __init__(
        self,
        detail: str,
        *,
        loc: list[str | int] | None = None,
        messages: Mapping[str, str] | None = None,
    ) -> None:
        errors = [{"loc": loc, "msg": detail}] if loc else []
        super().__init__(detail, extra={"errors": errors} if errors else None, messages=messages)


class PreconditionRequired(AppError):
    status, title = 428, "Precondition required"


class TooManyRequests(AppError):
    status, title = 429, "Too many requests"


class ServiceUnavailable(AppError):
    status, title = 503, "Service unavailable"


class Problem(BaseModel):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response; the one place error bodies are built."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if extra:
        body.update(extra)
    return Response(
        orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def _loc(loc: tuple[Any, ...]) -> list[Any]:
    return [p for p in loc if not isinstance(p, str) or not p.startswith("function-after")]


_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


def speaks_to_people(endpoint: _Endpoint) -> _Endpoint:
    """Mark a public route whose problem details a person reads (a sign-up form, a feedback
    link): its validation errors come in the request's language too, not only in English."""
    endpoint.__forlop_localised__ = True  # type: ignore[attr-defined]
    return endpoint


def request_lang(request: Request) -> str:
    """The language a person asked for: `?lang=`, else Accept-Language, else the default."""
    asked = request.query_params.get("lang")
    return negotiate(
        asked if asked in ("nb", "nn", "en") else None,
        request.headers.get("accept-language"),
        get_settings().default_lang,
        offered=("nb", "nn", "en"),
    )


async def _app_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AppError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if isinstance(exc, TooManyRequests):
        headers = {"Retry-After": str(exc.extra.pop("retry_after", 1))}
    detail, extra = exc.detail, exc.extra
    if exc.messages:
        lang = said_in(exc.messages, request_lang(request))
        detail = exc.messages.get(lang, exc.detail)
        if "errors" in extra:
            extra = {**extra, "errors": [{**e, "msg": detail} for e in extra["errors"]]}
        headers = {**(headers or {}), "Content-Language": lang, "Vary": "Accept-Language"}
    return problem_response(
        exc.status, detail, title=exc.title, type_=exc.type, extra=extra, headers=headers
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    lang = "en"
    if getattr(request.scope.get("endpoint"), "__forlop_localised__", False):
        lang = request_lang(request)
    errors = [
        {"loc": _loc(tuple(e.get("loc", ()))), "msg": validation_msg(e, lang)} for e in exc.errors()
    ]
    names = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors[:5])
    return problem_response(
        422,
        validation_detail(names, lang),
        title="Validation failed",
        extra={"errors": errors},
        headers={"Content-Language": lang, "Vary": "Accept-Language"} if lang != "en" else None,
    )


# What FastAPI says when a body is not even text (bad UTF-8, a broken multipart stream).
_UNPARSABLE_BODY = "There was an error parsing the body"


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY:
        # The same answer as for malformed JSON: a 422 that names the body.
        msg = "The body could not be read: it must be UTF-8 in the declared content type."
        return problem_response(
            422,
            "The request is not valid: body",
            title="Validation failed",
            extra={"errors": [{"loc": ["body"], "msg": msg}]},
        )
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such resource."
    return problem_response(exc.status_code, detail, headers=dict(exc.headers or {}) or None)


async def _unexpected(_: Request, exc: Exception) -> Response:
    # Log the trace for operators; the client only learns that it was our fault.
    log.exception("unhandled error", exc_info=exc)
    return problem_response(500, "An unexpected error occurred. It has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure to a problem+json response."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the errors a route may answer with."""
    return {
        s: {"model": Problem, "description": HTTPStatus(s).phrase, "content": {PROBLEM_JSON: {}}}
        for s in statuses
    }


def _problem_ref(status: int) -> dict[str, Any]:
    return {
        "description": HTTPStatus(status).phrase,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


# Liveness answers without the database, so that a database outage is not a restart.
_NO_DATABASE = {"/v1/health"}


def document_validation_as_problem(app: FastAPI) -> None:
    """Make the OpenAPI document say what the handlers do: 422s are problem+json too, any
    route that reads a bearer token may answer 401 (unknown key) and 429 (too many), any
    route with a body 413 (over the size limit), and any route that reads the database
    503 with Retry-After while it cannot be reached (`app.core.db_errors`)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        for path, item in schema.get("paths", {}).items():
            for op in item.values():
                response = op.get("responses", {}).get("422")
                if response is not None:
                    response["description"] = "Validation failed"
                    # FastAPI's own JSON shape goes; a route's other types (an HTML form
                    # page answering 422 with its messages) stay.
                    others = response.get("content", {})
                    response["content"] = {
                        **{k: v for k, v in others.items() if k != "application/json"},
                        PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}},
                    }
                statuses = []
                if op.get("security"):
                    # The token is checked before the route runs, public reads included.
                    statuses += [401, 429]
                if op.get("requestBody"):
                    statuses.append(413)  # the body limit applies to every body
                if path not in _NO_DATABASE:
                    statuses.append(503)
                for status in statuses:
                    op.setdefault("responses", {}).setdefault(str(status), _problem_ref(status))
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components["Problem"] = Problem.model_json_schema()
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
