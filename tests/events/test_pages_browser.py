"""The pages in a real browser (headless Chromium): they render, work by keyboard, the forms
post end to end, a cross-site post is refused; screenshots at phone and desktop width.

Set FORLOP_SCREENSHOTS=<dir> to keep the screenshots (the README's come from here).
"""

import json
import os
import re
import urllib.parse
from pathlib import Path

import httpx
import pytest

from tests import contents
from tests.events.browser import CHROMIUM, chromium, serve
from tests.events.conftest import EVENT

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
WIDTHS = {"phone": 390, "desktop": 1280}


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (float(x) for x in re.findall(r"[\d.]+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.fixture
def shots(tmp_path: Path, backend: str) -> Path:
    keep = os.environ.get("FORLOP_SCREENSHOTS")
    out = Path(keep) if keep and backend == "sqlite" else tmp_path / "shots"
    out.mkdir(parents=True, exist_ok=True)
    return out


def snap(page, shots: Path, name: str) -> None:
    for label, width in WIDTHS.items():
        path = shots / f"{name}-{label}.png"
        page.screenshot(path, width)
        assert path.stat().st_size > 2000  # something was drawn


def fill(page, values: dict[str, str], radios: dict[str, str]) -> None:
    page.eval(
        "(() => {const v = " + json.dumps(values) + ";"
        "for (const [k, x] of Object.entries(v)) document.getElementById(k).value = x;"
        "const r = " + json.dumps(radios) + ";"
        "for (const [k, x] of Object.entries(r))"
        " document.querySelector(`input[name='${k}'][value='${x}']`).checked = true;})()"
    )


def test_pages_in_chromium(client, editor, world, shots):
    created = client.post(
        "/v1/localities/bergen/events",
        json={**EVENT, "capacity": 20, "status": "open", "starting_point": "nb"},
        headers=editor,
    )
    event = created.json()
    eid = event["id"]
    with serve(contents.app()) as base, chromium() as page:
        # The registration page: renders, labelled, reachable by keyboard, enough contrast.
        page.goto(f"{base}/v1/events/{eid}/register")
        assert page.last_status() == 200
        assert page.eval("document.documentElement.lang") == "nb"
        assert page.eval("document.querySelector('h1').innerText").startswith("Påmelding")
        unlabelled = page.eval(
            "[...document.querySelectorAll('input:not([type=hidden]),select,textarea')]"
            ".filter(e => !e.labels || e.labels.length === 0).map(e => e.name)"
        )
        assert unlabelled == []
        focused = []
        for _ in range(4):
            page.send("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab",
                      windowsVirtualKeyCode=9)  # fmt: skip
            page.send("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab",
                      windowsVirtualKeyCode=9)  # fmt: skip
            focused.append(page.eval("document.activeElement.id || document.activeElement.tagName"))
        assert "name" in focused  # the first field is reached with Tab alone
        colours = page.eval(
            "(() => { const s = e => getComputedStyle(document.querySelector(e));"
            "return [s('body').color, s('body').backgroundColor, s('button').color,"
            " s('button').backgroundColor, s('.hint').color, s('a').color]; })()"
        )
        body_fg, body_bg, button_fg, button_bg, hint_fg, link_fg = colours
        assert contrast(body_fg, body_bg) >= 4.5
        assert contrast(button_fg, button_bg) >= 4.5
        assert contrast(hint_fg, body_bg) >= 4.5 and contrast(link_fg, body_bg) >= 4.5
        assert page.eval("document.querySelectorAll('script').length") == 0
        snap(page, shots, "register")

        # Missing fields: the form again, with a summary and messages.
        page.submit()
        assert page.last_status() == 422
        assert "Noe må rettes" in page.text() and "Skriv navnet ditt" in page.text()
        snap(page, shots, "register-errors")

        # A real sign-up through the form.
        fill(
            page,
            {"name": "Kari Nordmann", "email": "kari@example.no", "municipality": "4601",
             "service_type": "helsestasjon", "organisation": "Helsestasjonen i Årstad"},
            {"kind": "professional"},
        )  # fmt: skip
        page.submit()
        assert page.last_status() == 201, page.text()
        assert "Du er påmeldt «Samhandlingsdag om angst»" in page.text()
        snap(page, shots, "registered")
        cancel_url = page.eval("document.querySelector('.link-box a').href")
        people = client.get(f"/v1/events/{eid}/registrations", headers=editor).json()["items"]
        assert [p["name"] for p in people] == ["Kari Nordmann"]

        # The same form posted from another site, with a valid token: refused, nothing written.
        token = re.search(
            r'name="form_token" value="([^"]+)"',
            client.get(f"/v1/events/{eid}/register").text,
        ).group(1)
        foreign = (
            f'<form method="post" action="{base}/v1/events/{eid}/register">'
            f'<input name="form_token" value="{token}"><input name="name" value="Mallory">'
            '<input name="email" value="m@example.no"><input name="municipality" value="4601">'
            '<input name="kind" value="parent"></form>'
        )
        page.goto("data:text/html," + urllib.parse.quote(foreign))
        page.submit()
        assert page.last_status() == 403
        assert "Skjemaet ble ikke sendt" in page.text()
        people = client.get(f"/v1/events/{eid}/registrations", headers=editor).json()["items"]
        assert len(people) == 1

        # The cancel link, in nynorsk.
        page.goto(cancel_url.replace("lang=nb", "lang=nn"))
        assert page.last_status() == 200 and "Du er påmeld" in page.text()
        snap(page, shots, "cancel")
        page.submit()
        assert "Du er meld av" in page.text()
        assert client.get(f"/v1/events/{eid}/registrations", headers=editor).json()["items"] == []

        # Feedback through an answer link, nynorsk.
        tokens = client.post(
            f"/v1/events/{eid}/feedback-tokens", json={"count": 1}, headers=editor
        ).json()["tokens"]
        page.goto(f"{base}/v1/feedback/{tokens[0]}/answer?lang=nn")
        assert page.last_status() == 200 and "Svara er anonyme" in page.text()
        snap(page, shots, "feedback")
        page.eval(
            "document.querySelectorAll('fieldset.scale').forEach("
            "f => f.querySelector('input[value=\"5\"]').checked = true);"
            "document.querySelectorAll('textarea').forEach(t => t.value = 'Godt møte.');"
        )
        page.submit()
        assert page.last_status() == 200 and "Takk for svara" in page.text()
        snap(page, shots, "thanks")
        summary = client.get(f"/v1/events/{eid}/feedback", headers=editor).json()
        assert summary["responses"] == 1 and summary["questions"][0]["average"] == 5

        # Print-outs: a few people seated, then the door poster and the QR cards.
        names = ["Åse Berg", "Ola Aasen", "Kari Ødegård", "Per Zahl", "Liv Moe"]
        for i, name in enumerate(names):
            kind = "parent" if i % 2 else "professional"
            body = {"name": name, "email": f"x{i}@example.no", "municipality": "4601",
                    "kind": kind, "service_type": "bup"}  # fmt: skip
            assert client.post(f"/v1/events/{eid}/registrations", json=body).status_code == 201
        client.post(f"/v1/events/{eid}/seating", json={}, headers=editor)
        page.send("Network.setExtraHTTPHeaders", headers=editor)
        page.goto(f"{base}/v1/events/{eid}/poster?sessions=3")
        assert page.last_status() == 200
        first = page.eval("document.querySelector('tbody th').innerText")
        assert first == "Ola Aasen"  # by surname: Aasen, Berg, Moe, Zahl, Ødegård
        snap(page, shots, "poster")
        cards = httpx.post(f"{base}/v1/events/{eid}/feedback-cards", headers=editor, timeout=30)
        assert cards.status_code == 201
        card_file = shots.parent / f"cards-{eid}.html"
        card_file.write_text(cards.text)
        page.goto(card_file.as_uri())
        assert page.eval("document.querySelectorAll('.card svg').length") == 5
        snap(page, shots, "cards")
        card_file.unlink()
