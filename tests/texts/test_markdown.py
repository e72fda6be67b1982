"""Markdown → safe HTML, against hostile input."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.texts.markdown import _render, join_html, render

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klikk</a>',
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    "[klikk](  javascript:alert(1))",
    "[klikk](java&#09;script:alert(1))",
    "[klikk](&#106;avascript:alert(1))",
    "[klikk](vbscript:msgbox(1))",
    "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div style="position:fixed">x</div>',
    '<p onclick="alert(1)">x</p>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    "![x](javascript:alert(1))",
    "<!-- <script>alert(1)</script> -->",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '<https://ok.example/"onmouseover="alert(1)>',
    "<form action=https://evil.example><input name=x></form>",
]


@pytest.mark.parametrize("md", HOSTILE)
def test_hostile_markdown_is_defused(md):
    html = render(md).lower()
    assert "<script" not in html and "<iframe" not in html and "<svg" not in html
    assert "<style" not in html and "<form" not in html and "<input" not in html
    assert "<img" not in html
    assert not re.search(r"<[^>]*\son\w+\s*=", html), html
    assert not re.search(r"<[^>]*style\s*=", html), html
    assert not re.search(r'<[^>]*href="\s*(javascript|vbscript|data):', html), html


def test_links_kept_with_safe_rel_and_schemes():
    html = render(
        "Se [Helsenorge](https://www.helsenorge.no), [e-post](mailto:post@bergen.kommune.no)"
        " og [ring](tel:+4755000000)."
    )
    assert '<a href="https://www.helsenorge.no" rel="noopener noreferrer">Helsenorge</a>' in html
    assert 'href="mailto:post@bergen.kommune.no"' in html
    assert 'href="tel:+4755000000"' in html


def test_relative_and_ftp_links_lose_their_target_but_keep_their_text():
    html = render("[intern](/admin) [ftp](ftp://x.example/f)")
    assert "intern" in html and "ftp" in html
    assert "/admin" not in html and "ftp://" not in html


def test_common_markdown_renders():
    html = render(
        "## Tiltak\n\n- **Kartlegg** angst\n- _Samtale_ med `foresatte`\n\n"
        "| Alder | Tilbud |\n|---|---|\n| 0–5 | Helsestasjon |\n\n~~gammelt~~\n\n> sitat"
    )
    for tag in ("<h2>", "<ul>", "<li>", "<strong>", "<em>", "<code>", "<table>", "<td>",
                "<s>", "<blockquote>"):  # fmt: skip
        assert tag in html, tag
    assert "Helsestasjon" in html


def test_image_shows_its_alt_text_only():
    html = render("![Kart over <Årstad>](https://tracker.example/pixel.png)")
    assert "<img" not in html and "tracker" not in html
    assert "Kart over &lt;Årstad&gt;" in html


def test_norwegian_text_and_empty():
    assert render("Æ, ø og å — «sitat»") == "<p>Æ, ø og å — «sitat»</p>"
    assert render("") == ""


def test_memoised():
    text = "Samme tekst i mange visninger"
    assert render(text) is render(text)


# Blocks that end open or closed, reach across (references), or continue one another.
BLOCKS = [
    "Et avsnitt med *uthevet* tekst.",
    "Avsnitt som fortsetter\nover to linjer  ",
    "# Overskrift",
    "Overskrift\n=========",
    "---",
    "- punkt en\n- punkt to",
    "1. første\n2. andre",
    "3. tredje",
    "- løst punkt\n\n  med avsnitt",
    "> sitat\n> over to linjer",
    "```\nkode\n```",
    "```\nkode som ikke lukkes",
    "    innrykket kode",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[lenke]: https://helse-bergen.no",
    "Se [lenke] og [annen][lenke].",
    "*start på utheving",
    "slutt på utheving*",
    "+ pluss\n+ punkt",
    "2) parentes",
    "* stjerne",
    "* * *",
    "  to mellomrom inn",
    "> nytt sitat",
    "Avsnitt\n- liste rett etter",
    "- punkt\n\n      innrykket kode i punkt",
    "Linje med hard brudd\\",
    "<div>rå html</div>",
    "Tekst med [lenke](https://helse-vest.no) og [udefinert]",
    "  ",
    "",
]


@st.composite
def documents(draw):
    return "\n\n".join(draw(st.lists(st.sampled_from(BLOCKS), min_size=0, max_size=3)))


def _whole(*parts: str):
    return _render("\n\n".join(parts))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(documents(), documents(), documents())
def test_joined_html_is_the_html_of_the_joined_text(a, b, c):
    """Whenever `join_html` answers, it is exactly what rendering the whole gives."""
    (ha, fa), (hb, fb), (hc, fc) = _render(a), _render(b), _render(c)
    joined, flags = join_html(ha, fa, hb, fb)
    if joined is not None:
        assert (joined, flags) == _whole(a, b)
        again, flags = join_html(joined, flags, hc, fc)
        if again is not None:
            assert (again, flags) == _whole(a, b, c)


def test_plain_paragraphs_join_and_lists_or_references_do_not():
    para, more = _render(BLOCKS[0]), _render("Kommunen legger til dette.")
    assert join_html(*para, *more) == _whole(BLOCKS[0], "Kommunen legger til dette.")
    # A list followed by a list continues it; a reference reaches the other text.
    assert join_html(*_render("- a"), *_render("- b"))[0] is None
    assert join_html(*_render(BLOCKS[15]), *_render(BLOCKS[14]))[0] is None
