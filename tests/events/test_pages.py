"""The public pages: registration, cancellation, feedback, print-outs (over HTTP)."""

import re

import pytest

from tests.events.conftest import person

ORIGIN = {"Origin": "http://testserver"}


def token_of(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the page has no form token"
    return match.group(1)


def form_of(i: int, **extra) -> dict[str, str]:
    body = {k: v for k, v in person(i).items()}
    body.update(extra)
    return body


def register(client, event_id: int, data: dict, *, lang: str = "nb", headers=ORIGIN):
    page = client.get(f"/v1/events/{event_id}/register?lang={lang}")
    assert page.status_code == 200, page.text
    return client.post(
        f"/v1/events/{event_id}/register?lang={lang}",
        data={**data, "form_token": token_of(page.text)},
        headers=headers,
    )


def test_registration_page_renders_in_both_languages(client, make_event):
    event = make_event()
    nb = client.get(f"/v1/events/{event['id']}/register")
    nn = client.get(f"/v1/events/{event['id']}/register?lang=nn")
    assert nb.status_code == nn.status_code == 200
    assert '<html lang="nb">' in nb.text and "Meld meg på" in nb.text and "Navn" in nb.text
    assert '<html lang="nn">' in nn.text and "Namn" in nn.text and "Eg deltek som" in nn.text
    assert "<script" not in nb.text
    assert "form-action 'self'" in nb.headers["content-security-policy"]
    # Every input has a label pointing at it.
    for field in re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', nb.text):
        assert f'for="{field}"' in nb.text


def test_register_through_the_page_then_cancel(client, make_event, editor):
    event = make_event()
    r = register(client, event["id"], form_of(1))
    assert r.status_code == 201, r.text
    assert "Du er påmeldt" in r.text
    cancel_url = re.search(r'href="(http://testserver/v1/registrations/[^"]+)"', r.text).group(1)
    rows = client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()["items"]
    assert [p["email"] for p in rows] == ["p1@example.no"]

    page = client.get(cancel_url)
    assert "Du er påmeldt" in page.text and "Meld meg av" in page.text
    path = cancel_url.replace("http://testserver", "")
    foreign = client.post(
        path, data={"form_token": token_of(page.text)}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403 and "Skjemaet ble ikke sendt" in foreign.text
    done = client.post(path, data={"form_token": token_of(page.text)}, headers=ORIGIN)
    assert done.status_code == 200 and "Du er meldt av" in done.text
    rows = client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()["items"]
    assert rows == []


def test_full_event_puts_the_page_registrant_on_the_wait_list(client, make_event):
    event = make_event(capacity=1)
    assert register(client, event["id"], form_of(1)).status_code == 201
    r = register(client, event["id"], form_of(2), lang="nn")
    assert r.status_code == 201
    assert "Du står på venteliste" in r.text and "nummer 1 på ventelista" in r.text


def test_missing_fields_show_the_form_again_with_messages(client, make_event, editor):
    event = make_event()
    r = register(client, event["id"], {"name": " ", "email": "not-an-address", "kind": ""})
    assert r.status_code == 422
    assert "Skriv navnet ditt" in r.text and "Skriv en gyldig e-postadresse" in r.text
    assert "Velg kommunen" in r.text and 'aria-invalid="true"' in r.text
    assert 'value="not-an-address"' in r.text  # what she typed is kept
    # A professional without a service: the API's rule, said in nynorsk.
    r = register(client, event["id"], form_of(2, service_type=""), lang="nn")
    assert r.status_code == 422 and "Vel tenesta du kjem frå" in r.text
    assert client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json() == {
        "items": [],
        "next_cursor": None,
    }


def test_same_email_twice_is_a_message_not_a_second_seat(client, make_event):
    event = make_event()
    assert register(client, event["id"], form_of(1)).status_code == 201
    r = register(client, event["id"], form_of(1, name="Noen Andre"))
    assert r.status_code == 409 and "allerede påmeldt" in r.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
    ],
)
def test_foreign_posts_are_refused_and_write_nothing(client, make_event, editor, headers):
    event = make_event()
    r = register(client, event["id"], form_of(1), headers=headers)
    assert r.status_code == 403 and "Skjemaet ble ikke sendt" in r.text
    assert (
        client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()["items"] == []
    )


