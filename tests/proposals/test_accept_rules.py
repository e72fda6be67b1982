"""Accepting a proposal: the rules a quiet regression would break, each written out."""

from tests.proposals.helpers import TEXT_URL, counts, proposal_body

URL = "/v1/change-proposals"


def _put(client, headers, code, body, pre):
    url = TEXT_URL.format(code=code, st="helsestasjon", sec="role")
    r = client.put(
        url, json={"lang": "nb", "status": "published", **body}, headers={**headers, **pre}
    )
    assert r.status_code in (200, 201), r.text
    return r


def test_an_accept_sees_a_change_in_the_inherited_text(client, session, world, auth):
    """A proposal for a layer with no entry is based on what it inherits: when the base
    text changes meanwhile, accepting it is a conflict that shows the new inherited text."""
    region = auth("editor", "helse-vest")
    base = _put(client, region, "helse-vest", {"mode": "replace", "text": "Gammel base."},
                {"If-None-Match": "*"})  # fmt: skip
    r = client.post(URL, json=proposal_body(mode="append"), headers=auth("contributor", "4601"))
    assert r.status_code == 201 and r.json()["based_on"] == base.json()["revision"]
    pid = r.json()["id"]
    _put(client, region, "helse-vest", {"mode": "replace", "text": "Ny base."},
         {"If-Match": base.headers["etag"]})  # fmt: skip
    before = counts(session)
    r = client.post(f"{URL}/{pid}/accept", headers=auth("editor", "4601"))
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["current"]["source"] == "inherited"
    assert r.json()["current"]["text"] == "Ny base."
    assert counts(session) == before


def test_a_region_accept_keeps_needs_local_adaptation(client, world, auth):
    """The base text stays marked for local adaptation when a proposal replaces it."""
    region = auth("editor", "helse-vest")
    _put(client, region, "helse-vest",
         {"mode": "replace", "text": "Ring kommunen.", "needs_local_adaptation": True},
         {"If-None-Match": "*"})  # fmt: skip
    body = proposal_body(locality="helse-vest", text="Ring helsestasjonen i kommunen.")
    pid = client.post(URL, json=body, headers=auth("contributor", "4601")).json()["id"]
    r = client.post(f"{URL}/{pid}/accept", json={"note": "Ok."}, headers=region)
    assert r.status_code == 200, r.text
    entry = client.get(TEXT_URL.format(code="helse-vest", st="helsestasjon", sec="role")).json()
    assert entry["revision"] == r.json()["revision"]
    assert entry["text"] == "Ring helsestasjonen i kommunen."
    assert entry["needs_local_adaptation"] is True
    # …and the municipalities that have not adapted it are still listed as such.
    report = client.get("/v1/localities/bergen/divergence").json()
    m4601 = next(layer for layer in report["layers"] if layer["locality"] == "4601")
    assert [(n["service_type"], n["section"]) for n in m4601["not_adapted"]] == [
        ("helsestasjon", "role")
    ]


def test_a_municipal_editor_cannot_decide_a_proposal_for_the_region(client, session, world, auth):
    region = auth("editor", "helse-vest")
    _put(client, region, "helse-vest", {"mode": "replace", "text": "Base."}, {"If-None-Match": "*"})
    body = proposal_body(locality="helse-vest")
    pid = client.post(URL, json=body, headers=auth("contributor", "4601")).json()["id"]
    before = counts(session)
    for who in (auth("editor", "4601"), auth("editor", "bergen")):
        for move, data in (("accept", {}), ("reject", {"note": "Nei."})):
            r = client.post(f"{URL}/{pid}/{move}", json=data, headers=who)
            assert r.status_code == 403, r.text
    assert counts(session) == before
    assert client.get(f"{URL}/{pid}", headers=region).json()["status"] == "submitted"
