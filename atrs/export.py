"""A published record as an ATRS v4.0 record: JSON keyed by the standard's machine names, and
a workbook laid out like the ATRS template (one sheet per section; reference, field, guidance
and answer columns). Both are built from the register record (open data format version 2) and
hold every field of the template: one the register does not answer is present and empty.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from public_text.outputs import spreadsheet_cell

from . import crosswalk
from .answers import atrs_answer, govuk_metadata

REGISTER_NAME = "Liverpool City Region Charter Register"
HEADER = ("Reference", "Field", "Guidance", "Answer")
COLUMN_WIDTHS = {"A": 12, "B": 34, "C": 70, "D": 80}
COMPLETE_BEFORE_SENDING = "Complete before sending"


def section_answers(section: crosswalk.Section, record: dict) -> dict[str, str]:
    return {field.name: atrs_answer(field, record) for field in section.fields}


def unanswered(record: dict) -> list[tuple[crosswalk.Section, list[crosswalk.Field]]]:
    """Fields the register answers in general but this record leaves empty, by section."""
    found = []
    for section in crosswalk.SECTIONS:
        empty = [f for f in section.fields if f.answered and not atrs_answer(f, record)]
        if empty:
            found.append((section, empty))
    return found


def atrs_document(record: dict) -> dict:
    """The record keyed by the standard's machine names: one object per section (a list of
    blocks for the sections that repeat per model or dataset), with GOV.UK's metadata."""
    document = {
        "standard": crosswalk.STANDARD,
        "standard_version": crosswalk.STANDARD_VERSION,
        "source": {
            "register": REGISTER_NAME,
            "id": record.get("id"),
            "url": record.get("url"),
            "version": record.get("version"),
            "updated_at": record.get("updated_at"),
        },
    }
    for section in crosswalk.SECTIONS:
        answers = section_answers(section, record)
        document[section.name] = [answers] if section.repeats else answers
    document["govuk_metadata"] = govuk_metadata(record)
    document["not_held_by_the_register"] = [
        f"{section.name}.{field.name}"
        for section, fields in crosswalk.not_held()
        for field in fields
    ]
    return document


def _row(sheet: Worksheet, values, *, bold=False, size=None) -> None:
    sheet.append([spreadsheet_cell(value) for value in values])
    if bold or size:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=bold, size=size)


def _before_sending(sheet: Worksheet, record: dict) -> None:
    _row(sheet, [COMPLETE_BEFORE_SENDING], bold=True, size=14)
    _row(
        sheet,
        [
            "The register does not hold these fields. Fill them in on their sheets before you "
            "send the record to the ATRS team (algorithmic-transparency@dsit.gov.uk)."
        ],
    )
    for section, fields in crosswalk.not_held():
        _row(sheet, [section.title, ", ".join(field.label for field in fields)])
    empty = unanswered(record)
    if empty:
        _row(sheet, ["This record leaves these empty too:"], bold=True)
        for section, fields in empty:
            _row(sheet, [section.title, ", ".join(field.label for field in fields)])
    sheet.append([])


def atrs_workbook(record: dict) -> bytes:
    """The ATRS template, filled in from ``record``, as .xlsx bytes."""
    book = Workbook()
    book.remove(book.active)
    for index, section in enumerate(crosswalk.SECTIONS):
        sheet = book.create_sheet(section.sheet_title)
        _row(sheet, [section.title], bold=True, size=16)
        tier = "Tier 1" if section.tier == 1 else "Tier 2"
        _row(sheet, [f"{crosswalk.STANDARD} {crosswalk.STANDARD_VERSION}, {tier}"])
        sheet.cell(
            row=sheet.max_row, column=4, value="ATRS guidance"
        ).hyperlink = crosswalk.GUIDANCE_URL
        source = f"From the {REGISTER_NAME}: {record.get('url') or record.get('id')}"
        if record.get("version"):
            source += f", version {record['version']}"
        _row(sheet, [source])
        _row(sheet, [section.introduction])
        sheet.append([])
        if index == 0:
            _before_sending(sheet, record)
        _row(sheet, HEADER, bold=True)
        answers = section_answers(section, record)
        for field in section.fields:
            _row(sheet, [field.reference, field.label, field.guidance, answers[field.name]])
        for column, width in COLUMN_WIDTHS.items():
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