def test_a_missing_or_forged_form_token_is_refused(client, make_event):
    event = make_event()
    url = f"/v1/events/{event['id']}/register"
    assert client.post(url, data=form_of(1), headers=ORIGIN).status_code == 400
    forged = {**form_of(1), "form_token": "1700000000.deadbeef"}
    assert client.post(url, data=forged, headers=ORIGIN).status_code == 400
    # A token for another event does not open this one.
    other = make_event()
    page = client.get(f"/v1/events/{other['id']}/register")
    stolen = {**form_of(1), "form_token": token_of(page.text)}
    assert client.post(url, data=stolen, headers=ORIGIN).status_code == 400


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\x00", "\x1b"])
def test_a_control_or_bidi_character_is_refused_and_not_shown_again(
    client, make_event, editor, char
):
    """A form body passes no JSON check (app/core/forbidden_chars.py): the pages refuse the same
    characters the API does, say so in the field, and do not echo them."""
    event = make_event()
    r = register(client, event["id"], form_of(1, name=f"Kari{char} Nordmann"))
    assert r.status_code == 422 and "usynlig styretegn" in r.text
    assert char not in r.text and 'value="Kari Nordmann"' in r.text
    listed = client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()
    assert listed["items"] == []
    [token] = client.post(
        f"/v1/events/{event['id']}/feedback-tokens", json={"count": 1}, headers=editor
    ).json()["tokens"]
    questions = client.get(f"/v1/events/{event['id']}/feedback-questions", headers=editor).json()
    text = next(q["id"] for q in questions["questions"] if q["kind"] == "text")
    url = f"/v1/feedback/{token}/answer"
    page = client.get(url)
    r = client.post(
        url, data={"form_token": token_of(page.text), f"q{text}": f"Bra{char}"}, headers=ORIGIN
    )
    assert r.status_code == 422 and "usynlig styretegn" in r.text and char not in r.text
    assert client.get(url).status_code == 200  # the link is still unused


def test_closed_and_planned_events_have_no_form(client, make_event):
    closed = make_event(status="closed")
    planned = make_event(status="planned")
    r = client.get(f"/v1/events/{closed['id']}/register")
    assert r.status_code == 409 and "ikke åpen" in r.text and "<form" not in r.text
    assert client.get(f"/v1/events/{planned['id']}/register").status_code == 404
    assert client.get("/v1/events/999999/register?lang=nn").status_code == 404


