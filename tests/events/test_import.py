"""Importing sign-ups from deltaker.no and Læringsportalen exports."""

import pytest

from app.events.import_csv import MAX_ROWS, ImportUnreadable, decode, default_mapping

# deltaker.no: first and last name apart, semicolons, saved by Excel in Windows-1252.
DELTAKER = (
    "Fornavn;Etternavn;E-post;Arbeidssted;Kommune;Tjeneste;Deltakertype;Allergier\r\n"
    "Kari;Nordmann;kari@example.no;Helsestasjonen i Årstad;4601;helsestasjon;Fagperson;\r\n"
    "Øystein;Bø;oystein@example.no;BUP Bergen;Bjørnafjorden;bup;Fagperson;nøtter\r\n"
    "Sigrid;Ås;sigrid@example.no;;Bergen;;Ungdom;\r\n"
)
# Læringsportalen: one name column, commas, UTF-8 with BOM.
LAERINGSPORTALEN = (
    "Navn,E-post,Arbeidssted,Kommune,Tjeneste\r\n"
    "Lise Lie,lise@example.no,Fastlegekontoret,4601,Fastlege\r\n"
    "Lise Lie,LISE@example.no,Fastlegekontoret,4601,Fastlege\r\n"
    "Per Hansen,per@,Skolen,4601,helsestasjon\r\n"
    "Ola Berg,ola@example.no,Skolen,9999,helsestasjon\r\n"
)


def post(client, event_id, body: bytes, headers, **params):
    return client.post(
        f"/v1/events/{event_id}/registrations/import",
        content=body,
        params={k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()},
        headers={**headers, "Content-Type": "text/csv"},
    )


def participants(client, event_id, editor):
    r = client.get(f"/v1/events/{event_id}/registrations?limit=200", headers=editor)
    return r.json()["items"]


def test_deltaker_export_in_windows_1252_is_recognised_and_imported(client, make_event, editor):
    event = make_event(capacity=2)
    body = DELTAKER.encode("cp1252")
    dry = post(client, event["id"], body, editor)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["encoding"] == "windows-1252" and report["delimiter"] == ";"
    assert report["mapping"]["first_name"] == "Fornavn" and report["mapping"]["name"] is None
    assert [(r["row"], r["name"], r["outcome"], r["status"]) for r in report["rows"]] == [
        (2, "Kari Nordmann", "taken", "registered"),
        (3, "Øystein Bø", "taken", "registered"),
        (4, "Sigrid Ås", "taken", "waitlisted"),
    ]
    assert participants(client, event["id"], editor) == []  # a dry run writes nothing

    done = post(client, event["id"], body, editor, dry_run=False)
    assert done.status_code == 201 and done.json()["imported"] == 3
    rows = {p["email"]: p for p in participants(client, event["id"], editor)}
    assert rows["oystein@example.no"]["municipality"] == "4624"
    assert rows["oystein@example.no"]["dietary"] == "nøtter"
    assert rows["sigrid@example.no"]["kind"] == "youth"
    assert rows["sigrid@example.no"]["status"] == "waitlisted"
    # The same file again: everyone is a duplicate, nothing new is written.
    again = post(client, event["id"], body, editor, dry_run=False).json()
    assert again["duplicates"] == 3 and again["imported"] == 0


def test_dry_run_reports_every_row_and_why(client, make_event, editor):
    event = make_event(capacity=10)
    body = ("\ufeff" + LAERINGSPORTALEN).encode("utf-8")
    report = post(client, event["id"], body, editor, default_kind="professional").json()
    assert report["encoding"] == "utf-8" and report["delimiter"] == ","
    outcomes = [(r["row"], r["outcome"]) for r in report["rows"]]
    assert outcomes == [(2, "taken"), (3, "duplicate"), (4, "invalid"), (5, "invalid")]
    assert report["rows"][1]["reasons"] == ["Samme e-post som linje 2."]
    assert report["rows"][2]["reasons"] == ["E-postadressen er ikke gyldig."]
    assert report["rows"][3]["reasons"] == ["Kommunen «9999» finnes ikke."]
    assert (report["taken"], report["duplicates"], report["invalid"]) == (1, 1, 2)


def test_one_invalid_row_imports_nothing(client, make_event, editor):
    event = make_event(capacity=10)
    body = LAERINGSPORTALEN.encode("utf-8")
    r = post(client, event["id"], body, editor, dry_run=False, default_kind="professional")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert "ingenting er importert" in problem["detail"]
    assert [e["loc"] for e in problem["errors"]] == [["body", "row", 4], ["body", "row", 5]]
    assert participants(client, event["id"], editor) == []


def test_a_bidi_or_control_character_makes_a_row_invalid(client, make_event, editor):
    """As in a JSON body (app/core/forbidden_chars.py): no such character reaches a name or
    a poster."""
    event = make_event(capacity=10)
    body = "Fornavn;Etternavn;E-post;Kommune\nKari;Nord\u202emann;kari@example.no;4601\n"
    r = post(client, event["id"], body.encode(), editor, dry_run=False, default_kind="parent")
    assert r.status_code == 422
    assert "Etternavn har et usynlig styretegn (U+202E)" in r.text
    assert participants(client, event["id"], editor) == []


