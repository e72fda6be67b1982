"""Editing one layer of one slot over HTTP: preconditions, scopes, rules, drafts, history."""

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.models import ChangeLogEntry, ServiceType, TextRevision
from tests.factories import make_key

BASE = "/v1/localities/{code}/pathways/{slug}/texts/{st}/{sec}"


def url(code: str, st: str = "helsestasjon", sec: str = "role", slug: str = "angst") -> str:
    return BASE.format(code=code, slug=slug, st=st, sec=sec)


def body(mode: str = "replace", text: str | None = "Tekst.", **extra) -> dict:
    data = {"mode": mode, "lang": "nb", "status": "published", **extra}
    if text is not None:
        data["text"] = text
    return data


def create(client, h, code, data=None, **kw):
    return client.put(url(code, **kw), json=data or body(), headers={**h, "If-None-Match": "*"})


def counts(session: Session) -> tuple[int, int]:
    revs = session.exec(select(func.count()).select_from(TextRevision)).one()
    logs = session.exec(select(func.count()).select_from(ChangeLogEntry)).one()
    session.commit()  # end the read, so the app's writers are not kept waiting (SQLite)
    return revs, logs


def test_create_read_and_conditional_get(client, world, auth):
    h = auth("editor", "4601")
    r = create(client, h, "4601", body("append", "Ring Årstad helsestasjon."))
    assert r.status_code == 201
    entry = r.json()
    assert entry["mode"] == "append" and entry["text"] == "Ring Årstad helsestasjon."
    assert entry["status"] == "published" and entry["stale"] is False
    assert r.headers["etag"] == f'"r{entry["revision"]}"'
    got = client.get(url("4601"))
    assert got.status_code == 200
    assert got.headers["etag"] == r.headers["etag"]
    assert got.json()["revision"] == entry["revision"]
    assert got.json()["inherited"]["layers"] == []
    assert (
        client.get(url("4601"), headers={"If-None-Match": got.headers["etag"]}).status_code == 304
    )


def test_inherited_shows_the_layers_above(client, world, auth):
    base = create(client, auth("editor", "helse-vest"), "helse-vest", body(text="Regional tekst."))
    assert base.status_code == 201
    create(client, auth("editor", "bergen"), "bergen", body("append", "Bergen-tillegg."))
    r = create(client, auth("editor", "4601"), "4601", body("append", "Lokalt."))
    inherited = r.json()["inherited"]
    assert inherited["text"] == "Regional tekst.\n\nBergen-tillegg."
    assert [p["locality"] for p in inherited["layers"]] == ["helse-vest", "bergen"]
    assert inherited["origin"] == "mixed" and inherited["lang"] == "nb"
    assert r.json()["based_on"] == inherited["revision"] > base.json()["revision"]


def test_layer_without_entry_is_404_with_inherited(client, world, auth):
    create(client, auth("editor", "helse-vest"), "helse-vest", body(text="Basis."))
    r = client.get(url("4624"))
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["inherited"]["text"] == "Basis."
    assert r.json()["inherited"]["origin"] == "regional"


def test_preconditions(client, world, auth, session):
    h = auth("editor", "4601")
    assert client.put(url("4601"), json=body(), headers=h).status_code == 428
    assert (
        client.put(url("4601"), json=body(), headers={**h, "If-Match": '"r1"'}).status_code == 412
    )
    first = create(client, h, "4601")
    assert first.status_code == 201
    assert create(client, h, "4601").status_code == 412
    assert client.put(url("4601"), json=body(), headers=h).status_code == 428
    assert (
        client.put(url("4601"), json=body(), headers={**h, "If-Match": '"r999"'}).status_code == 412
    )
    before = counts(session)
    etag = first.headers["etag"]
    r = client.put(url("4601"), json=body(text="Ny."), headers={**h, "If-Match": etag})
    assert r.status_code == 200
    assert r.headers["etag"] != etag and r.json()["text"] == "Ny."
    assert counts(session) == (before[0] + 1, before[1] + 1)
    again = client.put(url("4601"), json=body(text="Igjen."), headers={**h, "If-Match": etag})
    assert again.status_code == 412


