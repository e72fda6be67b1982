"""The traffic-light matrix of a round (pathway × service type × municipality), CSV and xlsx."""

from collections.abc import Mapping, Sequence

from app.core.csvio import to_csv as csv_bytes
from app.core.xlsx import to_xlsx
from app.proposals.schemas import TrafficLight
from app.rounds.schemas import Matrix, MatrixCell, MatrixPlace, MatrixRow

# (pathway slug, service type code, municipality code)
CellKey = tuple[str, str, str]

CSV_HEADER = (
    "pathway",
    "service_type",
    "municipality",
    "traffic_light",
    "open_proposals",
    "accepted_proposals",
    "note",
)


def build(
    round_id: int,
    pathways: Sequence[tuple[str, Sequence[str]]],
    municipalities: Sequence[tuple[str, str]],
    assessments: Mapping[CellKey, tuple[str, str | None]],
    proposals: Mapping[CellKey, Mapping[str, int]],
) -> Matrix:
    """Every pathway's service types × every municipality, in the round's order."""
    rows = []
    for slug, service_types in pathways:
        for st in service_types:
            cells = []
            for code, _ in municipalities:
                light, note = assessments.get((slug, st, code), (None, None))
                counts = proposals.get((slug, st, code), {})
                cells.append(
                    MatrixCell(
                        municipality=code,
                        traffic_light=TrafficLight(light) if light else None,
                        note=note,
                        open_proposals=counts.get("submitted", 0),
                        accepted_proposals=counts.get("accepted", 0),
                    )
                )
            rows.append(MatrixRow(pathway=slug, service_type=st, cells=cells))
    return Matrix(
        round=round_id,
        municipalities=[MatrixPlace(code=c, name=n) for c, n in municipalities],
        rows=rows,
    )


def rows(matrix: Matrix) -> list[list[str | int | None]]:
    """One line per cell, in the matrix's order; the note as the municipality wrote it."""
    return [
        [
            row.pathway,
            row.service_type,
            cell.municipality,
            cell.traffic_light.value if cell.traffic_light else "",
            cell.open_proposals,
            cell.accepted_proposals,
            cell.note,
        ]
        for row in matrix.rows
        for cell in row.cells
    ]


def to_csv(matrix: Matrix) -> bytes:
    """One line per cell, with a header, through the shared guarded writer (app/core/csvio)."""
    return csv_bytes(CSV_HEADER, rows(matrix))


def to_excel(matrix: Matrix) -> bytes:
    """The same lines as an .xlsx workbook (every text cell guarded the same way)."""
    return to_xlsx(CSV_HEADER, rows(matrix), sheet=f"Matrise {matrix.round}")
