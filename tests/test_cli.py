"""The `forlop` command: keys are shown once and stored hashed; migrate is idempotent."""

from sqlmodel import select

from app.cli import main
from app.models import ApiKey


def test_keys_create_list_revoke(client, world, session, capsys):
    assert (
        main(
            [
                "keys",
                "create",
                "--name",
                "redaktor-bergen",
                "--role",
                "editor",
                "--locality",
                "4601",
            ]
        )
        == 0
    )
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("flp_")
    stored = session.exec(select(ApiKey).where(ApiKey.name == "redaktor-bergen")).one()
    assert token not in (stored.token_hash, stored.name) and len(stored.token_hash) == 64

    etag = client.get("/v1/localities/4601").headers["etag"]
    h = {"Authorization": f"Bearer {token}", "If-Match": etag}
    # An editor may not rename localities (admin), but the token is recognised (403, not 401).
    assert client.patch("/v1/localities/4601", json={"name": "B"}, headers=h).status_code == 403

    assert main(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "redaktor-bergen\teditor\t4601\tactive" in listing and token not in listing

    assert main(["keys", "revoke", "redaktor-bergen"]) == 0
    assert client.patch("/v1/localities/4601", json={"name": "B"}, headers=h).status_code == 401


def test_keys_create_refuses_unknown_locality_and_duplicates(client, world, capsys):
    assert main(["keys", "create", "--name", "x", "--role", "editor", "--locality", "0000"]) == 1
    assert main(["keys", "create", "--name", "a", "--role", "admin"]) == 0
    assert main(["keys", "create", "--name", "a", "--role", "admin"]) == 1


def test_migrate_is_idempotent(db_url, capsys):
    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