@pytest.mark.parametrize(
    ("role", "scope", "code", "status"),
    [
        (None, None, "4601", 401),
        ("editor", "4624", "4601", 403),
        ("editor", "4601", "helse-vest", 403),
        ("editor", "4601", "bergen", 403),
        ("contributor", "4601", "4601", 403),
        ("reader", "helse-vest", "4601", 403),
        ("editor", "bergen", "4601", 201),
        ("editor", "helse-vest", "helse-vest", 201),
        ("admin", None, "helse-vest", 201),
    ],
)
def test_scopes(client, world, auth, session, role, scope, code, status):
    h = auth(role, scope) if role else {}
    before = counts(session)
    r = create(client, h, code)
    assert r.status_code == status
    if status != 201:
        assert r.headers["content-type"] == "application/problem+json"
        assert counts(session) == before


def test_unknown_token_is_401(client, world):
    r = create(client, {"Authorization": "Bearer flp_nope"}, "4601")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("code", "data", "field"),
    [
        ("4601", body("hide", "tekst"), "body"),
        ("4601", body("replace", "   "), "body"),
        ("4601", body("append", None), "body"),
        ("helse-vest", body("append", "x"), "mode"),
        ("helse-vest", body("hide", None), "mode"),
        ("4601", {**body(), "lang": "en"}, "lang"),
        ("4601", {**body(), "mode": "merge"}, "mode"),
        ("4601", {**body(), "status": "final"}, "status"),
        ("4601", {**body(), "change_kind": "cosmetic"}, "change_kind"),
        ("4601", {**body(), "valid_from": "2001-01-01T00:00:00+00:00"}, "valid_from"),
        ("4601", {**body(), "valid_from": "not a time"}, "valid_from"),
        ("4601", body(needs_local_adaptation=True), "needs_local_adaptation"),
        ("4601", {**body(), "colour": "red"}, "colour"),
    ],
)
def test_bad_writes_are_422_and_change_nothing(client, world, auth, session, code, data, field):
    h = auth("admin")
    before = counts(session)
    r = create(client, h, code, data)
    assert r.status_code == 422, r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert any(
        field in [str(p) for p in e["loc"]] or field == e["loc"][0] for e in r.json()["errors"]
    )
    assert counts(session) == before


def test_region_only_for_participating_service_types(client, world, auth, session):
    session.add(ServiceType(code="ppt", name="PPT", level="municipal"))
    session.commit()
    h = auth("admin")
    r = create(client, h, "helse-vest", st="ppt")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["path", "service_type"]
    # A local layer may add a slot for a service type the pathway does not list.
    assert create(client, h, "4601", body(text="Vi bruker PPT."), st="ppt").status_code == 201


@pytest.mark.parametrize(
    "path",
    [
        url("4601", st="tannlege"),
        url("4601", slug="depresjon"),
        url("9999"),
    ],
)
def test_unknown_path_parts_are_404(client, world, auth, session, path):
    before = counts(session)
    h = {**auth("admin"), "If-None-Match": "*"}
    assert client.put(path, json=body(), headers=h).status_code == 404
    assert client.get(path).status_code == 404
    assert counts(session) == before


def test_an_unknown_section_is_refused_naming_the_sections(client, world, auth, session):
    before = counts(session)
    h = {**auth("admin"), "If-None-Match": "*"}
    path = url("4601", sec="summary")
    for r in (client.put(path, json=body(), headers=h), client.get(path)):
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"] == ["path", "section"]
        assert "assessment" in r.json()["errors"][0]["msg"]
    assert counts(session) == before


