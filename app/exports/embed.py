"""A merged pathway as a self-contained, script-free HTML fragment for intranets.

Every text is the sanitised HTML of `app.texts.markdown.render`; every other string is
escaped here. The stylesheet is scoped to `.forlop-embed`, sets no fonts (the host page's
fonts are inherited) and only uses relative sizes. A table of contents links to one
`<details>` per service: the browser folds and unfolds them without a script. Anchors carry
the pathway and locality, so two fragments on one intranet page never share an id.
"""

import re
from html import escape

from app.exports.content import MergedPathway, Unit
from app.models.base import SECTION_LABELS
from app.pathways.lookups import title_in
from app.texts.markdown import html_of

STYLE = (
    ".forlop-embed{font:inherit;color:inherit;line-height:1.5;max-width:60em}"
    ".forlop-embed h2{font-size:1.5em;margin:0 0 .3em}"
    ".forlop-embed h3{font-size:1.25em;margin:0;display:inline}"
    ".forlop-embed details{margin:.8em 0;border-bottom:1px solid currentColor;"
    "padding-bottom:.3em}"
    ".forlop-embed summary{cursor:pointer;padding:.2em 0}"
    ".forlop-embed .forlop-toc ol{margin:.3em 0;padding-left:1.5em}"
    ".forlop-embed h4{font-size:1.05em;margin:1em 0 .2em}"
    ".forlop-embed .forlop-units{margin:.3em 0;padding-left:1.2em}"
    ".forlop-embed .forlop-meta{font-size:.85em;opacity:.8}"
)

_UI = {
    "nb": {"units": "Kontakt", "source": "Kilde", "updated": "Oppdatert", "local": "lokalt",
           "toc": "Innhold", "adapted": "lokalt tilpasset"},
    "nn": {"units": "Kontakt", "source": "Kjelde", "updated": "Oppdatert", "local": "lokalt",
           "toc": "Innhald", "adapted": "lokalt tilpassa"},
}  # fmt: skip
_ANCHOR_UNSAFE = re.compile(r"[^a-z0-9-]")


def anchor(slug: str, code: str, service_type: str) -> str:
    """The id of one service's part: unique per pathway and locality on a host page."""
    return _ANCHOR_UNSAFE.sub("-", f"forlop-{slug}-{code}-{service_type}".lower())


def _unit(unit: Unit) -> str:
    parts = [f"<strong>{escape(unit.name)}</strong>"]
    if unit.phone:
        tel = "".join(ch for ch in unit.phone if ch.isdigit() or ch == "+")
        parts.append(f'<a href="tel:{escape(tel)}">{escape(unit.phone)}</a>')
    if unit.email:
        parts.append(f'<a href="mailto:{escape(unit.email)}">{escape(unit.email)}</a>')
    if unit.url and unit.url.startswith(("https://", "http://")):
        url = escape(unit.url)
        parts.append(f'<a href="{url}" rel="noopener noreferrer">{url}</a>')
    if unit.visiting_address:
        parts.append(escape(unit.visiting_address))
    return "<li>" + ", ".join(parts) + "</li>"


def fragment(view: MergedPathway, *, collapsed: bool = False) -> str:
    """The HTML fragment: a `<section lang>` with a table of contents and one `<details>` per
    service (open, unless `collapsed`), headings per section."""
    lang, pathway, target = view.lang, view.pathway, view.chain[-1]
    ui = _UI[lang]
    title = title_in(pathway, lang)
    out = [
        f'<section class="forlop-embed" lang="{lang}" data-pathway="{escape(pathway.slug)}"'
        f' data-locality="{escape(target.code)}">',
        f"<style>{STYLE}</style>",
        f"<h2>{escape(title)} – {escape(target.name)}</h2>",
    ]
    if summary := pathway.summary_in(lang):
        out.append(f'<p class="forlop-summary">{escape(summary)}</p>')
    shown = [
        (service, st)
        for service in view.services
        if (st := view.types.get(service.service_type)) is not None
    ]
    if shown:
        out.append(f'<nav class="forlop-toc" aria-label="{ui["toc"]}">')
        out.append(f'<p class="forlop-meta">{ui["toc"]}</p><ol>')
        for service, st in shown:
            local = any(s.text and s.origin != "regional" for _, s in service.sections)
            note = f' <span class="forlop-meta">({ui["adapted"]})</span>' if local else ""
            href = anchor(pathway.slug, target.code, st.code)
            out.append(f'<li><a href="#{href}">{escape(st.label(lang))}</a>{note}</li>')
        out.append("</ol></nav>")
    for service, st in shown:
        out.append(
            f'<details class="forlop-service" id="{anchor(pathway.slug, target.code, st.code)}"'
            f' data-service-type="{escape(st.code)}"{"" if collapsed else " open"}>'
        )
        out.append(f"<summary><h3>{escape(st.label(lang))}</h3></summary>")
        units = view.units.get(st.id, [])
        if units:
            out.append(f'<p class="forlop-meta">{ui["units"]}:</p>')
            out.append('<ul class="forlop-units">' + "".join(_unit(u) for u in units) + "</ul>")
        for key, slot in service.sections:
            if not slot.text:
                continue
            # The section's own language may differ from the page's (fallback nb ↔ nn).
            attr = f' lang="{slot.lang}"' if slot.lang and slot.lang != lang else ""
            local = slot.origin != "regional"
            note = f' <span class="forlop-meta">({ui["local"]})</span>' if local else ""
            out.append(f"<h4>{SECTION_LABELS[key][lang]}{note}</h4>")
            out.append(f'<div class="forlop-text"{attr}>{html_of(slot.text, slot.html)}</div>')
        out.append("</details>")
    updated = max(
        [pathway.updated_at, *([view.latest_revision_at] if view.latest_revision_at else [])]
    )
    out.append(
        f'<p class="forlop-meta">{ui["source"]}: Forløp, {escape(view.chain[0].name)}.'
        f" {ui['updated']} {updated:%d.%m.%Y}.</p>"
    )
    out.append("</section>")
    return "\n".join(out)
