"""Every write route × every role × in and out of scope gets the answer domain.md promises.

A new write route must be added to WRITE_ROUTES, or `test_every_write_route_is_listed`
fails: no route can forget its guard unnoticed.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.db import get_engine
from tests import contents
from tests.factories import make_key, make_world

ROLES = ["reader", "contributor", "editor", "admin"]
NOW = datetime.now(UTC)
TEXT = "/v1/localities/4601/pathways/angst/texts/helsestasjon/role"
LINKS = "/v1/localities/4601/pathways/angst/links/helsestasjon"
SCHEDULED = "/v1/localities/4601/pathways/angst/texts/helsestasjon/measures"
SCHEDULED_LINKS = "/v1/localities/4601/pathways/angst/links/fastlege"


@dataclass(frozen=True)
class WriteRoute:
    method: str
    template: str
    path: str  # the template filled in; `{…}` names come from the `targets` fixture
    role: str | None  # the least role; None: public (a secret in the path may stand in)
    scope: str | None = None  # the locality whose subtree the key must cover; None: region-wide
    body: Any = field(default_factory=dict)
    owner_only: bool = False  # only the key that created the target may do it
    # Where an out-of-scope key comes from, when not ELSEWHERE[scope]: a workbook names its
    # municipality only inside the file, so a neighbour in the same community is told later.
    elsewhere: str | None = None


EVENT = "/v1/events/{event_id}"
# A sign-up export for the import route (raw CSV), and the marker of a page's form post.
IMPORT_CSV = b"Navn;E-post;Kommune;Deltakertype\nOla Nordmann;ola@example.no;4601;Forelder\n"
PAGE_FORM = "page-form"
PROPOSAL = "/v1/change-proposals/{proposal_id}"
PROPOSAL_BODY = {
    "locality": "4601", "pathway": "angst", "service_type": "helsestasjon", "section": "role",
    "mode": "replace", "text": "Ny tekst.", "rationale": "Fordi.", "service_work": "Opplæring.",
    "traffic_light": "yellow",
}  # fmt: skip
ROUND_BODY = {
    "title": "Lokal revisjon", "pathways": ["angst"],
    "opens_at": (NOW - timedelta(days=1)).isoformat(),
    "closes_at": (NOW + timedelta(days=30)).isoformat(),
}  # fmt: skip
EVENT_BODY = {
    "title": "Samhandlingsdag", "date": "2027-03-11", "start_time": "09:00",
    "end_time": "15:00", "venue": "Bergen", "capacity": 50, "status": "open",
    "table_min": 2, "table_max": 3,
}  # fmt: skip
CASE_BODY = {
    "title": "Emma", "age": 9, "pathway": "angst", "entry_point": "helsestasjon",
    "story": "Emma har mye fravær.", "concerns": ["fravær"], "questions": [],
}  # fmt: skip
PERSON = {
    "name": "Kari Nordmann", "email": "kari@example.no", "organisation": "Helsestasjonen",
    "municipality": "4601", "service_type": "helsestasjon", "kind": "professional",
}  # fmt: skip

WEBHOOK = "/v1/webhooks/{webhook_id}"
# Loopback, allowed in the suite (tests/conftest.py); nothing listens, so a ping fails fast.
WEBHOOK_BODY = {"url": "http://127.0.0.1:9/hook", "event_kinds": ["*"], "locality": "4601"}

W = WriteRoute
WRITE_ROUTES: list[WriteRoute] = [
    # Catalogue (admin)
    W("POST", "/v1/localities", "/v1/localities", "admin",
      body={"code": "4625", "name": "Austevoll", "kind": "municipality", "parent": "bergen"}),
    W("PATCH", "/v1/localities/{code}", "/v1/localities/4601", "admin", body={"name": "Bergen"}),
    W("POST", "/v1/service-types", "/v1/service-types", "admin",
      body={"code": "tannhelse", "name": "Tannhelse", "level": "municipal"}),
    W("PATCH", "/v1/service-types/{code}", "/v1/service-types/fastlege", "admin",
      body={"name": "Fastlege"}),
    W("POST", "/v1/pathways", "/v1/pathways", "admin",
      body={"slug": "sorg", "title": "Sorg", "summary": "", "target_group": "",
            "status": "draft", "service_types": ["fastlege"]}),
    W("PATCH", "/v1/pathways/{slug}", "/v1/pathways/angst", "admin", body={"title": "Angst"}),
    # Units (editor in scope)
    W("POST", "/v1/localities/{code}/services", "/v1/localities/4601/services", "editor",
      "4601", body={"service_type": "fastlege", "name": "Legekontoret"}),
    W("PATCH", "/v1/localities/{code}/services/{unit_id}",
      "/v1/localities/4601/services/{unit_id}", "editor", "4601", body={"name": "Ny"}),
    W("DELETE", "/v1/localities/{code}/services/{unit_id}",
      "/v1/localities/4601/services/{unit_id}", "editor", "4601"),
    # Texts and links (editor in scope)
    W("PUT", "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}", TEXT,
      "editor", "4601", body={"mode": "append", "text": "Lokalt.", "lang": "nb",
                              "status": "published"}),
    W("DELETE", "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}", TEXT,
      "editor", "4601"),
    W("POST", "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}/confirm",
      TEXT + "/confirm", "editor", "4601"),
    W("DELETE",
      "/v1/localities/{code}/pathways/{slug}/texts/{service_type}/{section}/revisions/{revision}",
      SCHEDULED + "/revisions/{scheduled_revision}", "editor", "4601"),
    W("PUT", "/v1/localities/{code}/pathways/{slug}/links/{service_type}", LINKS, "editor",
      "4601", body={"mode": "append", "refers_to": [{"service_type": "bup", "label": "x"}]}),
    W("DELETE", "/v1/localities/{code}/pathways/{slug}/links/{service_type}", LINKS, "editor",
      "4601"),
    W("DELETE", "/v1/localities/{code}/pathways/{slug}/links/{service_type}/revisions/{revision}",
      SCHEDULED_LINKS + "/revisions/{scheduled_links_revision}", "editor", "4601"),
    # Proposals
    W("POST", "/v1/change-proposals", "/v1/change-proposals", "contributor", "4601",
      body=PROPOSAL_BODY),
    W("POST", "/v1/change-proposals/{proposal_id}/comments", PROPOSAL + "/comments",
      "contributor", "4601", body={"text": "Enig."}),
    W("POST", "/v1/change-proposals/{proposal_id}/accept", PROPOSAL + "/accept", "editor",
      "4601", body={}),
    W("POST", "/v1/change-proposals/{proposal_id}/reject", PROPOSAL + "/reject", "editor",
      "4601", body={"note": "Nei."}),
    W("POST", "/v1/change-proposals/{proposal_id}/withdraw", PROPOSAL + "/withdraw",
      "contributor", "4601", owner_only=True),
    # Review rounds (editor of the health community; assessments by contributors in scope)
    W("POST", "/v1/localities/{code}/review-rounds", "/v1/localities/bergen/review-rounds",
      "editor", "bergen", body=ROUND_BODY),
    W("PUT", "/v1/review-rounds/{round_id}/assessments/{municipality}/{pathway}/{service_type}",
      "/v1/review-rounds/{round_id}/assessments/4601/angst/helsestasjon", "contributor", "4601",
      body={"traffic_light": "green", "note": "Fint."}),
    W("POST", "/v1/review-rounds/{round_id}/workbook", "/v1/review-rounds/{round_id}/workbook",
      "contributor", "4601", body=None, elsewhere="1106"),
    # Collaboration days (editors of the owning community)
    W("POST", "/v1/localities/{code}/events", "/v1/localities/bergen/events", "editor", "bergen",
      body=EVENT_BODY),
    W("PATCH", EVENT, EVENT, "editor", "bergen", body={"venue": "Grieghallen"}),
    W("PUT", EVENT + "/programme", EVENT + "/programme", "editor", "bergen", body={"items": []}),
    W("POST", EVENT + "/checklist", EVENT + "/checklist", "editor", "bergen",
      body={"text": "Bestill lunsj"}),
    W("PUT", EVENT + "/checklist/order", EVENT + "/checklist/order", "editor", "bergen",
      body={"order": []}),
    W("PATCH", EVENT + "/checklist/{item_id}", EVENT + "/checklist/{item_id}", "editor",
      "bergen", body={"done": True}),
    W("DELETE", EVENT + "/checklist/{item_id}", EVENT + "/checklist/{item_id}", "editor",
      "bergen"),
    W("POST", EVENT + "/participants/{participant_id}/erase",
      EVENT + "/participants/{participant_id}/erase", "editor", "bergen"),
    W("POST", EVENT + "/seating", EVENT + "/seating", "editor", "bergen", body={"seed": 1}),
    W("PUT", EVENT + "/feedback-questions", EVENT + "/feedback-questions", "editor", "bergen",
      body={"questions": [{"text": "Hvor nyttig var dagen?", "kind": "scale"}]}),
    W("POST", EVENT + "/feedback-tokens", EVENT + "/feedback-tokens", "editor", "bergen",
      body={"count": 1}),
    W("POST", EVENT + "/registrations/import", EVENT + "/registrations/import", "editor",
      "bergen", body=IMPORT_CSV),
    W("POST", EVENT + "/feedback-cards", EVENT + "/feedback-cards", "editor", "bergen"),
    # Public writes: the registration form, and the secret links people get
    W("POST", EVENT + "/registrations", EVENT + "/registrations", None,
      body={**PERSON, "email": "ny@example.no"}),
    W("DELETE", "/v1/registrations/{token}", "/v1/registrations/{cancel_token}", None),
    W("POST", "/v1/feedback/{token}", "/v1/feedback/{feedback_token}", None, body={"answers": []}),
    # The pages' forms (a stale or missing form token is a 400, a foreign origin a 403)
    W("POST", EVENT + "/register", EVENT + "/register", None, body=PAGE_FORM),
    W("POST", "/v1/registrations/{token}/cancel", "/v1/registrations/{cancel_token}/cancel",
      None, body=PAGE_FORM),
    W("POST", "/v1/feedback/{token}/answer", "/v1/feedback/{feedback_token}/answer", None,
      body=PAGE_FORM),
    # Cases (editors in scope of the owner)
    W("POST", "/v1/localities/{code}/cases", "/v1/localities/4601/cases", "editor", "4601",
      body=CASE_BODY),
    W("PATCH", "/v1/cases/{case_id}", "/v1/cases/{case_id}", "editor", "4601",
      body={"title": "Emma, 10 år"}),
    W("DELETE", "/v1/cases/{case_id}", "/v1/cases/{case_id}", "editor", "4601"),
    # Webhooks (editors within their scope: the subscription's locality filter)
    W("POST", "/v1/webhooks", "/v1/webhooks", "editor", "4601", body=WEBHOOK_BODY),
    W("PATCH", WEBHOOK, WEBHOOK, "editor", "4601", body={"description": "Intranett"}),
    W("DELETE", WEBHOOK, WEBHOOK, "editor", "4601"),
    W("POST", WEBHOOK + "/ping", WEBHOOK + "/ping", "editor", "4601"),
    W("POST", WEBHOOK + "/deliveries/{delivery_id}/redeliver",
      WEBHOOK + "/deliveries/{delivery_id}/redeliver", "editor", "4601"),
    # Adoption (editors in scope of the adopter): Fonna takes Bergen's own pathways into use
    W("POST", "/v1/localities/{code}/adoptions", "/v1/localities/fonna/adoptions", "editor",
      "fonna", body={"pathway": "sovn"}),
    W("DELETE", "/v1/localities/{code}/adoptions/{slug}",
      "/v1/localities/fonna/adoptions/spising", "editor", "fonna"),
    # Review cycles (the interval region-wide; marks by editors in scope)
    W("PUT", "/v1/pathways/{slug}/review-cycle", "/v1/pathways/angst/review-cycle", "editor",
      body={"months": 24}),
    W("POST", "/v1/localities/{code}/pathways/{slug}/reviews",
      "/v1/localities/4601/pathways/angst/reviews", "editor", "4601", body={}),
]  # fmt: skip

# Localities outside each scope used in the out-of-scope checks.
ELSEWHERE = {"bergen": "fonna", "4601": "4624", "fonna": "bergen"}


def _write_routes() -> set[tuple[str, str]]:
    # The OpenAPI document lists every route, however deeply routers are included.
    paths = contents.app().openapi()["paths"]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE")
    }


def test_every_write_route_is_listed():
    listed = {(r.method, r.template) for r in WRITE_ROUTES}
    routes = _write_routes()
    assert len(routes) > 30
    missing = routes - listed
    assert not missing, f"write routes without an access check in this table: {sorted(missing)}"
    assert not listed - routes, f"listed but gone: {sorted(listed - routes)}"


@contents.seeder("access-targets")
def _seed_targets() -> dict[str, Any]:
    """One of everything the routes act on, made through the API; `owner` made the proposal."""
    engine = get_engine().execution_options(isolation_level="AUTOCOMMIT")
    with (
        Session(engine, expire_on_commit=False) as session,
        TestClient(contents.app(), raise_server_exceptions=False) as client,
    ):
        make_world(session)

        def auth(role: str, locality: str | None = None) -> dict[str, str]:
            return {"Authorization": f"Bearer {make_key(session, role=role, locality=locality)}"}

        return _make_targets(client, auth)


@pytest.fixture
def targets(db_url: str, backend: str) -> dict[str, Any]:
    """The targets in this test's database: a copy of one made once (the routes change them)."""
    return contents.result(backend, "access-targets")


