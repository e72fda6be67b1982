"""Walking a case through the map: JSON steps with texts, links, findings; the handout."""

import pytest

from tests.maps.helpers import all_texts, link, put, texts

WALK = "/v1/localities/{code}/cases/{id}/walk"


@pytest.fixture
def case_id(client, world, auth, session):
    all_texts(session, world)
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
    put(client, h, "helse-vest", "bup", refers=[link("fastlege", "tilbakeføring", back=True)])
    r = client.post(
        "/v1/localities/helse-vest/cases",
        json={
            "title": "Emma <vil> ikke",
            "age": 9,
            "pathway": "angst",
            "entry_point": "helsestasjon",
            "story": "Emma har mye fravær & vondt i magen.",
            "concerns": ["fravær"],
            "status": "published",
            "questions": [
                {"role": "fastlege", "questions": ["Hva trenger du <script>alert(1)</script>?"]},
                {"role": "brukerrepresentant", "questions": ["Hva ville Emma ønsket?"]},
            ],
        },
        headers=h,
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_walk_json_follows_the_map_from_the_entry_point(client, case_id):
    r = client.get(WALK.format(code="4601", id=case_id))
    assert r.status_code == 200, r.text
    walk = r.json()
    assert walk["start"] == "helsestasjon" and walk["locality"]["code"] == "4601"
    steps = walk["steps"]
    assert [(s["service_type"]["code"], s["depth"]) for s in steps] == [
        ("helsestasjon", 0),
        ("fastlege", 1),
        ("bup", 2),
    ]
    first = steps[0]
    assert [s["key"] for s in first["sections"]] == ["role", "assessment", "measures"]
    assert first["sections"][0]["text"] == "helsestasjon role" and first["sections"][0]["html"]
    assert first["units"][0]["name"] == "Helsestasjonen i Årstad"
    assert first["refers_to"] == [
        {
            "service_type": "fastlege",
            "name": "Fastlege",
            "label": "ved mistanke",
            "back": False,
            "hidden": False,
            "origin": "regional",
        }
    ]
    assert steps[1]["questions"] == ["Hva trenger du <script>alert(1)</script>?"]
    assert steps[2]["refers_to"][0]["back"] is True
    assert walk["general_questions"] == [
        {"role": "brukerrepresentant", "questions": ["Hva ville Emma ønsket?"]}
    ]
    assert walk["findings"] == [] and walk["not_reached"] == []


def test_walk_meets_the_bottleneck(client, case_id, session, world):
    texts(session, world, "4624", "bup", mode="hide")
    walk = client.get(WALK.format(code="4624", id=case_id)).json()
    steps = walk["steps"]
    assert [s["service_type"]["code"] for s in steps] == ["helsestasjon", "fastlege"]
    assert steps[1]["refers_to"][0]["hidden"] is True
    assert next(f["code"] for f in steps[1]["findings"]) == "link_to_hidden_service"


def test_walk_where_the_entry_point_is_hidden_starts_at_the_map_entry(
    client, case_id, session, world, auth
):
    texts(session, world, "4624", "fastlege", mode="replace")
    put(
        client,
        auth("editor", "4624"),
        "4624",
        "fastlege",
        mode="append",
        refers=[link("helsestasjon")],
        entry=True,
    )
    texts(session, world, "4624", "helsestasjon", mode="hide")
    walk = client.get(WALK.format(code="4624", id=case_id)).json()
    assert walk["start"] == "fastlege" and walk["start_note"]["nb"]
    assert "finst ikkje her" in walk["start_note"]["nn"]
    handout = client.get(WALK.format(code="4624", id=case_id) + "?format=html&lang=nn").text
    assert "Inngangen i saka (helsestasjon) finst ikkje her" in handout


def test_handout_reads_in_nynorsk_levels_and_findings(client, case_id, session, world):
    texts(session, world, "4624", "bup", mode="hide")
    nn = client.get(WALK.format(code="4624", id=case_id) + "?format=html&lang=nn").text
    assert '<div class="level">Kommunen</div>' in nn
    assert ">municipal<" not in nn and ">specialist<" not in nn
    # The bottleneck in nynorsk, not in bokmål.
    assert "Fastlege viser til Psykisk helsevern" in nn and "men tenesta finst ikkje her" in nn
    assert "men tjenesten finnes ikke her" not in nn
    nb = client.get(WALK.format(code="4624", id=case_id) + "?format=html&lang=nb").text
    assert "men tjenesten finnes ikke her" in nb
    walk = client.get(WALK.format(code="4601", id=case_id) + "?lang=nn").json()
    levels = {s["service_type"]["code"]: s["service_type"]["level_label"] for s in walk["steps"]}
    assert levels == {"helsestasjon": "Kommunen", "fastlege": "Kommunen",
                      "bup": "Spesialisthelsetenesta"}  # fmt: skip


def test_walk_handout_html(client, case_id):
    r = client.get(WALK.format(code="4601", id=case_id) + "?format=html&lang=nn")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert html.startswith("<!doctype html>") and '<html lang="nn">' in html
    assert "@media print" in html and "<script" not in html.lower()
    assert "&lt;script&gt;" in html and "Emma &lt;vil&gt; ikke" in html
    assert "1. Helsestasjon" in html and "3. Psykisk helsevern" in html
    assert "Vandringa" in html and "ved mistanke" in html
    assert client.get(WALK.format(code="4601", id=case_id) + "?format=pdf").status_code == 422


def test_bad_walks(client, case_id, session, world, auth):
    assert client.get(WALK.format(code="9999", id=case_id)).status_code == 404
    assert client.get(WALK.format(code="4601", id=999)).status_code == 404
    for st in ("helsestasjon", "fastlege", "bup"):
        texts(session, world, "1106", st, mode="hide")
    r = client.get(WALK.format(code="1106", id=case_id))
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    assert "not in use" in r.json()["detail"]
    draft = client.post(
        "/v1/localities/4601/cases",
        json={"title": "Utkast", "pathway": "angst", "story": "…"},
        headers=auth("editor", "4601"),
    ).json()
    assert client.get(WALK.format(code="4601", id=draft["id"])).status_code == 401
    assert (
        client.get(
            WALK.format(code="4601", id=draft["id"]), headers=auth("reader", "4601")
        ).status_code
        == 200
    )
