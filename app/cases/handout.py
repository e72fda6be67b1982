"""A walk as a printable HTML handout for group work: no scripts, print CSS, `lang` set."""

from html import escape
from typing import Any

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; margin: 2rem auto; max-width: 48rem;
       color: #111; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; }
.meta { color: #444; } .story { border-left: 4px solid #1f5fbf; padding-left: 1rem; }
.step { border: 1px solid #bbb; border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0;
        page-break-inside: avoid; break-inside: avoid; }
.step h3 { margin: .2rem 0; } .level { font-size: .85rem; color: #555; }
.finding { border-left: 4px solid #b26a00; padding-left: .6rem; margin: .4rem 0; }
.finding.problem { border-color: #b3261e; } .finding.info { border-color: #888; }
.questions { background: #f3f6fb; padding: .4rem .8rem; } .notes { height: 4rem;
        border-bottom: 1px dotted #888; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
  .step { border-color: #888; } a { color: inherit; text-decoration: none; } }
"""

TEXT = {
    "nb": {
        "age": "Alder",
        "years": "år",
        "fictional": "Fiktiv sak",
        "real": "Ekte sak (anonymisert)",
        "concerns": "Bekymringer",
        "steps": "Vandringen",
        "refers": "Kan henvise til",
        "none": "Ingen vei videre",
        "hidden": "finnes ikke her",
        "findings": "Flaskehalser på veien",
        "questions": "Spørsmål til drøfting",
        "general": "Spørsmål til alle",
        "not_reached": "Tjenester saken ikke når",
        "notes": "Notater",
        "in": "i",
    },
    "nn": {
        "age": "Alder",
        "years": "år",
        "fictional": "Fiktiv sak",
        "real": "Verkeleg sak (anonymisert)",
        "concerns": "Uro",
        "steps": "Vandringa",
        "refers": "Kan tilvise til",
        "none": "Ingen veg vidare",
        "hidden": "finst ikkje her",
        "findings": "Flaskehalsar på vegen",
        "questions": "Spørsmål til drøfting",
        "general": "Spørsmål til alle",
        "not_reached": "Tenester saka ikkje når",
        "notes": "Notat",
        "in": "i",
    },
}


def _findings(items: list[dict[str, Any]], lang: str) -> str:
    return "".join(
        f'<div class="finding {escape(f["severity"])}"><strong>{escape(f["message"][lang])}'
        f"</strong><br>{escape(f['why'][lang])}</div>"
        for f in items
    )


def render_handout(walk: dict[str, Any]) -> str:
    """The walk as one self-contained HTML page."""
    lang = walk["lang"]
    t = TEXT[lang]
    case = walk["case"]
    parts = [
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(case['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(case['title'])}</h1>",
        f'<p class="meta">{escape(walk["pathway"]["title"])} {t["in"]} '
        f"{escape(walk['locality']['name'])}"
        + (f" · {t['age']} {case['age']} {t['years']}" if case["age"] is not None else "")
        + f" · {t['fictional'] if case['fictional'] else t['real']}</p>",
        f'<p class="story">{escape(case["story"])}</p>',
    ]
    if case["concerns"]:
        parts.append(f"<h2>{t['concerns']}</h2><ul>")
        parts += [f"<li>{escape(c)}</li>" for c in case["concerns"]]
        parts.append("</ul>")
    if walk["start_note"]:
        parts.append(f'<p class="finding">{escape(walk["start_note"][lang])}</p>')
    parts.append(f"<h2>{t['steps']}</h2>")
    for step in walk["steps"]:
        st = step["service_type"]
        parts.append(
            f'<section class="step" id="step-{step["step"]}"><h3>{step["step"]}. '
            f'{escape(st["name"])}</h3><div class="level">{escape(st["level_label"])}</div>'
        )
        for unit in step["units"]:
            contact = " · ".join(escape(v) for v in (unit["phone"], unit["email"]) if v)
            parts.append(f"<p>{escape(unit['name'])}{' · ' + contact if contact else ''}</p>")
        for sec in step["sections"]:
            if sec["html"]:
                # Already sanitised by the Markdown renderer (no scripts, handlers or styles).
                parts.append(f"<h4>{escape(sec['label'])}</h4>{sec['html']}")
        refers = step["refers_to"]
        parts.append(f"<h4>{t['refers']}</h4>")
        if refers:
            parts.append("<ul>")
            for r in refers:
                label = f" – {escape(r['label'])}" if r["label"] else ""
                gone = f" ({t['hidden']})" if r["hidden"] else ""
                parts.append(f"<li>{escape(r['name'])}{label}{gone}</li>")
            parts.append("</ul>")
        else:
            parts.append(f"<p>{t['none']}</p>")
        if step["findings"]:
            parts.append(f"<h4>{t['findings']}</h4>{_findings(step['findings'], lang)}")
        if step["questions"]:
            parts.append(f'<div class="questions"><h4>{t["questions"]}</h4><ul>')
            parts += [f"<li>{escape(q)}</li>" for q in step["questions"]]
            parts.append("</ul></div>")
        parts.append(f'<div class="notes">{t["notes"]}:</div></section>')
    if walk["not_reached"]:
        parts.append(f"<h2>{t['not_reached']}</h2><ul>")
        parts += [f"<li>{escape(n['name'])}</li>" for n in walk["not_reached"]]
        parts.append("</ul>")
    if walk["general_questions"]:
        parts.append(f"<h2>{t['general']}</h2>")
        for group in walk["general_questions"]:
            parts.append(f"<h4>{escape(group['role'])}</h4><ul>")
            parts += [f"<li>{escape(q)}</li>" for q in group["questions"]]
            parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)
