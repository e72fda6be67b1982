"""The divergence report: overrides by mode, stale overrides with both texts, unadapted bases."""

from sqlalchemy import event

from app.core.db import get_engine, open_session
from app.texts import divergence

TEXT = "/v1/localities/{code}/pathways/angst/texts/{st}/{sec}"


def write(
    client, h, code, text, *, st="helsestasjon", sec="role", mode="replace", etag=None, **extra
):
    data = {"mode": mode, "lang": "nb", "status": "published", **extra}
    if text is not None:
        data["text"] = text
    pre = {"If-Match": etag} if etag else {"If-None-Match": "*"}
    r = client.put(TEXT.format(code=code, st=st, sec=sec), json=data, headers={**h, **pre})
    assert r.status_code in (200, 201), r.json()
    return r


def arrange(client, auth):
    admin = auth("admin")
    base = write(client, admin, "helse-vest", "Basis v1.", needs_local_adaptation=True)
    write(client, admin, "helse-vest", "Tiltak.", sec="measures")
    write(client, admin, "bergen", "Bergens tiltak.", sec="measures")
    write(client, admin, "4601", "Ring Årstad.", mode="append")
    write(client, admin, "4601", None, st="fastlege", mode="hide")
    write(client, admin, "4624", "Utkast.", sec="role", mode="append", status="draft")
    change = write(
        client,
        admin,
        "helse-vest",
        "Basis v2.",
        etag=base.headers["etag"],
        needs_local_adaptation=True,
    )
    return change.json()["revision"]


def by_code(report):
    return {layer["locality"]: layer for layer in report["layers"]}


def test_report_for_a_health_community(client, world, auth):
    base_rev = arrange(client, auth)
    r = client.get("/v1/localities/bergen/divergence")
    assert r.status_code == 200
    assert r.headers["cache-control"].startswith("public")
    layers = by_code(r.json())
    assert list(layers) == ["bergen", "4601", "4624"]
    assert layers["bergen"]["overrides"] == {"replace": 1, "append": 0, "hide": 0}
    assert layers["bergen"]["not_adapted"] is None
    assert layers["4601"]["overrides"] == {"replace": 0, "append": 1, "hide": 1}
    assert layers["4601"]["by_pathway"] == [
        {"pathway": "angst", "replace": 0, "append": 1, "hide": 1}
    ]
    # 4624's draft is not published: no override, and the base is not adapted there yet.
    assert layers["4624"]["overrides"] == {"replace": 0, "append": 0, "hide": 0}
    assert layers["4624"]["not_adapted"] == [
        {
            "pathway": "angst",
            "service_type": "helsestasjon",
            "section": "role",
            "base_revision": base_rev,
        }
    ]
    assert layers["4601"]["not_adapted"] == []
    [stale] = layers["4601"]["stale"]
    assert (stale["service_type"], stale["section"], stale["mode"]) == (
        "helsestasjon",
        "role",
        "append",
    )
    assert stale["text"] == "Ring Årstad."
    assert stale["inherited"]["text"] == "Basis v2."
    assert stale["inherited"]["revision"] == base_rev > stale["based_on"]
    assert layers["bergen"]["stale"] == []


def test_confirm_and_adaptation_clear_the_report(client, world, auth):
    arrange(client, auth)
    admin = auth("admin")
    etag = client.get(TEXT.format(code="4601", st="helsestasjon", sec="role")).headers["etag"]
    ok = client.post(
        TEXT.format(code="4601", st="helsestasjon", sec="role") + "/confirm",
        headers={**admin, "If-Match": etag},
    )
    assert ok.status_code == 200
    draft = client.get(TEXT.format(code="4624", st="helsestasjon", sec="role"), headers=admin)
    write(client, admin, "4624", "Publisert.", mode="append", etag=draft.headers["etag"])
    layers = by_code(client.get("/v1/localities/bergen/divergence").json())
    assert layers["4601"]["stale"] == []
    assert layers["4624"]["not_adapted"] == []


def test_region_report_covers_every_community_and_municipality(client, world, auth):
    arrange(client, auth)
    layers = by_code(client.get("/v1/localities/helse-vest/divergence").json())
    assert set(layers) == {"bergen", "fonna", "4601", "4624", "1106"}
    assert [n["section"] for n in layers["1106"]["not_adapted"]] == ["role"]
    assert set(by_code(client.get("/v1/localities/4624/divergence").json())) == {"4624"}


def test_unknown_locality_is_404(client, world):
    r = client.get("/v1/localities/9999/divergence")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


def test_queries_do_not_grow_with_the_slots(client, world, auth):
    def queries_for_report() -> int:
        statements: list[str] = []

        def count(*args, **kwargs):
            statements.append(args[2])

        engine = get_engine()
        event.listen(engine, "before_cursor_execute", count)
        try:
            with open_session(write=False) as s:
                divergence.report(s, code="helse-vest")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    admin = auth("admin")
    write(client, admin, "4601", "En.", mode="append")
    few = queries_for_report()
    for sec in ("assessment", "measures", "evaluation", "collaboration", "referral"):
        for code in ("bergen", "4601", "4624", "1106"):
            write(client, admin, code, f"{code} {sec}.", sec=sec, mode="append")
    assert queries_for_report() == few
