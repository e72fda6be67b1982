"""Markdown as written → safe HTML: markdown-it-py, then the nh3 sanitiser."""

import threading
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml as escape_html

# Raw HTML in the Markdown is shown as text, not passed through; nh3 is the second wall.
_md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    strip_comments=True,
    # Relative links mean nothing to the intranets and apps that embed these texts.
    url_relative="deny",
)


def _image_as_text(_: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    # Remote images would let a text track its readers: show the alt text instead.
    return escape_html(tokens[idx].content)


_md.add_render_rule("image", _image_as_text)


def _render(markdown: str) -> str:
    return _cleaner.clean(_md.render(markdown)).strip()


class _Memo:
    """Markdown → HTML, memoised (many views share the same texts), bounded, oldest out.

    `remember` lets a reader that already has a text's HTML (a layer snapshot stores it)
    fill the memo without rendering: a cold view then renders only what it merged anew.
    """

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._html: dict[str, str] = {}
        self._lock = threading.Lock()

    def __call__(self, markdown: str) -> str:
        html = self._html.get(markdown)
        if html is None:
            html = _render(markdown)
            self.remember(markdown, html)
        return html

    def remember(self, markdown: str, html: str) -> None:
        with self._lock:
            if markdown in self._html:
                return
            if len(self._html) >= self._maxsize:
                del self._html[next(iter(self._html))]
            self._html[markdown] = html

    def known(self, markdown: str) -> bool:
        return markdown in self._html

    def cache_clear(self) -> None:
        with self._lock:
            self._html.clear()


# Safe HTML for a Markdown text: `render(text)`.
render = _Memo(maxsize=16384)


def html_of(text: str | None, known: str | None = None) -> str | None:
    """A merged text's HTML: the one its reader already has, else rendered (memoised)."""
    if text is None:
        return None
    return known if known is not None else render(text)