def _make_targets(client, auth) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    admin = auth("admin")
    ids: dict[str, Any] = {}

    def ok(r):
        assert r.status_code in (200, 201), r.text
        return r.json()

    put = {"mode": "replace", "text": "Regional tekst.", "lang": "nb", "status": "published"}
    ok(client.put(TEXT.replace("4601", "helse-vest"), json=put,
                  headers={**admin, "If-None-Match": "*"}))  # fmt: skip
    ok(client.put(TEXT, json={**put, "mode": "append", "text": "Lokalt."},
                  headers={**admin, "If-None-Match": "*"}))  # fmt: skip
    later = (NOW + timedelta(days=30)).isoformat()
    ids["scheduled_revision"] = ok(client.put(
        SCHEDULED, json={**put, "mode": "append", "text": "Senere.", "valid_from": later},
        headers={**admin, "If-None-Match": "*"}))["scheduled"][0]["revision"]  # fmt: skip
    ids["scheduled_links_revision"] = ok(client.put(
        SCHEDULED_LINKS, json={"mode": "append", "refers_to": [{"service_type": "bup"}],
                               "status": "published", "valid_from": later},
        headers={**admin, "If-None-Match": "*"}))["revision"]  # fmt: skip
    ok(client.put(LINKS, json={"mode": "append", "refers_to": [{"service_type": "bup"}]},
                  headers={**admin, "If-None-Match": "*"}))  # fmt: skip
    ids["unit_id"] = ok(client.post("/v1/localities/4601/services",
                                    json={"service_type": "fastlege", "name": "Lege"},
                                    headers=admin))["id"]  # fmt: skip
    owner = auth("contributor", "4601")
    ids["owner"] = owner
    ids["proposal_id"] = ok(client.post("/v1/change-proposals", json=PROPOSAL_BODY,
                                        headers=owner))["id"]  # fmt: skip
    ids["round_id"] = ok(client.post("/v1/localities/bergen/review-rounds", json=ROUND_BODY,
                                     headers=admin))["id"]  # fmt: skip
    event = ok(client.post("/v1/localities/bergen/events", json=EVENT_BODY, headers=admin))
    ids["event_id"] = event["id"]
    checklist = ok(client.get(f"/v1/events/{event['id']}/checklist", headers=admin))
    ids["item_id"] = checklist["items"][0]["id"]
    receipt = ok(client.post(f"/v1/events/{event['id']}/registrations", json=PERSON))
    ids["cancel_token"] = receipt["cancel_token"]
    for i in range(3):  # enough people to seat at tables of two or three
        ok(client.post(f"/v1/events/{event['id']}/registrations",
                       json={**PERSON, "email": f"deltaker{i}@example.no"}))  # fmt: skip
    people = ok(client.get(f"/v1/events/{event['id']}/registrations", headers=admin))
    ids["participant_id"] = people["items"][0]["id"]
    tokens = client.post(
        f"/v1/events/{event['id']}/feedback-tokens", json={"count": 1}, headers=admin
    )
    ids["feedback_token"] = ok(tokens)["tokens"][0]
    ids["case_id"] = ok(client.post("/v1/localities/4601/cases", json=CASE_BODY,
                                    headers=admin))["id"]  # fmt: skip
    for slug in ("sovn", "spising"):  # pathways of Bergen's own, for adoption by Fonna
        ok(client.post("/v1/pathways", headers=admin, json={
            "slug": slug, "title": slug, "summary": "", "target_group": "",
            "status": "published", "service_types": ["fastlege"], "owner": "bergen"}))  # fmt: skip
    ok(client.post("/v1/localities/fonna/adoptions", json={"pathway": "spising"}, headers=admin))
    ids["webhook_id"] = ok(client.post("/v1/webhooks", json=WEBHOOK_BODY, headers=admin))["id"]
    ids["delivery_id"] = ok(client.post(f"/v1/webhooks/{ids['webhook_id']}/ping",
                                        headers=admin))["id"]  # fmt: skip
    return ids


