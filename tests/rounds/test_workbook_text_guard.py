"""A filled workbook may not bring in what a JSON body may not: control and bidi
characters are refused row by row, and a formula-looking text round-trips unchanged."""

import io

from openpyxl import load_workbook

from tests.rounds.test_workbook import EVIL, export, rows_by_key, setup, upload  # noqa: F401


def test_bidi_in_a_proposal_is_a_rejected_row_and_nothing_is_written(client, auth, setup):  # noqa: F811
    rid = setup["id"]
    content = export(client, auth, rid).content
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    row = rows_by_key(ws)[("helsestasjon", "role")]
    assert row[2].value == "Regional rolle."
    row[6].value = "Ring \u202eetnemmok"  # a proposal whose letters run backwards
    out = io.BytesIO()
    wb.save(out)
    r = upload(client, auth("contributor", "4601"), rid, out.getvalue())
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["proposals_created"] == 0
    [rejected] = report["rejected_rows"]
    assert "U+202E" in " ".join(rejected["errors"])


def test_a_formula_looking_text_is_marked_as_text_and_reads_back_unchanged(client, auth, setup):  # noqa: F811
    content = export(client, auth, setup["id"]).content
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    cell = rows_by_key(ws)[("helsestasjon", "assessment")][2]
    assert cell.value == EVIL
    assert cell.data_type == "s" and cell.quotePrefix
