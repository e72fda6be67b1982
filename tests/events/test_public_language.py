"""What a person filling in a sign-up or feedback form reads comes in their language."""

from tests.events.conftest import person

NN = {"Accept-Language": "nn-NO,nn;q=0.9,nb;q=0.5"}
EN = {"Accept-Language": "en-GB,en;q=0.9"}


def _register(client, event_id, i, headers=None, **extra):
    return client.post(
        f"/v1/events/{event_id}/registrations", json=person(i, **extra), headers=headers or {}
    )


def test_registration_problems_in_bokmal_nynorsk_and_english(client, make_event):
    event = make_event("open", capacity=1)
    assert _register(client, event["id"], 1).status_code == 201
    twice = {lang: _register(client, event["id"], 1, headers=h) for lang, h in
             (("nb", {}), ("nn", NN), ("en", EN))}  # fmt: skip
    assert all(r.status_code == 409 for r in twice.values())
    assert twice["nb"].json()["detail"] == (
        "Denne e-postadressen er allerede påmeldt dette arrangementet."
    )
    assert twice["nn"].json()["detail"] == (
        "Denne e-postadressa er allereie påmeld til dette arrangementet."
    )
    assert twice["nn"].headers["content-language"] == "nn"
    assert twice["en"].json()["detail"].startswith("This e-mail address is already registered")
    assert twice["en"].headers["content-language"] == "en"

    bad_place = _register(client, event["id"], 2, headers=NN, municipality="9999")
    assert bad_place.status_code == 422
    assert bad_place.json()["detail"] == "Kommunen «9999» finst ikkje."
    assert bad_place.json()["errors"] == [
        {"loc": ["body", "municipality"], "msg": "Kommunen «9999» finst ikkje."}
    ]
    gone = client.get("/v1/registrations/" + "x" * 40, headers=NN)
    assert gone.status_code == 404
    assert gone.json()["detail"] == "Vi fann inga påmelding for denne lenka."
    assert (
        client.post("/v1/events/99999/registrations", json=person(3), headers=NN).json()["detail"]
        == "Arrangement 99999 finst ikkje."
    )


def test_a_waiting_registrant_reads_the_receipt_in_nynorsk(client, make_event):
    event = make_event("open", capacity=1)
    first = _register(client, event["id"], 1, headers=NN).json()
    assert first["message"].startswith("Du er påmeld til «")
    waiting = _register(client, event["id"], 2, headers=NN).json()
    assert "ventelista" in waiting["message"] and "rykkjer opp" in waiting["message"]
    assert "ventelisten" in _register(client, event["id"], 3).json()["message"]


def test_form_validation_speaks_the_registrants_language(client, make_event):
    event = make_event("open")
    url = f"/v1/events/{event['id']}/registrations"
    body = {**person(1), "email": "ikke-en-adresse", "name": ""}
    del body["kind"]
    nn = client.post(url, json=body, headers=NN)
    assert nn.status_code == 422 and nn.headers["content-language"] == "nn"
    problem = nn.json()
    assert problem["detail"].startswith("Noko i skjemaet må rettast: ")
    msgs = {tuple(e["loc"]): e["msg"] for e in problem["errors"]}
    assert msgs[("body", "kind")] == "Feltet må fyllast ut."
    assert msgs[("body", "email")] == "E-postadressa er ikkje gyldig."
    assert msgs[("body", "name")] == "Skriv minst 1 teikn."
    nb = client.post(url, json=body).json()
    assert nb["detail"].startswith("Noe i skjemaet må rettes: ")
    assert {tuple(e["loc"]): e["msg"] for e in nb["errors"]}[("body", "kind")] == (
        "Feltet må fylles ut."
    )
    en = client.post(url, json=body, headers=EN).json()
    assert en["detail"].startswith("The request is not valid: ")
    assert {tuple(e["loc"]): e["msg"] for e in en["errors"]}[("body", "kind")] == "Field required"


def test_routes_for_developers_keep_english_validation(client, editor, make_event):
    # An organiser's route: integration developers search pydantic's English messages.
    r = client.post("/v1/localities/bergen/events", json={}, headers={**editor, **NN})
    assert r.status_code == 422 and r.json()["detail"].startswith("The request is not valid")


def test_feedback_problems_in_nynorsk(client, editor, make_event):
    event = make_event("open")
    tokens = client.post(
        f"/v1/events/{event['id']}/feedback-tokens", json={"count": 1}, headers=editor
    )
    assert tokens.status_code == 201, tokens.text
    token = tokens.json()["tokens"][0]
    form = client.get(f"/v1/feedback/{token}").json()
    scale = next(q for q in form["questions"] if q["kind"] == "scale")
    wrong = client.post(f"/v1/feedback/{token}", headers=NN,
                        json={"answers": [{"question": scale["id"], "text": "bra"}]})  # fmt: skip
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == (
        "Eit skalaspørsmål blir svart på med ein verdi frå 1 til 5, utan tekst."
    )
    ok = client.post(
        f"/v1/feedback/{token}", json={"answers": [{"question": scale["id"], "value": 4}]}
    )
    assert ok.status_code == 204, ok.text
    again = client.post(
        f"/v1/feedback/{token}",
        headers=NN,
        json={"answers": [{"question": scale["id"], "value": 3}]},
    )
    assert again.status_code == 409
    assert (
        again.json()["detail"] == "Denne lenka er allereie brukt: det kan berre svarast éin gong."
    )
    unknown = client.get("/v1/feedback/" + "y" * 40, headers=NN)
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Denne tilbakemeldingslenka finst ikkje."
    bad = client.post(f"/v1/feedback/{token}", headers=NN, json={"answers": "nei"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("Noko i skjemaet")