def _page_form_post(client, path: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    """Post a page's form as a browser would: its token, same origin, valid fields."""
    page = client.get(path)
    match = re.search(r'name="form_token" value="([^"]+)"', page.text)
    data = {"form_token": match.group(1) if match else ""}
    if path.endswith("/register"):
        data |= {"name": "Nora Nes", "email": "nora@example.no", "municipality": "4601",
                 "kind": "parent"}  # fmt: skip
    else:
        data |= {name: "4" for name in re.findall(r'name="(q\d+)" value="4"', page.text)}
    return client.post(path, data=data, headers={**headers, "Origin": "http://testserver"})


def _call(client, route: WriteRoute, targets: dict[str, Any], headers: dict[str, str]):
    path = route.path.format(**targets)
    headers = {**headers, "If-Match": "*"}
    if route.body == PAGE_FORM:
        return _page_form_post(client, path, headers)
    if isinstance(route.body, bytes):
        return client.post(
            path, content=route.body, headers={**headers, "Content-Type": "text/csv"}
        )
    if route.body is None:  # a multipart upload
        files = {"file": ("x.xlsx", b"not a workbook", "application/octet-stream")}
        return client.request(route.method, path, files=files, headers=headers)
    return client.request(route.method, path, json=route.body, headers=headers)


@pytest.mark.db_content("access-targets")
@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda r: f"{r.method} {r.template}")
def test_access(client, auth, targets, route: WriteRoute):
    def status(headers: dict[str, str]) -> int:
        return int(_call(client, route, targets, headers).status_code)

    if route.role is None:
        assert status({}) not in (401, 403)
        return
    # Refusals first: an allowed call may change or remove the target.
    assert status({}) == 401
    need = ROLES.index(route.role)
    target = route.scope or "helse-vest"
    other = route.elsewhere or ELSEWHERE.get(target)
    allowed = []
    for role in ROLES:
        key = auth(role, None if role == "admin" else target)
        if ROLES.index(role) < need or (route.owner_only and role != "admin"):
            assert status(key) == 403, role
        else:
            allowed.append(key)
        if other is not None and role != "admin":
            assert status(auth(role, other)) == 403, (role, other)
    assert allowed, "some key must be allowed"