def test_drafts_are_for_readers_in_scope(client, world, auth, session):
    h = auth("editor", "4601")
    pub = create(client, h, "4601", body(text="Publisert."))
    logs = counts(session)[1]
    draft = client.put(
        url("4601"),
        json=body(text="Utkast.", status="draft"),
        headers={**h, "If-Match": pub.headers["etag"]},
    )
    assert draft.status_code == 200 and draft.json()["status"] == "draft"
    assert counts(session)[1] == logs  # drafts are not public: nothing in the feed
    assert client.get(url("4601")).json()["text"] == "Publisert."
    assert client.get(url("4601"), headers=auth("reader", "bergen")).json()["text"] == "Utkast."
    assert client.get(url("4601"), headers=auth("reader", "4624")).json()["text"] == "Publisert."
    anonymous = client.get(url("4601") + "/revisions").json()["items"]
    assert [i["status"] for i in anonymous] == ["published"]
    readers = client.get(url("4601") + "/revisions", headers=auth("reader", "4601")).json()
    assert [i["status"] for i in readers["items"]] == ["draft", "published"]


def test_draft_only_entry_is_invisible_to_the_public(client, world, auth):
    create(client, auth("editor", "4601"), "4601", body(text="Utkast.", status="draft"))
    assert client.get(url("4601")).status_code == 404
    assert client.get(url("4601"), headers=auth("editor", "4601")).status_code == 200


def test_staleness_follows_substantive_regional_changes(client, world, auth):
    region, local = auth("editor", "helse-vest"), auth("editor", "4601")
    base = create(client, region, "helse-vest", body(text="Basis v1."))
    mine = create(client, local, "4601", body("append", "Lokalt."))
    assert mine.json()["stale"] is False
    typo = client.put(
        url("helse-vest"),
        json=body(text="Basis v1 (rettet).", change_kind="editorial"),
        headers={**region, "If-Match": base.headers["etag"]},
    )
    assert typo.status_code == 200
    assert client.get(url("4601")).json()["stale"] is False
    change = client.put(
        url("helse-vest"),
        json=body(text="Basis v2."),
        headers={**region, "If-Match": typo.headers["etag"]},
    )
    got = client.get(url("4601"))
    assert got.json()["stale"] is True
    assert got.json()["inherited"]["text"] == "Basis v2."
    # Confirm needs the entry's current ETag like any other write.
    assert client.post(url("4601") + "/confirm", headers=local).status_code == 428
    assert client.post(url("4601") + "/confirm", headers=auth("editor", "4624")).status_code == 403
    ok = client.post(url("4601") + "/confirm", headers={**local, "If-Match": got.headers["etag"]})
    assert ok.status_code == 200
    confirmed = ok.json()
    assert confirmed["stale"] is False
    assert confirmed["based_on"] == change.json()["revision"]
    assert confirmed["change_kind"] == "editorial"
    assert confirmed["text"] == "Lokalt." and confirmed["revision"] > got.json()["revision"]
    assert client.get(url("4601")).json()["stale"] is False
    # Confirming what is not stale writes nothing.
    again = client.post(url("4601") + "/confirm", headers={**local, "If-Match": ok.headers["etag"]})
    assert again.status_code == 200 and again.json()["revision"] == confirmed["revision"]


def test_delete_makes_the_slot_inherit_again(client, world, auth, session):
    region, local = auth("editor", "helse-vest"), auth("editor", "4601")
    create(client, region, "helse-vest", body(text="Basis."))
    mine = create(client, local, "4601", body("hide", None))
    assert client.delete(url("4601"), headers=local).status_code == 428
    assert client.delete(url("4601"), headers={**local, "If-Match": '"r1"'}).status_code == 412
    assert client.delete(url("4601"), headers=auth("editor", "4624")).status_code == 403
    r = client.delete(url("4601"), headers={**local, "If-Match": mine.headers["etag"]})
    assert r.status_code == 204
    gone = client.get(url("4601"))
    assert gone.status_code == 404 and gone.json()["inherited"]["text"] == "Basis."
    assert (
        client.delete(url("4601"), headers={**local, "If-Match": mine.headers["etag"]}).status_code
        == 404
    )
    last = session.exec(select(ChangeLogEntry).order_by(ChangeLogEntry.seq.desc())).first()  # type: ignore[union-attr]
    session.commit()
    assert (last.action, last.entity_id, last.locality) == (
        "delete",
        "angst/helsestasjon/role/nb",
        "4601",
    )
    history = client.get(url("4601") + "/revisions").json()["items"]
    assert [i["mode"] for i in history] == ["inherit", "hide"]
    # After a delete the layer is empty again: creating needs If-None-Match: * once more.
    assert create(client, local, "4601").status_code == 201


