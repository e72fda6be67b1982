"""The door poster and table cards: a printable, script-free HTML page of the seating."""

from html import escape

from app.events.pages.texts import UI, PageLang
from app.events.seating_service import SeatingPublic, surname_key

_STYLE = """
body { font-family: system-ui, Arial, sans-serif; font-size: 20pt; margin: 1.5cm; color: #000; }
h1 { font-size: 32pt; margin: 0 0 .3em; }
h2 { font-size: 28pt; margin: 0 0 .4em; }
p.sub { font-size: 16pt; margin: 0 0 1em; }
table.door { border-collapse: collapse; width: 100%; }
table.door td, table.door th {
  border-bottom: 1px solid #888; padding: .2em .4em; text-align: left;
}
table.door td.table { text-align: right; font-weight: bold; width: 4em; }
section.card { page-break-before: always; break-before: page; }
section.card ul { list-style: none; padding: 0; font-size: 26pt; line-height: 1.5; }
@media print { body { margin: 1cm; } }
"""


def _name(name: str | None, lang: PageLang) -> str:
    return escape(name) if name else UI[lang]["erased"]


def render_poster(seating: SeatingPublic, *, title: str, date: str, lang: str = "nb") -> str:
    """Door poster (everyone by surname, as people look for themselves) and one card per table."""
    pl: PageLang = "nn" if lang == "nn" else "nb"
    w = UI[pl]
    everyone = sorted(
        ((seat.name, t.number) for t in seating.tables for seat in t.members),
        key=lambda pair: (surname_key(pair[0]), pair[1]),
    )
    rows = "\n".join(
        f'<tr><td>{_name(name, pl)}</td><td class="table">{number}</td></tr>'
        for name, number in everyone
    )
    cards = "\n".join(
        f'<section class="card"><h2>{w["table"]} {t.number}</h2>'
        f'<p class="sub">{escape(title)}</p><ul>'
        + "".join(f"<li>{_name(seat.name, pl)}</li>" for seat in t.members)
        + "</ul></section>"
        for t in seating.tables
    )
    return f"""<!DOCTYPE html>
<html lang="{pl}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{w["poster_title"]} – {escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{w["poster_title"]}</h1>
<p class="sub">{escape(title)}, {escape(date)}</p>
<table class="door">
<thead><tr><th>{w["poster_name"]}</th><th>{w["table"]}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{cards}
</body>
</html>
"""
