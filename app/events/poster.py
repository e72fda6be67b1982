"""The door poster and table cards: a printable, script-free HTML page of the seating."""

from html import escape

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


WORDS = {
    "nb": {"seating": "Bordplassering", "name": "Navn", "table": "Bord",
           "erased": "(slettet deltaker)"},
    "nn": {"seating": "Bordplassering", "name": "Namn", "table": "Bord",
           "erased": "(sletta deltakar)"},
}  # fmt: skip


def _name(name: str | None, lang: str) -> str:
    return escape(name) if name else WORDS[lang]["erased"]


def render_poster(seating: SeatingPublic, *, title: str, date: str, lang: str = "nb") -> str:
    """Door poster (everyone by surname, as people look for themselves) and one card per table."""
    w = WORDS["nn" if lang == "nn" else "nb"]
    lang = "nn" if lang == "nn" else "nb"
    everyone = sorted(
        ((seat.name, t.number) for t in seating.tables for seat in t.members),
        key=lambda pair: (surname_key(pair[0]), pair[1]),
    )
    rows = "\n".join(
        f'<tr><td>{_name(name, lang)}</td><td class="table">{number}</td></tr>'
        for name, number in everyone
    )
    cards = "\n".join(
        f'<section class="card"><h2>{w["table"]} {t.number}</h2>'
        f'<p class="sub">{escape(title)}</p><ul>'
        + "".join(f"<li>{_name(seat.name, lang)}</li>" for seat in t.members)
        + "</ul></section>"
        for t in seating.tables
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{w["seating"]} – {escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{w["seating"]}</h1>
<p class="sub">{escape(title)}, {escape(date)}</p>
<table class="door">
<thead><tr><th>{w["name"]}</th><th>{w["table"]}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{cards}
</body>
</html>
"""