def _permitted() -> list[tuple[WriteRoute, str]]:
    """(route, who) for every permitted caller: each role at or above the least one, in
    scope; for owner-only routes the owner; for public routes anyone."""
    out: list[tuple[WriteRoute, str]] = []
    for route in WRITE_ROUTES:
        if route.role is None:
            out.append((route, "anonymous"))
        elif route.owner_only:
            out.append((route, "owner"))
        else:
            out += [(route, role) for role in ROLES[ROLES.index(route.role) :]]
    return out


def _prepared_body(client, route: WriteRoute, targets: dict[str, Any], admin) -> Any:  # type: ignore[no-untyped-def]
    """A valid body where it depends on the target (the table's own is valid otherwise)."""
    event = f"/v1/events/{targets['event_id']}"
    if route.template == EVENT + "/checklist/order":
        items = client.get(f"{event}/checklist", headers=admin).json()["items"]
        return {"items": [item["id"] for item in reversed(items)]}
    if route.template == "/v1/feedback/{token}":
        form = client.get(f"/v1/feedback/{targets['feedback_token']}").json()
        scale = next(q for q in form["questions"] if q["kind"] == "scale")
        return {"answers": [{"question": scale["id"], "value": 4}]}
    return route.body


@pytest.mark.db_content("access-targets")
@pytest.mark.parametrize(
    "route, who", _permitted(), ids=lambda x: x if isinstance(x, str) else x.method + x.template
)
def test_permitted_call_succeeds(client, auth, targets, route: WriteRoute, who: str):
    """Each permitted caller, alone on a fresh copy of the targets, gets a 2xx: the action
    is shown to work for everyone allowed to do it, not merely not refused."""
    admin = auth("admin")
    if who == "anonymous":
        key: dict[str, str] = {}
    elif who == "owner":
        key = targets["owner"]
    else:
        key = auth(who, None if who == "admin" else (route.scope or "helse-vest"))
    path = route.path.format(**targets)
    headers = {**key, "If-Match": "*"}
    if route.body is None:  # the workbook upload: the round's own workbook, filled in
        book = client.get(
            f"/v1/review-rounds/{targets['round_id']}/workbook",
            params={"municipality": route.scope},
            headers=admin,
        )
        assert book.status_code == 200, book.text
        files = {"file": ("svar.xlsx", book.content, "application/octet-stream")}
        r = client.request(route.method, path, files=files, headers=headers)
    elif route.body == PAGE_FORM or isinstance(route.body, bytes):
        r = _call(client, route, targets, key)
    else:
        body = _prepared_body(client, route, targets, admin)
        r = client.request(route.method, path, json=body, headers=headers)
    assert 200 <= r.status_code < 300, (who, r.status_code, r.text)
