"""Text with NUL is a 422 naming the field on both databases, and nothing is written."""

import pytest
from sqlalchemy import func, select

from app.core.forbidden_chars import forbidden_char, forbidden_location, nul_location
from app.models import ServiceType


def test_nul_in_a_body_field_names_the_field_and_writes_nothing(client, world, auth, session):
    before = session.execute(select(func.count()).select_from(ServiceType)).scalar_one()
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": "Helse\u0000stasjon"},
        headers=auth("admin"),
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["body", "name"]
    assert session.execute(select(func.count()).select_from(ServiceType)).scalar_one() == before


def test_nul_in_the_path_or_query_is_refused(client, world):
    r = client.get("/v1/localities/46%0001/pathways")
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["path"]
    r = client.get("/v1/localities/4601/pathways/angst", params={"lang": "nb\u0000"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "lang"]


def test_bodies_without_nul_pass_untouched(client, world, auth):
    # An escaped backslash before "u0000" is text, not NUL; the body must reach the route.
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": "Sti C:\\u0000"},
        headers=auth("admin"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Sti C:\\u0000"


def test_nul_location_walks_lists_and_keys():
    assert nul_location({"a": [1, {"b": "x\x00"}]}, ["body"]) == ["body", "a", 1, "b"]
    assert nul_location({"k\x00": 1}, ["body"]) == ["body", "k\x00"]
    assert nul_location({"a": ["ok", 2, None]}, ["body"]) is None


# --- bidirectional overrides and control characters (security probe) --------------------

REFUSED = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
           "\u2069", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\r"]  # fmt: skip


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_and_control_characters_are_refused_naming_the_field(
    client, world, auth, session, char
):
    before = session.execute(select(func.count()).select_from(ServiceType)).scalar_one()
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": f"Helse{char}stasjon"},
        headers=auth("admin"),
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["body", "name"]
    assert f"U+{ord(char):04X}" in r.json()["detail"]
    assert session.execute(select(func.count()).select_from(ServiceType)).scalar_one() == before


def test_a_raw_bidi_override_in_a_nested_field_and_in_the_query_is_refused(client, world, auth):
    body = '{"service_type": "bup", "name": "BUP", "catchment": ["1106", "46\u202e01"]}'
    r = client.post(
        "/v1/localities/bergen/services",
        content=body.encode(),
        headers={**auth("admin"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "catchment", 1]
    r = client.get("/v1/localities/4601/pathways/angst", params={"lang": "n\u2066b"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "lang"]


def test_tab_newline_and_crlf_are_text(client, world, auth):
    r = client.post(
        "/v1/service-types",
        json={"code": "ny", "level": "municipal", "name": "Helse", "description": "a\tb\nc\r\nd"},
        headers=auth("admin"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["description"] == "a\tb\nc\r\nd"


def test_forbidden_location_names_the_character():
    assert forbidden_location({"a": ["ok", "x\u202ey"]}, ["body"]) == (["body", "a", 1], "\u202e")
    assert forbidden_location({"a": "tab\there\r\n"}, ["body"]) is None
    assert forbidden_char("line\rbreak") == "\r"
