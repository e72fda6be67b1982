"""A pathway's summary and target group in nynorsk, with bokmål as the fallback."""

from sqlmodel import Session

from app.demo.pathways import load_pathways

SUMMARY_NB = "Forløp for barn og unge med spiseforstyrrelser."
SUMMARY_NN = "Forløp for born og unge med eteforstyrringar."
GROUP_NB = "Barn og unge 6–18 år"
GROUP_NN = "Born og unge 6–18 år"


def _body(**extra):
    return {
        "slug": "spiseforstyrrelser",
        "title": "Spiseforstyrrelser",
        "title_nn": "Eteforstyrringar",
        "summary": SUMMARY_NB,
        "target_group": GROUP_NB,
        "status": "published",
        "service_types": ["fastlege", "helsestasjon", "bup"],
        **extra,
    }


def test_create_with_nynorsk_and_read_it_in_each_language(client, world, auth):
    h = auth("admin")
    r = client.post("/v1/pathways", json=_body(summary_nn=SUMMARY_NN, target_group_nn=GROUP_NN),
                    headers=h)  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["summary_nn"] == SUMMARY_NN and r.json()["target_group_nn"] == GROUP_NN
    assert r.json()["summary"] == SUMMARY_NB and r.json()["target_group"] == GROUP_NB
    nn = client.get("/v1/pathways/spiseforstyrrelser", params={"lang": "nn"}).json()
    nb = client.get("/v1/pathways/spiseforstyrrelser", params={"lang": "nb"}).json()
    assert nn["pathway"]["summary"] == SUMMARY_NN and nb["pathway"]["summary"] == SUMMARY_NB
    by_header = client.get("/v1/pathways/spiseforstyrrelser", headers={"Accept-Language": "nn"})
    assert by_header.json()["pathway"]["summary"] == SUMMARY_NN


def test_without_nynorsk_a_nynorsk_reader_gets_bokmal_and_null_removes_it(
    client, world, auth, session: Session
):
    h = auth("admin")
    r = client.post("/v1/pathways", json=_body(), headers=h)
    assert r.status_code == 201 and r.json()["summary_nn"] is None
    url = "/v1/pathways/spiseforstyrrelser"
    assert client.get(url, params={"lang": "nn"}).json()["pathway"]["summary"] == SUMMARY_NB
    etag = client.get(url).headers["etag"]
    r = client.patch(url, json={"summary_nn": SUMMARY_NN, "target_group_nn": GROUP_NN},
                     headers={**h, "If-Match": etag})  # fmt: skip
    assert r.status_code == 200, r.text
    assert client.get(url, params={"lang": "nn"}).json()["pathway"]["summary"] == SUMMARY_NN
    etag = client.get(url).headers["etag"]
    r = client.patch(url, json={"summary_nn": None}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert client.get(url, params={"lang": "nn"}).json()["pathway"]["summary"] == SUMMARY_NB
    too_long = client.patch(url, json={"target_group_nn": "x" * 20_001},
                            headers={**h, "If-Match": client.get(url).headers["etag"]})  # fmt: skip
    assert too_long.status_code == 422


def test_embed_and_fhir_introduce_the_pathway_in_nynorsk(client, world, auth, session: Session):
    h = auth("admin")
    body = _body(summary_nn=SUMMARY_NN, target_group_nn=GROUP_NN)
    assert client.post("/v1/pathways", json=body, headers=h).status_code == 201
    base = "/v1/localities/4601/pathways/spiseforstyrrelser"
    nn = client.get(base + "/embed", params={"lang": "nn"}).text
    nb = client.get(base + "/embed", params={"lang": "nb"}).text
    assert f'<p class="forlop-summary">{SUMMARY_NN}</p>' in nn and SUMMARY_NB not in nn
    assert f'<p class="forlop-summary">{SUMMARY_NB}</p>' in nb
    fhir_nn = client.get(base + "/fhir", params={"lang": "nn"}).json()
    assert fhir_nn["description"] == SUMMARY_NN and fhir_nn["usage"] == GROUP_NN
    fhir_nb = client.get(base + "/fhir", params={"lang": "nb"}).json()
    assert fhir_nb["description"] == SUMMARY_NB and fhir_nb["usage"] == GROUP_NB


def test_every_demo_pathway_has_its_own_nynorsk_introduction():
    for p in load_pathways():
        assert p["summary_nn"].strip() and p["target_group_nn"].strip(), p["slug"]
        assert p["summary_nn"] != p["summary"], p["slug"]
        assert p["target_group_nn"] != p["target_group"], p["slug"]
