"""Markdown as written → safe HTML: markdown-it-py, then the nh3 sanitiser."""

from functools import lru_cache
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


@lru_cache(maxsize=8192)
def render(markdown: str) -> str:
    """Safe HTML for a Markdown text (memoised: many views share the same texts)."""
    return _cleaner.clean(_md.render(markdown)).strip()
