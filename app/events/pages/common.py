"""What every page shares: addresses, the refusals and the rate limit, as pages."""

from starlette.requests import Request
from starlette.responses import Response

from app.core.errors import TooManyRequests
from app.core.ratelimit import limiter_of
from app.events.pages import csrf
from app.events.pages.render import message
from app.events.pages.texts import UI, PageLang
from app.models import Event


def url(request: Request, path: str, lang: PageLang) -> str:
    return f"{str(request.base_url).rstrip('/')}/v1{path}?lang={lang}"


def other_lang(request: Request, lang: PageLang) -> str:
    other = "nn" if lang == "nb" else "nb"
    return str(request.url.include_query_params(lang=other))


def when(event: Event) -> str:
    return (
        f"{event.date.strftime('%d.%m.%Y')}, "
        f"{event.start_time.strftime('%H:%M')}–{event.end_time.strftime('%H:%M')}"
    )


def not_found(lang: PageLang) -> Response:
    return message(lang, "not_found_title", "not_found_text", status=404)


def refused(request: Request, lang: PageLang, back_url: str) -> Response:
    """403 for a post from another site; 400 for a missing, forged or stale form token."""
    status = 403 if not csrf.same_origin(request) else 400
    return message(lang, "foreign_title", "foreign_text", status=status, back_url=back_url)


def rate_limited(request: Request, lang: PageLang, limit: str = "registration") -> Response | None:
    """A 429 page when this client has posted too often (the API's buckets), else None."""
    try:
        limiter_of(request.app).hit(limit, request.scope)
    except TooManyRequests as exc:
        seconds = exc.extra.get("retry_after", 60)
        response = message(lang, "too_many_title", "too_many_text", status=429, seconds=seconds)
        response.headers["Retry-After"] = str(seconds)
        return response
    return None


def person_name(name: str | None, lang: PageLang) -> str:
    return name if name else UI[lang]["erased"]
