"""A backup bundle carries owners and adoptions: imported, the adopter's views are the same."""

from sqlalchemy import text

from app.backup import bundle
from tests.backup.test_bundle import empty_url, target  # noqa: F401  (fixtures)
from tests.regions import add_nordvik


def test_owners_and_adoptions_survive_export_and_import(client, session, world, auth, target):  # noqa: F811
    add_nordvik(session)
    r = client.post(
        "/v1/localities/helse-nordvik/adoptions",
        json={"pathway": "angst"},
        headers=auth("editor", "helse-nordvik"),
    )
    assert r.status_code == 201, r.text
    raw = b"".join(bundle.export_chunks(session))
    bundle.import_bundle(target, raw)
    rows = target.execute(
        text(
            "SELECT p.slug, o.code, l.code FROM pathway_adoption a"
            " JOIN pathway p ON p.id = a.pathway_id JOIN locality o ON o.id = p.owner_id"
            " JOIN locality l ON l.id = a.locality_id"
        )
    ).all()
    assert [tuple(r) for r in rows] == [("angst", "helse-vest", "helse-nordvik")]
    assert b"".join(bundle.export_chunks(target)) == raw
