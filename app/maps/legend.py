"""The SVG map made fit for an intranet page: it scales to its container and has a legend.

Graphviz writes a fixed size in points; a map wider than the page is then cut off or
scrolls. Here the root keeps only its `viewBox` (width 100 %, height from the aspect ratio),
and a legend is drawn under the graph in the same coordinates, so it scales along.
"""

import re
from html import escape

LOCAL = "#1f5fbf"
PROBLEM = "#b3261e"
GREY = "#999999"

# (key, bokmål, nynorsk); what each mark of the picture means.
ITEMS = (
    ("entry", "Inngang (fanger opp først)", "Inngang (fangar opp først)"),
    ("hidden", "Tjenesten finnes ikke her", "Tenesta finst ikkje her"),
    ("local", "Lokal endring", "Lokal endring"),
    ("to_hidden", "Henvisning som ikke fører fram", "Tilvising som ikkje fører fram"),
    ("back", "Forventet tilbakeføring", "Forventa tilbakeføring"),
    ("removed", "Lenke fjernet lokalt", "Lenke fjerna lokalt"),
    ("findings", "✖ problem  ⚠ advarsel", "✖ problem  ⚠ åtvaring"),
)
TITLE = {"nb": "Tegnforklaring", "nn": "Teiknforklaring"}
ITEM_W, ROW_H, PAD, SWATCH_W = 230.0, 26.0, 12.0, 44.0

_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
_VIEWBOX = re.compile(rb'viewBox="([-\d. ]+)"')
_SIZE = re.compile(rb'\s(width|height)="[^"]*"')


def _swatch(key: str, x: float, y: float) -> str:
    """A small picture of the mark, `SWATCH_W` wide, centred on y."""
    box = f'x="{x:.1f}" y="{y - 8:.1f}" width="{SWATCH_W - 8:.1f}" height="16" rx="4"'
    line = f'x1="{x:.1f}" y1="{y:.1f}" x2="{x + SWATCH_W - 8:.1f}" y2="{y:.1f}"'
    if key == "entry":
        inner = f'x="{x + 3:.1f}" y="{y - 5:.1f}" width="{SWATCH_W - 14:.1f}" height="10" rx="3"'
        return (
            f'<rect {box} fill="white" stroke="black"/><rect {inner} fill="none" stroke="black"/>'
        )
    if key == "hidden":
        return f'<rect {box} fill="white" stroke="{GREY}" stroke-dasharray="4,3"/>'
    if key == "local":
        return f'<line {line} stroke="{LOCAL}" stroke-width="2.5"/>'
    if key == "to_hidden":
        return f'<line {line} stroke="{PROBLEM}" stroke-width="2.5"/>'
    if key == "back":
        return f'<line {line} stroke="#555555" stroke-dasharray="6,4"/>'
    if key == "removed":
        return f'<line {line} stroke="#aaaaaa" stroke-dasharray="1,3" stroke-width="1.5"/>'
    return ""


def legend(width: float, top: float, lang: str) -> tuple[str, float]:
    """The legend as an SVG group from `top` down, laid out in rows; and its height."""
    column = 1 if lang == "nb" else 2
    per_row = max(1, int((width - 2 * PAD) // ITEM_W))
    rows = -(-len(ITEMS) // per_row)
    parts = [
        '<g id="legend" class="legend" font-family="Helvetica,Arial,sans-serif" font-size="12">',
        f'<text x="{PAD:.1f}" y="{top + 16:.1f}" font-weight="bold">{TITLE.get(lang, TITLE["nb"])}'
        "</text>",
    ]
    for i, item in enumerate(ITEMS):
        x = PAD + (i % per_row) * ITEM_W
        y = top + 22 + (i // per_row) * ROW_H + ROW_H / 2
        text_x = x if item[0] == "findings" else x + SWATCH_W
        parts.append(f'<g class="legend-{item[0]}">{_swatch(item[0], x, y)}')
        parts.append(f'<text x="{text_x:.1f}" y="{y + 4:.1f}">{escape(item[column])}</text></g>')
    parts.append("</g>")
    return "".join(parts), 22 + rows * ROW_H + PAD


def fit_and_explain(svg: bytes, lang: str) -> bytes:
    """Scale to the container (viewBox only, width 100 %) and add the legend underneath."""
    root = _ROOT.search(svg)
    box = _VIEWBOX.search(root.group(0)) if root else None
    if root is None or box is None:
        return svg  # not Graphviz's shape: leave it as it is rather than break it
    x0, y0, w, h = (float(v) for v in box.group(1).split())
    width = max(w, PAD * 2 + ITEM_W * 2)  # a small graph still gets a readable legend
    group, extra = legend(width, y0 + h, lang)
    tag = _SIZE.sub(b"", root.group(0))
    tag = _VIEWBOX.sub(f'viewBox="{x0:.2f} {y0:.2f} {width:.2f} {h + extra:.2f}"'.encode(), tag)
    tag = tag.replace(
        b"<svg",
        b'<svg width="100%" preserveAspectRatio="xMidYMin meet"',
        1,
    )
    body = svg[: root.start()] + tag + svg[root.end() :]
    end = body.rindex(b"</svg>")
    return body[:end] + group.encode() + b"\n" + body[end:]