def test_the_page_is_rate_limited_like_the_api(client, make_event, monkeypatch):
    from app.core.ratelimit import limiter_of

    event = make_event(capacity=50)
    page = client.get(f"/v1/events/{event['id']}/register")
    limiter = limiter_of(client.app)
    bucket = limiter.buckets["registration"]
    monkeypatch.setattr(bucket, "take", lambda key: 12.0)
    r = client.post(
        f"/v1/events/{event['id']}/register",
        data={**form_of(1), "form_token": token_of(page.text)},
        headers=ORIGIN,
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "12" and "12 sekunder" in r.text


def test_feedback_page_one_answer_per_link(client, make_event, editor):
    event = make_event()
    tokens = client.post(
        f"/v1/events/{event['id']}/feedback-tokens", json={"count": 1}, headers=editor
    ).json()["tokens"]
    url = f"/v1/feedback/{tokens[0]}/answer"
    page = client.get(url + "?lang=nn")
    assert page.status_code == 200 and "Svara er anonyme" in page.text
    questions = client.get(f"/v1/events/{event['id']}/feedback-questions", headers=editor).json()[
        "questions"
    ]
    empty = client.post(url, data={"form_token": token_of(page.text)}, headers=ORIGIN)
    assert empty.status_code == 422
    bad = client.post(
        url, data={"form_token": token_of(page.text), f"q{questions[0]['id']}": "9"}, headers=ORIGIN
    )
    assert bad.status_code == 422 and "Velg et tall fra 1 til 5" in bad.text
    answers = {
        f"q{q['id']}": ("4" if q["kind"] == "scale" else "Mer tid ved bordene") for q in questions
    }
    done = client.post(url, data={**answers, "form_token": token_of(page.text)}, headers=ORIGIN)
    assert done.status_code == 200 and "Takk for svarene" in done.text
    again = client.get(url)
    assert again.status_code == 409 and "Lenken er brukt" in again.text
    summary = client.get(f"/v1/events/{event['id']}/feedback", headers=editor).json()
    assert summary["responses"] == 1
    assert summary["questions"][0]["average"] == 4


def test_feedback_cards_have_a_qr_code_per_link(client, make_event, editor):
    event = make_event()
    r = client.post(f"/v1/events/{event['id']}/feedback-cards?count=3", headers=editor)
    assert r.status_code == 201 and r.headers["content-type"].startswith("text/html")
    urls = re.findall(r'href="(http://testserver/v1/feedback/[^"]+/answer\?lang=nb)"', r.text)
    assert len(set(urls)) == 3 and r.text.count("<svg") == 3
    assert client.get(urls[0].replace("http://testserver", "")).status_code == 200
    assert client.post(f"/v1/events/{event['id']}/feedback-cards").status_code == 401


def test_poster_sorted_by_surname_with_table_cards(client, make_event, editor):
    event = make_event(capacity=10, table_min=2, table_max=3)
    for i, name in enumerate(["Åse Berg", "Ola Aasen", "Kari Ødegård", "Per Zahl"]):
        body = person(i, name=name)
        assert client.post(f"/v1/events/{event['id']}/registrations", json=body).status_code == 201
    assert (
        client.post(f"/v1/events/{event['id']}/seating", json={}, headers=editor).status_code == 200
    )
    r = client.get(f"/v1/events/{event['id']}/poster?lang=nn", headers=editor)
    assert r.status_code == 200
    order = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', r.text)
    assert order == ["Ola Aasen", "Åse Berg", "Per Zahl", "Kari Ødegård"]
    assert r.text.count('<section class="card"') == 2 and "Namn" in r.text
    three = client.get(f"/v1/events/{event['id']}/poster?sessions=3", headers=editor)
    assert three.status_code == 200 and "Oppgave 3" in three.text
    assert three.text.count('<section class="card"') == 6


def test_sessions_endpoint_reports_bounds_and_refuses_without_representatives(
    client, make_event, editor
):
    event = make_event(capacity=20, table_min=3, table_max=4)
    for i in range(8):
        body = person(i, kind="parent", service_type=None) if i == 0 else person(i)
        assert client.post(f"/v1/events/{event['id']}/registrations", json=body).status_code == 201
    url = f"/v1/events/{event['id']}/seating/sessions"
    r = client.get(url, headers=editor)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert len(plan["sessions"]) == 3 and not plan["first_from_stored_seating"]
    assert plan["repeated_pairs"] >= plan["repeated_lower_bound"]
    assert plan["min_tables_without_representative"] == 3  # one parent, two tables, 3 tasks
    refused = client.get(url + "?require_representatives=true", headers=editor)
    assert refused.status_code == 422
    assert "ikke alle bord kan få en" in refused.json()["detail"]
    assert client.get(url + "?sessions=9", headers=editor).status_code == 422
    assert client.get(url).status_code == 401


def test_form_tokens_expire_and_are_bound_to_their_form():
    from app.events.pages import csrf

    token = csrf.form_token("register:1", now=1_000_000)
    assert csrf.token_ok(token, "register:1", now=1_000_000 + 60)
    assert not csrf.token_ok(token, "register:2", now=1_000_000 + 60)
    assert not csrf.token_ok(token, "register:1", now=1_000_000 + csrf.TOKEN_TTL_SECONDS + 1)
    assert not csrf.token_ok(token, "register:1", now=1_000_000 - 5)  # from the future
    assert not csrf.token_ok("garbage", "register:1")
    assert not csrf.token_ok("x.y", "register:1")


def test_odd_form_bodies_get_a_clear_answer_not_a_500(client, make_event, editor):
    event = make_event()
    url = f"/v1/events/{event['id']}/register"
    page = client.get(url)
    token = token_of(page.text)
    many = {f"f{i}": "x" for i in range(300)}
    assert client.post(url, data=many, headers=ORIGIN).status_code == 400
    raw = client.post(
        url,
        content=b"name=%FF%FE&form_token=" + token.encode(),
        headers={**ORIGIN, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert raw.status_code in (400, 422)
    files = client.post(
        url, data={"form_token": token}, files={"name": ("a.txt", b"x")}, headers=ORIGIN
    )
    assert files.status_code == 400
    as_json = client.post(url, json={"name": "Kari"}, headers=ORIGIN)
    assert as_json.status_code == 400  # no form token in a JSON body
    assert (
        client.get(f"/v1/events/{event['id']}/registrations", headers=editor).json()["items"] == []
    )
