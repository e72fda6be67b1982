"""Search over HTTP on a small world: what a locality sees, filters, paging, bad input."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.changes.log import record_change
from app.models import SearchEntry, SearchLayer, SearchTerm, SearchWord, TextRevision
from app.models.base import utcnow
from app.search.schemas import SearchPage

URL = "/v1/localities/{code}/search"


def put(session: Session, world, loc, st="helsestasjon", **kw) -> TextRevision:
    data = dict(section="role", lang="nb", mode="replace", text="Base", author="test")
    data.update(kw)
    rev = TextRevision(
        locality_id=loc.id,
        pathway_id=world.pathway.id,
        service_type_id=world.service_types[st].id,
        **data,
    )
    session.add(rev)
    session.flush()
    if rev.status == "published":
        record_change(
            session, entity="text", action="upsert", locality=loc.code, pathway="angst",
            entity_id=f"angst/{st}/{rev.section}/{rev.lang}",
        )  # fmt: skip
    session.commit()
    return rev


def search(client: TestClient, q: str, code: str = "4601", status: int = 200, **params):
    r = client.get(URL.format(code=code), params={"q": q, **params})
    assert r.status_code == status, r.text
    if status != 200:
        assert r.headers["content-type"].startswith("application/problem+json")
        return r.json()
    body = r.json()
    SearchPage.model_validate(body)
    return body["items"]


def sections(items):
    return [
        (h["service_type"]["code"], h["section"]["key"]) for h in items if h["kind"] == "section"
    ]


@pytest.fixture
def texts(session, world):
    """Base texts, Bergen's own append, and Bjørnafjorden's replacement of the same slot."""
    base = put(session, world, world.region, section="referral",
               text="Fastlegen **henviser** til BUP ved alvorlig angstlidelse.")  # fmt: skip
    put(session, world, world.region, st="bup", section="role", text="BUP behandler angst.")
    put(session, world, world.region, st="bup", section="role", lang="nn",
        text="BUP behandlar angst og tek imot tilvisingar.")  # fmt: skip
    put(session, world, world.m4601, section="referral", mode="append", based_on=base.id,
        text="I Bergen: ring familiesenteret først.")  # fmt: skip
    put(session, world, world.m4624, section="referral", mode="replace", based_on=base.id,
        text="Bjørnafjorden: tilvising går via koordinerande eining.", lang="nn")  # fmt: skip
    return base


def test_hits_carry_pathway_service_section_origin_layers_snippet_score(client, texts):
    items = search(client, "henvisning")
    hit = items[0]
    assert (hit["kind"], hit["pathway"]["slug"]) == ("section", "angst")
    assert (hit["service_type"]["code"], hit["section"]["key"]) == ("helsestasjon", "referral")
    assert hit["section"]["label"] == "Videre henvisning"
    assert hit["origin"] == "mixed"
    assert [layer["locality"] for layer in hit["layers"]] == ["helse-vest", "4601"]
    assert "<mark>henviser</mark>" in hit["snippet"]
    assert hit["score"] > 0


def test_a_locality_sees_its_own_override_not_a_neighbours(client, texts):
    assert sections(search(client, "familiesenteret", code="4601")) == [
        ("helsestasjon", "referral")
    ]
    assert sections(search(client, "familiesenteret", code="4624")) == []
    # Bjørnafjorden replaced the base text: the region's words are gone there.
    assert sections(search(client, "alvorlig", code="4624")) == []
    hit = search(client, "koordinerande", code="4624")[0]
    assert hit["origin"] == "local" and hit["layers"][0]["locality"] == "4624"
    assert sections(search(client, "koordinerande", code="4601")) == []


def test_nynorsk_query_finds_bokmal_text_and_the_other_way(client, texts):
    assert ("helsestasjon", "referral") in sections(search(client, "tilvising", lang="nb"))
    nn = search(client, "henvisning", lang="nn")
    assert ("bup", "role") in sections(nn)
    bup = next(h for h in nn if h["service_type"]["code"] == "bup")
    assert bup["lang"] == "nn" and "<mark>tilvisingar</mark>" in bup["snippet"]


def test_prefix_typo_and_inflection(client, texts):
    assert ("helsestasjon", "referral") in sections(search(client, "angst"))  # angstlidelse
    assert ("helsestasjon", "referral") in sections(search(client, "henvsning"))  # a typo
    assert ("helsestasjon", "referral") in sections(search(client, "henvisningene"))


def test_every_word_must_be_found(client, texts):
    assert sections(search(client, "angst familiesenteret")) == [("helsestasjon", "referral")]
    assert search(client, "angst hjerteinfarkt") == []


def test_hidden_slots_are_never_found(client, session, world, texts):
    put(session, world, world.m4601, st="bup", section="role", mode="hide", text=None)
    assert ("bup", "role") not in sections(search(client, "angst"))
    assert ("bup", "role") in sections(search(client, "angst", code="4624"))


def test_drafts_only_in_preview_with_a_reader_in_scope(client, session, world, auth, texts):
    put(session, world, world.m4601, st="fastlege", section="measures", status="draft",
        text="Utkast om søvnhygiene.")  # fmt: skip
    assert search(client, "søvnhygiene") == []
    search(client, "søvnhygiene", preview="true", status=401)
    r = client.get(URL.format(code="4601"), params={"q": "søvnhygiene", "preview": "true"},
                   headers=auth("reader", "4624"))  # fmt: skip
    assert r.status_code == 403
    r = client.get(URL.format(code="4601"), params={"q": "søvnhygiene", "preview": "true"},
                   headers=auth("reader", "4601"))  # fmt: skip
    assert r.status_code == 200
    assert sections(r.json()["items"]) == [("fastlege", "measures")]
    assert "public" not in r.headers.get("cache-control", "")


def test_a_scheduled_revision_is_found_once_it_takes_effect(
    client, session, world, texts, monkeypatch
):
    put(session, world, world.region, st="fastlege", section="role",
        text="Fastlegen koordinerer.", valid_from=utcnow() + timedelta(days=3))  # fmt: skip
    assert search(client, "koordinerer") == []
    import app.search.service as service

    later = utcnow() + timedelta(days=4)
    monkeypatch.setattr(service, "utcnow", lambda: later)
    assert sections(search(client, "koordinerer")) == [("fastlege", "role")]


def test_units_and_service_types_of_the_locality(client, texts):
    units = search(client, "Årstad", code="4601")
    assert [h["unit"]["name"] for h in units] == ["Helsestasjonen i Årstad"]
    assert search(client, "Årstad", code="1106") == []
    types = search(client, "helsevern", kind="service_type")
    assert [h["service_type"]["code"] for h in types] == ["bup"]
    # Fastlege takes part in the pathway but shows nothing here and has no unit: not present.
    assert search(client, "fastlege", kind="service_type") == []
    assert all(h["kind"] == "unit" for h in search(client, "bup", kind="unit"))


def test_filters(client, texts):
    assert {h["service_type"]["code"] for h in search(client, "angst", service_type="bup")} == {
        "bup"
    }
    assert sections(search(client, "angst", section="role")) == [("bup", "role")]
    assert all(h["kind"] == "section" for h in search(client, "angst", pathway="angst"))


def test_cursor_pages_through_every_hit_once(client, session, world):
    for st in ("helsestasjon", "fastlege", "bup"):
        for sec in ("role", "assessment", "measures"):
            put(session, world, world.region, st=st, section=sec, text=f"Angst {st} {sec}.")
    seen, cursor = [], None
    while True:
        params = {"q": "angst", "limit": 4, "kind": "section"}
        if cursor:
            params["cursor"] = cursor
        r = client.get(URL.format(code="4601"), params=params)
        assert r.status_code == 200
        body = r.json()
        seen += sections(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 9 and len(set(seen)) == 9


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "a" * 1000}, "q"),
        ({"q": "angst", "sektion": "role"}, "sektion"),
        ({"q": "angst", "pathway": "finnes-ikke"}, "pathway"),
        ({"q": "angst", "service_type": "finnes-ikke"}, "service_type"),
        ({"q": "angst", "section": "ukjent"}, "section"),
        ({"q": "angst", "kind": "ukjent"}, "kind"),
        ({"q": "angst", "lang": "sv"}, "lang"),
        ({"q": "angst", "cursor": "ikke-en-cursor"}, "cursor"),
        ({"q": "angst", "limit": 0}, "limit"),
    ],
)
def test_bad_input_is_a_clear_422(client, texts, params, loc):
    r = client.get(URL.format(code="4601"), params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert loc in str(r.json().get("errors", r.json()))


def test_nul_is_refused(client, texts):
    r = client.get(URL.format(code="4601") + "?q=ang%00st")
    assert r.status_code == 422


@pytest.mark.parametrize("q", ['"', "og i på", "«»", "'"])
def test_nothing_to_search_for_is_an_empty_page(client, texts, q):
    assert search(client, q) == []


def test_unknown_locality_is_404(client, texts):
    search(client, "angst", code="9999", status=404)


def test_the_index_is_written_with_the_revision_and_gone_with_a_rollback(session, world):
    rev = put(session, world, world.region, text="Angst.")
    assert session.get(SearchEntry, rev.id) is not None
    with Session(session.get_bind()) as other:
        row = TextRevision(locality_id=world.m4601.id, pathway_id=world.pathway.id,
                           service_type_id=world.service_types["bup"].id, section="role",
                           lang="nb", mode="replace", text="Rullet.", author="t")  # fmt: skip
        other.add(row)
        other.flush()
        other.rollback()
    ids = session.exec(select(SearchEntry.revision_id)).all()
    assert ids == [rev.id]


def test_a_superseded_revision_leaves_the_index_with_its_terms(session, world):
    """A write's index rows go as one statement on PostgreSQL; the revision it supersedes
    goes with its terms (they cascade from its entry), and the words stay known."""
    old = put(session, world, world.region, text="Søvnvansker hos små barn.")
    new = put(session, world, world.region, text="Angst hos ungdom.")
    entries = set(session.exec(select(SearchEntry.revision_id)).all())
    terms = session.exec(select(SearchTerm.revision_id, SearchTerm.term)).all()
    layer = session.exec(select(SearchLayer.revisions)).all()
    words = set(session.exec(select(SearchWord.word)).all())
    session.commit()
    assert old.id not in entries and entries == {new.id}
    assert {rev for rev, _ in terms} == {new.id} and len(terms) >= 2
    assert layer == [2]  # built from both revisions of the layer section
    assert {term for _, term in terms} <= words and len(words) > len(terms)


def test_forlop_migrate_rebuilds_an_index_that_is_behind(client, session, texts, capsys):
    from app.cli import main
    from app.search import index, visible

    index.clear(session)
    visible.clear()
    assert search(client, "familiesenteret") == []
    assert index.behind(session)
    assert main(["migrate"]) == 0
    assert index.behind(session) == []
    visible.clear()
    assert sections(search(client, "familiesenteret")) == [("helsestasjon", "referral")]


def test_bulk_written_revisions_are_indexed_by_refresh(client, session, world, texts):
    from sqlalchemy import insert

    from app.models.base import utcnow
    from app.search import index, visible

    session.execute(insert(TextRevision), [dict(
        locality_id=world.m1106.id, pathway_id=world.pathway.id,
        service_type_id=world.service_types["fastlege"].id, section="role", lang="nb",
        mode="replace", text="Haugesund har egen legevaktsordning.", status="published",
        author="bulk", created_at=utcnow(), change_kind="substantive",
        needs_local_adaptation=False,
    )])  # fmt: skip
    session.commit()
    assert index.behind(session)
    assert index.refresh(session) > 0
    session.commit()
    visible.clear()
    assert sections(search(client, "legevaktsordning", code="1106")) == [("fastlege", "role")]
