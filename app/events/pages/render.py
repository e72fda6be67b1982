"""Jinja2 rendering of the pages, with the headers a public form needs."""

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from app.events.pages.texts import UI, PageLang

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

# Like the embeds' CSP (app/core/security_headers.py), but these pages post their own
# forms: `form-action 'self'`. Intranets may frame them (`frame-ancestors *`).
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors *; base-uri 'none'; form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    # `no-referrer` (the default elsewhere) makes browsers send `Origin: null` on a form
    # post, which the cross-site check must refuse; same-origin keeps the origin and still
    # sends no token-bearing address to other sites.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "private, no-store",
}


def page(template: str, lang: PageLang, *, status: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` in `lang` as a private, uncached page."""
    context.setdefault("other_lang_url", None)
    context.setdefault("event_title", None)
    html = _ENV.get_template(template).render(lang=lang, t=UI[lang], **context)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def message(
    lang: PageLang,
    title_key: str,
    text_key: str,
    *,
    status: int,
    back_url: str | None = None,
    **fmt: Any,
) -> HTMLResponse:
    """A page with a heading and one paragraph: outcomes and refusals."""
    t = UI[lang]
    return page(
        "message.html",
        lang,
        status=status,
        page_title=t[title_key],
        paragraphs=[t[text_key].format(**fmt)],
        back_url=back_url,
    )
