"""The case library over HTTP: who writes, who reads drafts, preconditions, bad input."""

from sqlalchemy import func
from sqlmodel import select

from app.models import Case, ChangeLogEntry

CASES = "/v1/localities/{code}/cases"


def body(**kw) -> dict:
    data = {
        "title": "Emma vil ikke på skolen",
        "age": 9,
        "pathway": "angst",
        "entry_point": "helsestasjon",
        "story": "Emma har mye fravær.",
        "concerns": ["fravær", "magesmerter"],
        "questions": [{"role": "fastlege", "questions": ["Hva trenger du?"]}],
    }
    data.update(kw)
    return data


def create(client, headers, code="4601", **kw):
    return client.post(CASES.format(code=code), json=body(**kw), headers=headers)


def count(session) -> tuple[int, int]:
    cases = session.exec(select(func.count()).select_from(Case)).one()
    logs = session.exec(select(func.count()).select_from(ChangeLogEntry)).one()
    session.commit()
    return cases, logs


def test_editor_in_scope_writes_drafts_need_a_reader_in_scope(client, world, auth, session):
    editor = auth("editor", "4601")
    r = create(client, editor)
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["status"] == "draft" and case["locality"] == "4601" and case["version"] == 1
    assert r.headers["location"] == f"/v1/cases/{case['id']}" and r.headers["etag"] == '"v1"'
    url = f"/v1/cases/{case['id']}"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=auth("reader", "4624")).status_code == 403
    assert client.get(url, headers=auth("reader", "bergen")).status_code == 200
    assert client.get("/v1/cases").json()["items"] == []
    assert [
        c["id"] for c in client.get("/v1/cases", headers=auth("reader", "4601")).json()["items"]
    ] == [case["id"]]
    assert count(session)[1] == 0  # drafts are not public: no change logged
    # Publish with If-Match.
    patch = {"status": "published"}
    assert client.patch(url, json=patch, headers=editor).status_code == 428
    assert client.patch(url, json=patch, headers={**editor, "If-Match": '"v9"'}).status_code == 412
    assert (
        client.patch(
            url, json=patch, headers={**auth("editor", "4624"), "If-Match": '"v1"'}
        ).status_code
        == 403
    )
    assert client.patch(url, json=patch, headers={"If-Match": '"v1"'}).status_code == 401
    r = client.patch(url, json=patch, headers={**editor, "If-Match": '"v1"'})
    assert r.status_code == 200 and r.json()["version"] == 2 and r.headers["etag"] == '"v2"'
    got = client.get(url)
    assert got.status_code == 200 and got.json()["title"] == "Emma vil ikke på skolen"
    assert client.get(url, headers={"If-None-Match": got.headers["etag"]}).status_code == 304
    listed = client.get("/v1/cases?pathway=angst").json()["items"]
    assert [c["id"] for c in listed] == [case["id"]]
    assert client.get("/v1/cases?pathway=other").json()["items"] == []
    assert [c["id"] for c in client.get("/v1/cases?locality=4601").json()["items"]] == [case["id"]]
    logs = session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity == "case")).all()
    assert [(x.action, x.entity_id, x.pathway) for x in logs] == [
        ("upsert", str(case["id"]), "angst")
    ]
    # Age can be cleared; other fields stay.
    r = client.patch(url, json={"age": None}, headers={**editor, "If-Match": '"v2"'})
    assert r.json()["age"] is None and r.json()["concerns"] == ["fravær", "magesmerter"]
    # A region editor may change it too (scope covers 4601); delete needs If-Match.
    assert client.delete(url, headers=auth("editor", "helse-vest")).status_code == 428
    assert (
        client.delete(url, headers={**auth("editor", "helse-vest"), "If-Match": '"v3"'}).status_code
        == 204
    )
    assert client.get(url).status_code == 404
    actions = [
        x.action
        for x in session.exec(select(ChangeLogEntry).where(ChangeLogEntry.entity == "case")).all()
    ]
    assert actions == ["upsert", "upsert", "delete"]


def test_paging(client, world, auth):
    editor = auth("editor", "helse-vest")
    ids = [
        create(client, editor, code="helse-vest", title=f"Sak {i}", status="published").json()["id"]
        for i in range(3)
    ]
    first = client.get("/v1/cases?limit=2").json()
    assert [c["id"] for c in first["items"]] == ids[:2] and first["next_cursor"]
    rest = client.get(f"/v1/cases?limit=2&cursor={first['next_cursor']}").json()
    assert [c["id"] for c in rest["items"]] == ids[2:] and rest["next_cursor"] is None


def test_bad_input_is_refused_and_changes_nothing(client, world, auth, session):
    editor = auth("editor", "4601")
    before = count(session)
    for kw, loc in [
        ({"pathway": "nope"}, ["body", "pathway"]),
        ({"entry_point": "ppt"}, ["body", "entry_point"]),
        ({"age": 30}, ["body", "age"]),
        ({"title": ""}, ["body", "title"]),
        (
            {"questions": [{"role": "skole", "questions": []}]},
            ["body", "questions", 0, "questions"],
        ),
        ({"status": "archived"}, ["body", "status"]),
    ]:
        r = create(client, editor, **kw)
        assert r.status_code == 422, (kw, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["errors"][0]["loc"] == loc, r.json()
    assert create(client, auth("admin"), code="9999").status_code == 404
    assert create(client, auth("editor", "4624")).status_code == 403
    assert create(client, {}).status_code == 401
    assert client.get("/v1/cases/999").status_code == 404
    assert client.get("/v1/cases?locality=9999").status_code == 404
    assert client.get("/v1/cases?cursor=garbage").status_code == 422
    case = create(client, editor).json()
    after_create = count(session)
    r = client.patch(
        f"/v1/cases/{case['id']}", json={"title": None}, headers={**editor, "If-Match": '"v1"'}
    )
    assert r.status_code == 422
    r = client.patch(
        f"/v1/cases/{case['id']}",
        json={"entry_point": "ppt"},
        headers={**editor, "If-Match": '"v1"'},
    )
    assert r.status_code == 422
    assert client.get(f"/v1/cases/{case['id']}", headers=editor).json()["version"] == 1
    assert count(session) == after_create == (before[0] + 1, before[1])
