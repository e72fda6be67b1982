"""CSV for spreadsheets: the shared writer in app/core/csvio.py (kept here for imports)."""

from app.core.csvio import csv_response, guard_cell, to_csv

cell = guard_cell

__all__ = ["cell", "csv_response", "guard_cell", "to_csv"]
