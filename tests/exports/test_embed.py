"""The embeddable fragment: script-free, sanitised, `lang` set, and readable in a real browser."""

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.exports.helpers import put

IN_CI = os.environ.get("CI", "").lower() == "true"
URL = "/v1/localities/4601/pathways/angst/embed"


def arrange(session, world):
    put(session, world, world.region, "helsestasjon",
        text="Helsestasjonen **ser** barnet. <script>alert(1)</script> [lenke](javascript:alert(2))"
             " [Mer](https://example.org/angst)")  # fmt: skip
    put(session, world, world.m4601, "helsestasjon", mode="append", text="Ring Årstad.")
    put(session, world, world.region, "bup", section="referral", text="Henvis via fastlegen.")
    put(session, world, world.region, "fastlege", mode="hide", text=None)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_fragment_is_script_free_with_lang_headings_and_caching(client, world, session):
    arrange(session, world)
    r = client.get(URL)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"].startswith("public, max-age=")
    assert client.get(URL, headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    parser = Tags()
    parser.feed(r.text)
    names = [t for t, _ in parser.tags]
    assert names[0] == "section" and parser.tags[0][1]["lang"] == "nb"
    assert "script" not in names and "iframe" not in names
    for _, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), attrs
        assert "javascript:" not in attrs.get("href", "")
    assert "<h2>Angst – Bergen</h2>" in r.text
    assert "<h3>Helsestasjon og skolehelsetjeneste</h3>" in r.text
    assert "<h4>Rolle" in r.text and "<strong>ser</strong>" in r.text
    assert 'href="https://example.org/angst"' in r.text
    assert "font-family" not in r.text, "the host page's fonts must be inherited"
    assert "Fastlege" not in r.text, "a hidden service is left out"
    nn = client.get(URL + "?lang=nn")
    assert '<section class="forlop-embed" lang="nn"' in nn.text
    assert "Vidare tilvising" in nn.text


def test_unknown_pathway_is_problem_json(client, world):
    r = client.get("/v1/localities/4601/pathways/nope/embed")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


HOST_PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8">
<style>body{{font-family:"DejaVu Serif",serif}}</style></head><body>
<main id="host">{fragment}</main>
<script>
// The harness (not the fragment) reads what a person would see: rendered text and fonts.
const root = document.querySelector('.forlop-embed');
const out = document.createElement('pre');
out.id = 'seen';
out.textContent = JSON.stringify({{
  text: root.innerText,
  lang: root.lang,
  h2Font: getComputedStyle(root.querySelector('h2')).fontFamily,
  bodyFont: getComputedStyle(document.body).fontFamily,
  headings: [...root.querySelectorAll('h2,h3,h4')].map(h => h.tagName + ':' + h.innerText),
  visibleHeight: root.getBoundingClientRect().height,
  scripts: root.querySelectorAll('script').length,
  // Links out of the fragment; the table of contents' in-page anchors are checked below.
  links: [...root.querySelectorAll('a')].filter(a => !a.getAttribute('href').startsWith('#'))
         .map(a => a.protocol),
  toc: [...root.querySelectorAll('nav a')].map(a => a.getAttribute('href')),
  parts: [...root.querySelectorAll('details')].map(d => ({{id: d.id, open: d.open,
           summary: d.querySelector('summary').innerText}})),
  targets: [...root.querySelectorAll('nav a')].map(a => {{
    location.hash = a.getAttribute('href');
    const t = document.querySelector(':target');
    return t ? t.tagName + '#' + t.id : null;
  }}),
}});
document.body.appendChild(out);
</script></body></html>"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if IN_CI:
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("chromium is not installed: the browser check is skipped")
    return path


def seen_in_browser(fragment: str, tmp_path) -> dict:
    import json

    browser = chromium()
    page = tmp_path / "host.html"
    page.write_text(HOST_PAGE.format(fragment=fragment), encoding="utf-8")
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    match = re.search(r'<pre id="seen">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stderr[-2000:]
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">"))  # fmt: skip


def test_a_browser_shows_the_texts(client, world, session, tmp_path):
    arrange(session, world)
    seen = seen_in_browser(client.get(URL).text, tmp_path)
    text = seen["text"]
    assert seen["lang"] == "nb"
    assert "Angst – Bergen" in text
    assert "Helsestasjonen ser barnet." in text and "Ring Årstad." in text
    assert "Helsestasjonen i Årstad" in text and "55 00 00 00" in text
    assert "Henvis via fastlegen." in text
    # Markup in a text is shown as text, never run; only safe links survive.
    assert seen["scripts"] == 0 and "<script>alert(1)</script>" in text
    assert set(seen["links"]) <= {"https:", "tel:", "mailto:"}, seen["links"]
    assert "Fastlege\n" not in text
    assert seen["headings"][:3] == ["H2:Angst – Bergen", "H3:Helsestasjon og skolehelsetjeneste",
                                    "H4:Rolle (lokalt)"]  # fmt: skip
    assert seen["h2Font"] == seen["bodyFont"], "headings inherit the host page's font"
    assert seen["visibleHeight"] > 100
    # The table of contents leads to one open part per service, by unique anchors.
    ids = ["forlop-angst-4601-helsestasjon", "forlop-angst-4601-bup"]
    assert seen["toc"] == ["#" + i for i in ids]
    assert [(p["id"], p["open"]) for p in seen["parts"]] == [(i, True) for i in ids]
    assert seen["targets"] == ["DETAILS#" + i for i in ids]


def test_folded_parts_show_only_their_headings(client, world, session, tmp_path):
    arrange(session, world)
    seen = seen_in_browser(client.get(URL + "?collapsed=true&lang=nn").text, tmp_path)
    assert [p["open"] for p in seen["parts"]] == [False, False]
    # The test catalogue has no nynorsk names: the bokmål name stands in.
    assert [p["summary"] for p in seen["parts"]] == [
        "Helsestasjon og skolehelsetjeneste",
        "Psykisk helsevern for barn og unge (BUP)",
    ]
    assert "Innhald" in seen["text"] and "Helsestasjon og skolehelsetjeneste" in seen["text"]
    assert "Ring Årstad." not in seen["text"], "a folded part hides its texts"


def test_table_of_contents_and_parts(client, world, session):
    arrange(session, world)
    html = client.get(URL).text
    assert html.count("<details ") == 2 and html.count("</details>") == 2
    toc = html[html.index('<nav class="forlop-toc"') : html.index("</nav>")]
    assert 'aria-label="Innhold"' in toc
    assert '<a href="#forlop-angst-4601-helsestasjon">Helsestasjon og skolehelsetjeneste</a>' in toc
    # Bergen adapted the helsestasjon's role; the region's BUP text is untouched.
    assert toc.count("(lokalt tilpasset)") == 1
    assert "<summary><h3>Helsestasjon og skolehelsetjeneste</h3></summary>" in html
    assert client.get(URL + "?collapsed=maybe").status_code == 422
    assert " open>" not in client.get(URL + "?collapsed=true").text
