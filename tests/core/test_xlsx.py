"""The .xlsx writer: guarded cells, numbers as numbers, stable bytes, a sheet Excel opens."""

import io
import zipfile

from openpyxl import load_workbook

from app.core.xlsx import MAX_CELL, XLSX, to_xlsx, xlsx_response


def read(body: bytes):
    ws = load_workbook(io.BytesIO(body)).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_every_text_cell_is_guarded_and_numbers_stay_numbers():
    body = to_xlsx(
        ["Navn", "Antall"],
        [
            ['=HYPERLINK("http://x")', 3],
            ["+47 Enhet", -2],
            ["-minus", 2.5],
            ["@SUM(A1)", None],
            ["\tfane", True],
            ["Åse Ødegård", 0],
        ],
        sheet="Deltakere",
    )
    ws, rows = read(body)
    assert rows[0] == ["Navn", "Antall"]
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x")',
        "'+47 Enhet",
        "'-minus",
        "'@SUM(A1)",
        "'\tfane",
        "Åse Ødegård",
    ]
    assert [r[1] for r in rows[1:]] == [3, -2, 2.5, None, "True", 0]
    # Nothing is stored as a formula.
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_header_is_bold_frozen_and_filtered_and_long_text_wraps():
    ws, _ = read(to_xlsx(["a", "b"], [["kort", "lang " * 40]], sheet="Ark"))
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B2"
    assert ws["A1"].font.b and ws["B1"].font.b
    assert ws.column_dimensions["B"].width == 60 and ws["B2"].alignment.wrap_text
    assert ws.column_dimensions["A"].width < 10


def test_characters_excel_refuses_are_dropped_and_long_cells_cut():
    _, rows = read(to_xlsx(["t"], [["a\x00b\x07c\x1fd"], ["x" * (MAX_CELL + 10)]], sheet="T"))
    assert rows[1] == ["abcd"] and len(rows[2][0]) == MAX_CELL


def test_same_rows_same_bytes_and_a_valid_sheet_name():
    one = to_xlsx(["a"], [["b"]], sheet="Bergen: [4601]/?*")
    two = to_xlsx(["a"], [["b"]], sheet="Bergen: [4601]/?*")
    assert one == two, "the ETag of an unchanged export must not change"
    assert to_xlsx(["a"], [["c"]], sheet="x") != to_xlsx(["a"], [["b"]], sheet="x")
    ws, _ = read(one)
    assert ws.title.startswith("Bergen") and not any(ch in ws.title for ch in "[]:*?/\\")
    assert len(read(to_xlsx(["a"], [], sheet="x" * 40))[0].title) == 31
    assert zipfile.ZipFile(io.BytesIO(one)).testzip() is None


def test_download_response():
    r = xlsx_response(b"PK", "deltakere-1.xlsx")
    assert r.media_type == XLSX and r.headers["cache-control"] == "private, no-store"
    assert r.headers["content-disposition"] == 'attachment; filename="deltakere-1.xlsx"'
