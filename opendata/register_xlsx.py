"""The register as a spreadsheet (.xlsx): the CSV's content, one sheet, built with openpyxl.

Same columns, same rows and the same cells as ``register_csv``: every cell comes from
``register_csv.csv_row``, which passes each through ``public_text.outputs.spreadsheet_cell``, so
text a spreadsheet would run as a formula is neutralised the same way, and characters an XLSX
file cannot hold (control characters in stored text) are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from opendata.register_csv import columns, csv_row
from opendata.register_format import project_record

SHEET_TITLE = "Register"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Wide enough to read a column's name; answers wrap in the spreadsheet program as people choose.
COLUMN_WIDTH = 24


def register_xlsx(projects: Iterable, *, base_url: str | None = None) -> bytes:
    """The .xlsx file of ``projects`` (from ``with_register_details()``): a header row of the
    open data keys, then one row a project, every cell text."""
    keys = columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for position in range(1, len(keys) + 1):
        sheet.column_dimensions[get_column_letter(position)].width = COLUMN_WIDTH
    header = []
    for key in keys:
        cell = WriteOnlyCell(sheet, value=key)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for project in projects:
        row = csv_row(project_record(project, base_url=base_url), keys)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
