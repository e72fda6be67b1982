"""Organiser exports speak the organiser's language: `?lang=` or Accept-Language, nb or nn."""

import csv
import io

from openpyxl import load_workbook

from tests.events.conftest import person


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _sheet(response) -> tuple[str, list[list[object]]]:
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content))
    return book.active.title, [[c.value for c in r] for r in book.active.rows]


def _registered(client, event_id, n):
    for i in range(n):
        extra = {"kind": "leader"} if i == 0 else {}
        r = client.post(f"/v1/events/{event_id}/registrations", json=person(i, **extra))
        assert r.status_code == 201, r.text


def test_registration_list_in_nynorsk_by_query_and_by_accept_language(client, editor, make_event):
    event = make_event("open")  # capacity 3: the fourth waits
    _registered(client, event["id"], 4)
    url = f"/v1/events/{event['id']}/registrations"
    nb = _rows(client.get(f"{url}?format=csv", headers=editor))
    assert nb[0][:2] == ["Navn", "E-post"] and nb[0][4:7] == [
        "Tjeneste",
        "Deltakertype",
        "Kost og allergier",
    ]
    nn = _rows(client.get(f"{url}?format=csv&lang=nn", headers=editor))
    assert nn[0][0] == "Namn" and nn[0][4:7] == ["Teneste", "Deltakartype", "Kost og allergiar"]
    assert nn[0][10] == "Påmeld"
    assert nn[1][5] == "Leiar" and nn[1][7] == "påmeld" and nn[4][7] == "venteliste"
    assert nb[1][5] == "Leder" and nb[1][7] == "påmeldt"
    by_header = _rows(
        client.get(f"{url}?format=csv", headers={**editor, "Accept-Language": "nn-NO, nb;q=0.5"})
    )
    assert by_header == nn
    # `?lang=` wins over the header.
    assert (
        _rows(client.get(f"{url}?format=csv&lang=nb", headers={**editor, "Accept-Language": "nn"}))[
            0
        ]
        == nb[0]
    )
    title, sheet = _sheet(client.get(f"{url}?format=xlsx&lang=nn", headers=editor))
    assert title == "Deltakarar" and sheet[0][0] == "Namn" and sheet[1][5] == "Leiar"
    title, sheet = _sheet(client.get(f"{url}?format=xlsx", headers=editor))
    assert title == "Deltakere" and sheet[0][0] == "Navn"


def test_feedback_summary_and_seating_in_nynorsk(client, editor, make_event):
    held = make_event("held")
    qs = client.get(f"/v1/events/{held['id']}/feedback-questions").json()["questions"]
    scale = next(q for q in qs if q["kind"] == "scale")
    text = next(q for q in qs if q["kind"] == "text")
    token = client.post(
        f"/v1/events/{held['id']}/feedback-tokens", json={"count": 1}, headers=editor
    ).json()["tokens"][0]
    answers = [{"question": scale["id"], "value": 4}, {"question": text["id"], "text": "Fint"}]
    assert client.post(f"/v1/feedback/{token}", json={"answers": answers}).status_code == 204
    url = f"/v1/events/{held['id']}/feedback"
    nn = _rows(client.get(f"{url}?format=csv", headers={**editor, "Accept-Language": "nn"}))
    assert nn[0][:4] == ["Spørsmål", "Type", "Tal på svar", "Gjennomsnitt"]
    assert {r[1] for r in nn[1:]} == {"skala 1–5", "fritekst"}
    nb = _rows(client.get(f"{url}?format=csv&lang=nb", headers=editor))
    assert nb[0][2] == "Antall svar"
    title, sheet = _sheet(client.get(f"{url}?format=xlsx&lang=nn", headers=editor))
    assert title == "Tilbakemeldingar" and sheet[0][2] == "Tal på svar"

    event = make_event("open", capacity=10, table_min=4, table_max=5)
    _registered(client, event["id"], 8)
    seating = f"/v1/events/{event['id']}/seating"
    assert client.post(seating, json={"seed": 1}, headers=editor).status_code == 200
    nn = _rows(client.get(f"{seating}?format=csv&lang=nn", headers=editor))
    assert nn[0] == ["Bord", "Namn", "Deltakartype", "Teneste", "Kommune", "Låst"]
    assert "Leiar" in {r[2] for r in nn[1:]}
    nb = _rows(client.get(f"{seating}?format=csv", headers=editor))
    assert nb[0] == ["Bord", "Navn", "Deltakertype", "Tjeneste", "Kommune", "Låst"]
