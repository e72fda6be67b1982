"""Pictures of the map: SVG laid out by Graphviz and seen in Chromium; Mermaid text."""

import json
import os
import re
import shutil
import subprocess

import pytest

from app.maps import legend, render
from tests.maps.helpers import all_texts, link, map_url, put, texts

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        if IN_CI:
            pytest.fail(f"{binary} is required in CI (.ci/run installs it)")
        pytest.skip(f"{binary} is not installed: skipped")
    return path


@pytest.fixture
def arranged(client, world, auth, session):
    all_texts(session, world)
    texts(session, world, "4624", "bup", mode="hide")
    h = auth("editor", "helse-vest")
    put(
        client,
        h,
        "helse-vest",
        "helsestasjon",
        refers=[link("fastlege", "ved mistanke")],
        entry=True,
    )
    put(client, h, "helse-vest", "fastlege", refers=[link("bup", "ved alvorlig angst")])
    put(
        client,
        auth("editor", "4624"),
        "4624",
        "helsestasjon",
        mode="append",
        refers=[link("bup", "lokal snarvei")],
    )


def test_svg_has_bands_nodes_labels_and_marks(client, arranged):
    need("dot")
    r = client.get(map_url("4624") + "?format=svg")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert "etag" in r.headers
    svg = r.text
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:400]
    for text in (
        "Kommunen",
        "Spesialisthelsetjenesten",
        "Helsestasjon og skolehelsetjeneste",
        "ved mistanke",
        "lokal snarvei",
        "finnes ikke her",
    ):
        assert text in svg, text
    assert render.LOCAL in svg and render.PROBLEM in svg
    assert "<script" not in svg
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    # Scales to its container: a viewBox, width 100 %, no fixed size in points.
    assert 'width="100%"' in root and "viewBox=" in root and "pt" not in root
    assert 'height="' not in root
    for text in ("Tegnforklaring", "Inngang", "Tjenesten finnes ikke her", "Lokal endring",
                 "Forventet tilbakeføring", "Lenke fjernet lokalt"):  # fmt: skip
        assert text in svg, text


def test_svg_in_nynorsk(client, arranged):
    need("dot")
    svg = client.get(map_url("4624") + "?format=svg&lang=nn").text
    for text in (
        "Teiknforklaring",
        "Spesialisthelsetenesta",
        "finst ikkje her",
        "Tenesta finst ikkje her",
        "Forventa tilbakeføring",
        "Lenke fjerna lokalt",
    ):
        assert text in svg, text
    assert "finnes ikke her" not in svg and "Tegnforklaring" not in svg


def test_legend_grows_the_viewbox_below_the_graph():
    need("dot")
    graph = render.to_svg("digraph { a -> b }")
    box = [float(v) for v in re.search(rb'viewBox="([^"]+)"', graph).group(1).split()]
    fitted = legend.fit_and_explain(graph, "nb")
    new = [float(v) for v in re.search(rb'viewBox="([^"]+)"', fitted).group(1).split()]
    assert new[3] > box[3] + 40, "room for the legend under the graph"
    assert new[2] >= box[2]
    assert fitted.rstrip().endswith(b"</svg>") and b'id="legend"' in fitted
    assert legend.fit_and_explain(b"<svg></svg>", "nb") == b"<svg></svg>"


def test_mermaid_text(client, arranged):
    r = client.get(map_url("4624") + "?format=mermaid")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert text.startswith("flowchart TB\n")
    assert (
        'subgraph municipal["Kommunen"]' in text
        and 'subgraph specialist["Spesialisthelsetjenesten"]' in text
    )
    assert 's_helsestasjon -->|"ved mistanke"| s_fastlege' in text
    assert 's_helsestasjon -->|"lokal snarvei"| s_bup' in text
    assert "class s_bup hidden" in text and "class s_helsestasjon entry" in text


def test_dot_quotes_what_it_is_given():
    view = {
        "pathway": {"title": 'Angst "test"'},
        "locality": {"name": "Bergen"},
        "nodes": [
            {
                "service_type": "a",
                "name": 'Rare "navn"\\',
                "level": "municipal",
                "entry_point": True,
                "hidden": False,
                "local_only": False,
            }
        ],
        "edges": [],
        "findings": [],
    }
    dot = render.to_dot(view)
    assert 'label="▶ Rare \\"navn\\"\\\\"' in dot
    if shutil.which("dot"):
        assert b"Rare" in render.to_svg(dot)