def test_revisions_newest_first_paged_with_author(client, world, session):
    token = make_key(session, role="editor", locality="4601", name="Kari Nordmann")
    h = {"Authorization": f"Bearer {token}"}
    etag = create(client, h, "4601", body(text="1", note="første")).headers["etag"]
    for n in ("2", "3"):
        etag = client.put(url("4601"), json=body(text=n), headers={**h, "If-Match": etag}).headers[
            "etag"
        ]
    page = client.get(url("4601") + "/revisions", params={"limit": 2}).json()
    assert [i["text"] for i in page["items"]] == ["3", "2"]
    assert page["items"][0]["author"] == "Kari Nordmann"
    rest = client.get(
        url("4601") + "/revisions", params={"limit": 2, "cursor": page["next_cursor"]}
    ).json()
    assert [(i["text"], i["note"]) for i in rest["items"]] == [("1", "første")]
    assert rest["next_cursor"] is None
    assert client.get(url("4601") + "/revisions", params={"lang": "nn"}).json()["items"] == []
    assert client.get(url("4601") + "/revisions", params={"cursor": "@@"}).status_code == 422


def test_languages_are_separate_entries(client, world, auth):
    h = auth("editor", "4601")
    create(client, h, "4601", body(text="Bokmål."))
    assert client.get(url("4601"), params={"lang": "nn"}).status_code == 404
    nn = create(client, h, "4601", {**body(text="Nynorsk."), "lang": "nn"})
    assert nn.status_code == 201
    assert client.get(url("4601"), params={"lang": "nn"}).json()["text"] == "Nynorsk."
    assert client.get(url("4601")).json()["text"] == "Bokmål."
    assert client.get(url("4601"), params={"lang": "de"}).status_code == 422


def test_a_writes_answer_is_what_a_read_then_says(client, world, auth):
    """A PUT answers from the state it read under the slot's lock and the revision it wrote
    (no second read of the history): the very entry and ETag a GET gives next, with drafts,
    a scheduled revision and a stale override among the history."""
    region, local = auth("editor", "helse-vest"), auth("editor", "4601")
    assert create(client, region, "helse-vest", body(text="Regional tekst.")).status_code == 201
    assert create(client, local, "4601", body("append", "Lokalt.")).status_code == 201
    writes = [
        (region, "helse-vest", body(text="Ny regional tekst.")),  # the override goes stale
        (local, "4601", body("append", "Utkast.", status="draft")),
        (local, "4601", body("append", "Snart.", valid_from="2031-01-01T00:00:00+01:00")),
        (local, "4601", body("append", "Lokalt, oppdatert.")),
    ]
    for h, code, data in writes:
        current = client.get(url(code), headers=h).headers["etag"]
        r = client.put(url(code), json=data, headers={**h, "If-Match": current})
        assert r.status_code == 200, r.text
        read = client.get(url(code), headers=h)
        assert r.headers["etag"] == read.headers["etag"], data
        if "valid_from" in data:  # the answer is the revision written, not yet the current
            assert r.json()["inherited"] == read.json()["inherited"]
            assert r.json()["valid_from"] == "2030-12-31T23:00:00Z"
        else:
            assert r.json() == read.json(), data
    assert client.get(url("4601"), headers=local).json()["stale"] is False
