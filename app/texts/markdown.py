"""Markdown as written → safe HTML: markdown-it-py, then the nh3 sanitiser."""

import re
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


# What a reader may know of a text besides its HTML (`flags`): whether the HTML of two
# texts joined by a blank line is their two HTMLs joined by a newline (`join_html`).
CLOSED_END = 1  # it ends in a top-level paragraph, heading or rule, which a blank line closes
REFERENCES = 2  # it defines link references, which reach across the whole document
LIST_END = 4  # it ends in a top-level list or quote: closed unless an item or indent follows
PLAIN_START = 8  # its first line starts at the margin with no list item marker
_CLOSING = {"paragraph_close", "heading_close", "hr"}
_LIST_CLOSING = {"bullet_list_close", "ordered_list_close", "blockquote_close"}
_ITEM_OR_INDENT = re.compile(r"\s|(?:[-+*]|\d{1,9}[.)])(?:\s|$)")


def _render(markdown: str) -> tuple[str, int]:
    env: dict[str, Any] = {}
    tokens = _md.parse(markdown, env)
    flags = 0
    last = tokens[-1] if tokens else None
    if last is None or (last.type in _CLOSING and last.level == 0):
        flags |= CLOSED_END
    elif last.type in _LIST_CLOSING and last.level == 0:
        flags |= LIST_END
    if env.get("references"):
        flags |= REFERENCES
    first_line = next((line for line in markdown.splitlines() if line.strip()), "")
    if not _ITEM_OR_INDENT.match(first_line):
        flags |= PLAIN_START
    return _cleaner.clean(_md.renderer.render(tokens, _md.options, env)).strip(), flags


def join_html(first: str, first_flags: int, then: str, then_flags: int) -> tuple[str | None, int]:
    """The HTML (and flags) of `first + "\n\n" + then` from theirs, or None when unsure.

    After a closed top-level block and a blank line CommonMark starts afresh, so the two
    parse apart, unless link references (document-wide) are defined, or a list or quote
    is followed by what would continue it. An append merge joins texts this way;
    tests/texts/test_markdown.py checks it against rendering the whole.
    """
    if (first_flags | then_flags) & REFERENCES:
        return None, 0
    if not first_flags & CLOSED_END and not (first_flags & LIST_END and then_flags & PLAIN_START):
        return None, 0
    if not first:  # a blank text adds nothing
        return then, then_flags
    if not then:
        return first, first_flags
    # The whole ends as `then` does and starts as `first` does.
    return first + "\n" + then, (then_flags & ~PLAIN_START) | (first_flags & PLAIN_START)


class _Memo:
    """Markdown → HTML, memoised (many views share the same texts), bounded, oldest out.

    `remember` lets a reader that already has a text's HTML (a layer snapshot stores it)
    fill the memo without rendering: a cold view then renders only what it merged anew.
    """

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._html: dict[str, tuple[str, int]] = {}
        self._lock = threading.Lock()

    def __call__(self, markdown: str) -> str:
        return self.with_flags(markdown)[0]

    def with_flags(self, markdown: str) -> tuple[str, int]:
        """The HTML and the `join_html` flags of a text."""
        known = self._html.get(markdown)
        if known is None:
            known = _render(markdown)
            self.remember(markdown, *known)
        return known

    def remember(self, markdown: str, html: str, flags: int) -> None:
        with self._lock:
            if markdown in self._html:
                return
            if len(self._html) >= self._maxsize:
                del self._html[next(iter(self._html))]
            self._html[markdown] = (html, flags)

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