def test_missing_graphviz_is_a_503_that_says_what_to_install(client, arranged, monkeypatch):
    monkeypatch.setattr(render, "dot_binary", lambda: None)
    r = client.get(map_url("4624") + "?format=svg")
    assert r.status_code == 503 and r.headers["content-type"].startswith("application/problem+json")
    # No language asked for: the installation's default, bokmål.
    assert "Graphviz" in r.json()["detail"] and "ikke er installert" in r.json()["detail"]
    assert "apt-get install graphviz" in r.json()["detail"]
    nn = client.get(map_url("4624") + "?format=svg", headers={"Accept-Language": "nn-NO"})
    assert "ikkje er installert på tenaren" in nn.json()["detail"]
    assert nn.headers["content-language"] == "nn"
    en = client.get(map_url("4624") + "?format=svg&lang=nn", headers={"Accept-Language": "en"})
    assert "ikkje er installert" in en.json()["detail"], "?lang= wins over Accept-Language"
    en = client.get(map_url("4624") + "?format=svg", headers={"Accept-Language": "en-GB, nb;q=0.5"})
    assert "is not installed on the server" in en.json()["detail"]
    assert client.get(map_url("4624") + "?format=mermaid").status_code == 200


def test_serve_warns_at_start_without_graphviz(monkeypatch, capsys):
    from app import cli

    monkeypatch.setattr(render, "dot_binary", lambda: None)
    cli._warn_without_graphviz()
    err = capsys.readouterr().err
    assert "Graphviz" in err and "apt-get install graphviz" in err
    monkeypatch.setattr(render, "dot_binary", lambda: "/usr/bin/dot")
    cli._warn_without_graphviz()
    assert capsys.readouterr().err == ""


HOST = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="box" style="width:{width}px">{svg}</div>
<pre id="seen"></pre>
<script>
const out = [];
for (const t of document.querySelectorAll('svg text')) {{
  const b = t.getBoundingClientRect();
  const s = getComputedStyle(t);
  out.push({{text: t.textContent, w: b.width, h: b.height, x: b.x, y: b.y, r: b.right,
            visible: s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'}});
}}
const svg = document.querySelector('svg').getBoundingClientRect();
document.getElementById('seen').textContent = JSON.stringify(
  {{texts: out, svg: {{w: svg.width, h: svg.height}}}});
</script></body></html>"""


def _seen_in_browser(svg: str, width: int, tmp_path) -> dict:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if IN_CI:
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed: the browser check is skipped")
    svg = svg[svg.index("<svg") :]
    page = tmp_path / "map.html"
    page.write_text(HOST.format(svg=svg, width=width), encoding="utf-8")
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    match = re.search(r'<pre id="seen">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stderr[-2000:]
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_a_browser_shows_the_nodes_and_labels(client, arranged, tmp_path):
    need("dot")
    seen = _seen_in_browser(client.get(map_url("4624") + "?format=svg").text, 1300, tmp_path)
    seen = seen["texts"]
    shown = {
        s["text"]
        for s in seen
        if s["visible"] and s["w"] > 5 and s["h"] > 5 and s["x"] >= 0 and s["y"] >= 0
    }
    for text in (
        "▶ Helsestasjon og skolehelsetjeneste",
        "Fastlege",
        "ved mistanke",
        "lokal snarvei",
        "Kommunen",
        "Spesialisthelsetjenesten",
    ):
        assert any(text in s for s in shown), (text, shown)
    assert any("Psykisk helsevern for barn og unge (BUP)" in s for s in shown)


def test_a_narrow_page_shows_the_whole_map_and_its_legend(client, arranged, tmp_path):
    need("dot")
    seen = _seen_in_browser(client.get(map_url("4624") + "?format=svg").text, 420, tmp_path)
    assert 400 <= seen["svg"]["w"] <= 421, seen["svg"]
    texts = seen["texts"]
    # Nothing cut off at the right edge of the 420 px box (8 px body margin).
    assert max(t["r"] for t in texts) <= 8 + 421
    shown = {t["text"] for t in texts if t["visible"] and t["h"] > 3}
    assert "Tegnforklaring" in shown and "Lenke fjernet lokalt" in shown
    assert any("Helsestasjon" in t for t in shown)
