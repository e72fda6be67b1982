"""QR codes as inline SVG (segno): printable, no images to fetch, no script."""

import segno
from markupsafe import Markup


def qr_svg(url: str, *, title: str, scale: int = 4) -> Markup:
    """An inline `<svg>` of `url` with an accessible title; dark on white for any printer."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=scale, dark="#000", light="#fff", title=title, border=2)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
