"""A merged pathway as a self-contained, script-free HTML fragment for intranets.

Every text is the sanitised HTML of `app.texts.markdown.render`; every other string is
escaped here. The stylesheet is scoped to `.forlop-embed`, sets no fonts (the host page's
fonts are inherited) and only uses relative sizes.
"""

from html import escape

from app.exports.data import MergedPathway, Unit
from app.models.base import SECTION_LABELS
from app.texts.markdown import html_of

STYLE = (
    ".forlop-embed{font:inherit;color:inherit;line-height:1.5;max-width:60em}"
    ".forlop-embed h2{font-size:1.5em;margin:0 0 .3em}"
    ".forlop-embed h3{font-size:1.25em;margin:1.5em 0 .3em;"
    "border-bottom:1px solid currentColor}"
    ".forlop-embed h4{font-size:1.05em;margin:1em 0 .2em}"
    ".forlop-embed .forlop-units{margin:.3em 0;padding-left:1.2em}"
    ".forlop-embed .forlop-meta{font-size:.85em;opacity:.8}"
)

_UI = {
    "nb": {"units": "Kontakt", "source": "Kilde", "updated": "Oppdatert", "local": "lokalt"},
    "nn": {"units": "Kontakt", "source": "Kjelde", "updated": "Oppdatert", "local": "lokalt"},
}


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


def fragment(view: MergedPathway) -> str:
    """The HTML fragment: one `<section lang>` with headings per service and section."""
    lang, pathway, target = view.lang, view.pathway, view.chain[-1]
    ui = _UI[lang]
    title = pathway.title_nn if lang == "nn" and pathway.title_nn else pathway.title
    out = [
        f'<section class="forlop-embed" lang="{lang}" data-pathway="{escape(pathway.slug)}"'
        f' data-locality="{escape(target.code)}">',
        f"<style>{STYLE}</style>",
        f"<h2>{escape(title)} – {escape(target.name)}</h2>",
    ]
    if summary := pathway.summary_in(lang):
        out.append(f'<p class="forlop-summary">{escape(summary)}</p>')
    for service in view.services:
        st = view.types.get(service.service_type)
        if st is None:
            continue
        out.append(f'<section class="forlop-service" data-service-type="{escape(st.code)}">')
        out.append(f"<h3>{escape(st.label(lang))}</h3>")
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
        out.append("</section>")
    updated = max(
        [pathway.updated_at, *([view.latest_revision_at] if view.latest_revision_at else [])]
    )
    out.append(
        f'<p class="forlop-meta">{ui["source"]}: Forløp, {escape(view.chain[0].name)}.'
        f" {ui['updated']} {updated:%d.%m.%Y}.</p>"
    )
    out.append("</section>")
    return "\n".join(out)
