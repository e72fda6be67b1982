"""Word-level comparison of two texts (pure): operations and `<ins>`/`<del>` HTML.

The standard library's `difflib` finds the matching runs; this module only cuts the
texts into words (keeping the whitespace between them, so the operations put together
give back both texts exactly) and escapes what it shows.
"""

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# A word is a run of non-space characters; the space after it travels with it, so a
# changed word does not leave its neighbours' spacing marked as changed.
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class DiffOp:
    """One run of the comparison: `equal`, `delete` (only in the old) or `insert`."""

    op: str
    text: str


@dataclass(frozen=True)
class WordDiff:
    ops: list[DiffOp]
    html: str

    @property
    def changed(self) -> bool:
        return any(o.op != "equal" for o in self.ops)


def tokens(text: str) -> list[str]:
    """The text cut into words with their trailing whitespace; joined they give it back."""
    return _TOKEN.findall(text)


def _push(ops: list[DiffOp], op: str, words: list[str]) -> None:
    if not words:
        return
    text = "".join(words)
    if ops and ops[-1].op == op:
        ops[-1] = DiffOp(op, ops[-1].text + text)
    else:
        ops.append(DiffOp(op, text))


def word_diff(old: str, new: str) -> WordDiff:
    """The operations that turn `old` into `new`, word by word, and the same as safe HTML."""
    a, b = tokens(old), tokens(new)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(ops, "equal", a[i1:i2])
        else:  # replace = delete the old words, then insert the new ones
            _push(ops, "delete", a[i1:i2])
            _push(ops, "insert", b[j1:j2])
    return WordDiff(ops, to_html(ops))


def to_html(ops: list[DiffOp]) -> str:
    """The runs as escaped text, changed ones in `<del>` and `<ins>`; line breaks as `<br>`."""
    out = []
    for o in ops:
        body = html.escape(o.text, quote=False).replace("\n", "<br>\n")
        if o.op == "delete":
            out.append(f"<del>{body}</del>")
        elif o.op == "insert":
            out.append(f"<ins>{body}</ins>")
        else:
            out.append(body)
    return "".join(out)