def test_rows_without_kind_or_service_are_invalid_with_reasons(client, make_event, editor):
    event = make_event(capacity=10)
    body = b"Navn;E-post;Kommune\nKari Nordmann;kari@example.no;4601\n"
    row = post(client, event["id"], body, editor).json()["rows"][0]
    assert row["outcome"] == "invalid" and "Deltakertype mangler" in row["reasons"][0]
    row = post(client, event["id"], body, editor, default_kind="professional").json()["rows"][0]
    assert row["reasons"] == ["Tjeneste mangler: en fagperson må ha tjeneste."]
    row = post(client, event["id"], body, editor, default_kind="parent").json()["rows"][0]
    assert row["outcome"] == "taken"


def test_column_mapping_overrides_the_defaults(client, make_event, editor):
    event = make_event(capacity=10)
    body = b"Hvem;Adresse;Kommune\nKari Nordmann;kari@example.no;4601\n"
    refused = post(client, event["id"], body, editor, default_kind="parent")
    assert refused.status_code == 422 and "e-post" in refused.json()["detail"]
    ok = post(
        client, event["id"], body, editor,
        default_kind="parent", column_name="Hvem", column_email="Adresse",
    )  # fmt: skip
    assert ok.status_code == 200 and ok.json()["rows"][0]["outcome"] == "taken"
    wrong = post(client, event["id"], body, editor, column_email="Finnes ikke")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["query", "column_email"]


def test_unreadable_encodings_are_refused_clearly(client, make_event, editor):
    event = make_event()
    # Latin-1 without a single Norwegian letter cannot be told from other encodings.
    body = "Navn;E-post\nJosé Müller;jose@example.no\n".encode("latin-1")
    r = post(client, event["id"], body, editor)
    assert r.status_code == 422 and "CSV UTF-8" in r.json()["detail"]
    assert r.json()["errors"][0]["loc"] == ["query", "encoding"]
    forced = post(client, event["id"], body, editor, encoding="windows-1252", default_kind="parent")
    assert forced.status_code == 200
    assert forced.json()["rows"][0]["name"] == "José Müller"
    strict = post(client, event["id"], DELTAKER.encode("cp1252"), editor, encoding="utf-8")
    assert strict.status_code == 422
    assert post(client, event["id"], b"", editor).status_code == 422
    assert post(client, event["id"], b"\x00\x01\x02;\x00", editor).status_code == 422


def test_ten_thousand_rows_are_processed_and_more_refused(client, make_event, editor):
    event = make_event(capacity=5000)
    lines = ["Navn;E-post;Kommune;Deltakertype"]
    lines += [f"Person {i};p{i}@example.no;4601;Forelder" for i in range(MAX_ROWS)]
    body = "\n".join(lines).encode()
    r = post(client, event["id"], body, editor, dry_run=False)
    assert r.status_code == 201, r.text[:500]
    report = r.json()
    assert report["imported"] == MAX_ROWS and len(report["rows"]) == MAX_ROWS
    assert (report["registered"], report["waitlisted"]) == (5000, 5000)
    public = client.get(f"/v1/events/{event['id']}").json()
    assert public["registered"] == 5000 and public["waitlisted"] == 5000
    more = body + b"\nEn til;en.til@example.no;4601;Forelder"
    other = make_event(capacity=10)
    r = post(client, other["id"], more, editor, dry_run=False)
    assert r.status_code == 422 and "10000" in r.json()["detail"]


def test_import_needs_an_editor_in_scope(client, make_event, auth):
    event = make_event()
    body = DELTAKER.encode("cp1252")
    assert post(client, event["id"], body, {}).status_code == 401
    fonna = auth("editor", "fonna")
    assert post(client, event["id"], body, fonna).status_code == 403


def test_a_multipart_upload_works_like_the_raw_body(client, make_event, editor):
    event = make_event(capacity=10)
    r = client.post(
        f"/v1/events/{event['id']}/registrations/import",
        files={"file": ("deltakere.csv", DELTAKER.encode("cp1252"), "text/csv")},
        headers=editor,
    )
    assert r.status_code == 200 and r.json()["taken"] == 3


def test_decode_and_mapping_units():
    assert decode("æ".encode())[1] == "utf-8"
    assert decode("navn;e-post\nÅse;a@b.no".encode("cp1252"))[1] == "windows-1252"
    assert decode("Navn\nÅse".encode("utf-16"))[0].startswith("Navn")
    with pytest.raises(ImportUnreadable):
        decode(b"\x81\x8d\x8f")
    mapping = default_mapping(["E-POST ", "Fullt navn", "kommunenummer"])
    assert mapping["email"] == "E-POST " and mapping["name"] == "Fullt navn"
    assert mapping["municipality"] == "kommunenummer" and mapping["dietary"] is None
