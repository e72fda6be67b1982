"""Pictures of a map: Graphviz DOT laid out to SVG by `dot`, and Mermaid text."""

import re
import shutil
import subprocess
from typing import Any

from app.core.errors import ServiceUnavailable
from app.maps import legend
from app.models.base import LEVEL_LABELS

DOT_TIMEOUT_S = 10
BANDS = (
    ("municipal", "#eef5ff"),
    ("specialist", "#fff4e6"),
    ("state", "#f1f8ee"),
    ("other", "#f6f6f6"),
)
LOCAL = legend.LOCAL
PROBLEM = legend.PROBLEM
WARNING = "#b26a00"
WORDS = {
    "nb": {"hidden": "finnes ikke her", "removed": "fjernet lokalt"},
    "nn": {"hidden": "finst ikkje her", "removed": "fjerna lokalt"},
}


def _lang(view: dict[str, Any]) -> str:
    return "nn" if view.get("lang") == "nn" else "nb"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _worst(findings: list[dict[str, Any]], code: str) -> str | None:
    severities = {f["severity"] for f in findings if f["service_type"] == code}
    for s in ("problem", "warning"):
        if s in severities:
            return s
    return None


def to_dot(view: dict[str, Any]) -> str:
    """The map as DOT: one band per service level, local changes blue, findings marked."""
    title = f"{view['pathway']['title']} – {view['locality']['name']}"
    lines = [
        "digraph map {",
        f"  graph [rankdir=TB, newrank=true, fontname=Helvetica, label={_q(title)}, "
        "labelloc=t, fontsize=18, nodesep=0.5, ranksep=0.8];",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname=Helvetica, '
        'fontsize=12, margin="0.15,0.08"];',
        '  edge [fontname=Helvetica, fontsize=10, color="#555555"];',
    ]
    findings = view["findings"]
    lang = _lang(view)
    for level, colour in BANDS:
        band = LEVEL_LABELS[level][lang]
        members = [n for n in view["nodes"] if n["level"] == level]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{level} {{")
        lines.append(
            f"    label={_q(band)}; style=filled; color={_q(colour)}; fillcolor={_q(colour)};"
        )
        for n in members:
            label = n["name"]
            attrs = []
            if n["entry_point"]:
                label = "▶ " + label
                attrs.append("peripheries=2")
            if n["hidden"]:
                label += f"\n({WORDS[lang]['hidden']})"
                attrs += ['style="rounded,dashed"', 'fontcolor="#777777"', 'color="#999999"']
            worst = _worst(findings, n["service_type"])
            if worst is not None:
                label = ("⚠ " if worst == "warning" else "✖ ") + label
                colour_of = PROBLEM if worst == "problem" else WARNING
                attrs += [f'color="{colour_of}"', "penwidth=2"]
            if n["local_only"]:
                attrs.append(f'fontcolor="{LOCAL}"')
            attrs.append(f"label={_q(label)}")
            attrs.append(f"id={_q('node-' + n['service_type'])}")
            lines.append(f"    {_q(n['service_type'])} [{', '.join(attrs)}];")
        lines.append("  }")
    hidden = {n["service_type"] for n in view["nodes"] if n["hidden"]}
    for e in view["edges"]:
        attrs = [f"label={_q(e['label'])}"] if e["label"] else []
        if e["origin"] == "local":
            attrs += [f'color="{LOCAL}"', f'fontcolor="{LOCAL}"', "penwidth=2"]
        if e["back"]:
            attrs += ["style=dashed", "constraint=false"]
        if e["target"] in hidden:
            # The line says "leads nowhere"; a local label keeps saying whose link it is.
            attrs += [f'color="{PROBLEM}"', "penwidth=2"]
            if e["origin"] != "local":
                attrs.append(f'fontcolor="{PROBLEM}"')
        lines.append(f"  {_q(e['source'])} -> {_q(e['target'])} [{', '.join(attrs)}];")
    for e in view.get("removed_edges", []):
        label = WORDS[lang]["removed"] + (f": {e['label']}" if e["label"] else "")
        lines.append(
            f'  {_q(e["source"])} -> {_q(e["target"])} [style=dotted, color="#aaaaaa", '
            f'fontcolor="#888888", constraint=false, label={_q(label)}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_binary() -> str | None:
    """Where Graphviz's `dot` is, if installed."""
    return shutil.which("dot")


# Said by `forlop serve` at start and by the 503: what an operator installs, in a person's words.
GRAPHVIZ_MISSING = {
    "en": "The SVG map needs Graphviz, which is not installed on the server. Install the "
    "package 'graphviz' (Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
    "graphviz); the JSON and Mermaid maps work without it.",
    "nb": "Kartet som SVG trenger Graphviz, som ikke er installert på serveren. Installer "
    "pakken «graphviz» (Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
    "graphviz); kartet som JSON og Mermaid virker uten.",
    "nn": "Kartet som SVG treng Graphviz, som ikkje er installert på tenaren. Installer "
    "pakken «graphviz» (Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
    "graphviz); kartet som JSON og Mermaid verkar utan.",
}


def svg_of(view: dict[str, Any]) -> bytes:
    """The map as SVG that scales to its container, with a legend in the map's language."""
    return legend.fit_and_explain(to_svg(to_dot(view)), _lang(view))


def to_svg(dot_source: str) -> bytes:
    """Lay the DOT out with Graphviz; 503 when `dot` is missing, fails or takes too long."""
    binary = dot_binary()
    if binary is None:
        raise ServiceUnavailable(GRAPHVIZ_MISSING["en"], messages=GRAPHVIZ_MISSING)
    try:
        done = subprocess.run(  # a fixed binary, DOT on stdin, no shell
            [binary, "-Tsvg"],
            input=dot_source.encode(),
            capture_output=True,
            timeout=DOT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ServiceUnavailable(
            "Graphviz took too long to lay out the map.",
            messages={
                "nb": "Graphviz brukte for lang tid på å tegne kartet.",
                "nn": "Graphviz brukte for lang tid på å teikne kartet.",
            },
        ) from None
    if done.returncode != 0:
        raise ServiceUnavailable(
            "Graphviz could not lay out the map.",
            messages={
                "nb": "Graphviz klarte ikke å tegne kartet.",
                "nn": "Graphviz klarte ikkje å teikne kartet.",
            },
        )
    return done.stdout


_MERMAID_ID = re.compile(r"[^A-Za-z0-9_]")


def _mid(code: str) -> str:
    return "s_" + _MERMAID_ID.sub("_", code)


# Mermaid entity codes for what could end a label or turn into markup where a renderer
# uses HTML labels: the text shows as typed and never becomes a tag (`#` first, so a typed
# `#lt;` stays literal).
_MERMAID_ESCAPES = str.maketrans(
    {"#": "#35;", "&": "#38;", "<": "#lt;", ">": "#gt;", '"': "#quot;", "`": "#96;", "\n": " "}
)


def _mtext(text: str) -> str:
    return text.translate(_MERMAID_ESCAPES)


def to_mermaid(view: dict[str, Any]) -> str:
    """The map as a Mermaid flowchart, bands as subgraphs, classes for entry/hidden/local."""
    lines = ["flowchart TB"]
    lang = _lang(view)
    for level, _ in BANDS:
        band = LEVEL_LABELS[level][lang]
        members = [n for n in view["nodes"] if n["level"] == level]
        if not members:
            continue
        lines.append(f'  subgraph {level}["{band}"]')
        for n in members:
            lines.append(f'    {_mid(n["service_type"])}["{_mtext(n["name"])}"]')
        lines.append("  end")
    for e in view["edges"]:
        arrow = "-.->" if e["back"] else "-->"
        label = f'|"{_mtext(e["label"])}"|' if e["label"] else ""
        lines.append(f"  {_mid(e['source'])} {arrow}{label} {_mid(e['target'])}")
    for e in view.get("removed_edges", []):
        removed = WORDS[lang]["removed"]
        lines.append(f'  {_mid(e["source"])} -.-|"{removed}"| {_mid(e["target"])}')
    lines += [
        "  classDef entry stroke-width:3px",
        "  classDef hidden stroke-dasharray:5 5,color:#777777",
        f"  classDef finding stroke:{PROBLEM},stroke-width:2px",
    ]
    problems = {f["service_type"] for f in view["findings"] if f["service_type"]}
    for cls, codes in (
        ("entry", [n["service_type"] for n in view["nodes"] if n["entry_point"]]),
        ("hidden", [n["service_type"] for n in view["nodes"] if n["hidden"]]),
        ("finding", [n["service_type"] for n in view["nodes"] if n["service_type"] in problems]),
    ):
        if codes:
            lines.append(f"  class {','.join(_mid(c) for c in codes)} {cls}")
    return "\n".join(lines) + "\n"
