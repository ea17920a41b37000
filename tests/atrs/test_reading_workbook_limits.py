"""Workbooks (and uploads) the reader refuses before or while reading them, each with a message
a person can act on; and the cell values it turns into the text of an answer."""

import datetime
import io
import json
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from atrs.export import atrs_document, atrs_workbook
from atrs.reading import (
    MAX_COLUMNS,
    MAX_PARTS,
    MAX_SHEETS,
    MAX_UPLOAD_BYTES,
    UnreadableRecord,
    read_bytes,
    read_upload,
)

from .records import record


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezipped(data: bytes, *, rename=None, replace=None, add=None) -> bytes:
    rename, replace, add = rename or {}, replace or {}, add or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = replace.get(item.filename, source.read(item.filename))
            target.writestr(rename.get(item.filename, item.filename), content)
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _refusal(data: bytes) -> str:
    with pytest.raises(UnreadableRecord) as refused:
        read_bytes(data)
    return str(refused.value)


def test_a_workbook_with_too_many_parts_is_refused():
    extra = {f"xl/media/extra{n}.txt": "x" for n in range(MAX_PARTS)}
    data = _rezipped(atrs_workbook(record()), add=extra)
    assert _refusal(data) == "The workbook has too many parts to be an ATRS record"


def test_a_workbook_too_large_when_opened_is_refused():
    megabyte = b"\0" * (1024 * 1024)  # each part within the ratio limit, the whole not
    extra = {f"xl/media/blank{n}.bin": megabyte for n in range(21)}
    data = _rezipped(atrs_workbook(record()), add=extra)
    assert _refusal(data) == (
        "The workbook is too large to be an ATRS record (more than 20 MB when opened)"
    )


def test_a_workbook_whose_content_types_part_cannot_be_read_is_refused():
    data = _rezipped(atrs_workbook(record()), rename={"[Content_Types].xml": "[content_types].xml"})
    assert _refusal(data).startswith("The file must be an ATRS record")


def test_a_workbook_with_too_many_sheets_is_refused():
    book = Workbook()
    for n in range(MAX_SHEETS):
        book.create_sheet(f"Sheet {n}")
    assert _refusal(_saved(book)) == "The workbook has too many sheets to be an ATRS record"


def test_a_workbook_with_too_many_cells_is_refused():
    book = Workbook()
    book.active.title = "Summary Information"
    for title in ("Tier 1 information", "Summary"):  # older titles of the same section
        book.create_sheet(title)
    for sheet in book.worksheets:
        for _row in range(700):
            sheet.append(["x"] * MAX_COLUMNS)
    assert _refusal(_saved(book)) == "The workbook has too many cells to be an ATRS record"


def test_a_workbook_with_a_damaged_sheet_is_refused():
    data = atrs_workbook(record())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        content = archive.read(sheet)
    data = _rezipped(data, replace={sheet: content[: len(content) // 2]})
    assert _refusal(data).startswith("The workbook could not be read.")


def _with_answer(value, *, iso_dates=False) -> str:
    """The name read back when the workbook's answer to it is ``value``, as Excel stores it
    (dates as ISO 8601 text when ``iso_dates``)."""
    original = record()
    book = load_workbook(io.BytesIO(atrs_workbook(original)))
    book.iso_dates = iso_dates
    sheet = book["Summary Information"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == original["title"])
    cell.value = value
    return read_bytes(_saved(book)).answer("summary_information", "name")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime.datetime(2025, 3, 1), "2025-03-01"),
        (datetime.datetime(2025, 3, 1, 9, 30), "2025-03-01T09:30:00"),
        (True, "Yes"),
        (False, "No"),
        (2025.0, "2025"),
        (2.5, "2.5"),
    ],
)
def test_a_cell_that_is_not_text_is_read_as_the_text_it_shows(value, text):
    assert _with_answer(value) == text


def test_a_date_stored_as_iso_8601_text_is_read_as_that_date():
    assert _with_answer(datetime.date(2025, 3, 1), iso_dates=True) == "2025-03-01"


def test_a_whole_number_stored_in_scientific_notation_is_read_without_a_decimal_point():
    data = atrs_workbook(record())
    book = load_workbook(io.BytesIO(data))
    sheet = book["Summary Information"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == record()["title"])
    cell.value = 123456789
    data = _saved(book)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = "xl/worksheets/sheet1.xml"
        content = archive.read(part)
    assert b"<v>123456789</v>" in content
    data = _rezipped(data, replace={part: content.replace(b">123456789<", b">1.23456789E8<")})
    assert read_bytes(data).answer("summary_information", "name") == "123456789"


def test_a_row_naming_no_field_of_the_template_is_passed_over():
    original = record()
    book = load_workbook(io.BytesIO(atrs_workbook(original)))
    sheet = book["Summary Information"]
    row = next(r for r in sheet.iter_rows() if any(c.value == original["title"] for c in r))
    for cell in row:
        if cell.value != original["title"]:
            cell.value = "Not a field of the template" if isinstance(cell.value, str) else None
    parsed = read_bytes(_saved(book))
    assert parsed.answer("summary_information", "name") == ""
    assert original["title"] not in parsed.answers.values()


def test_an_answer_longer_than_the_limit_is_refused_naming_its_field():
    data = json.dumps(atrs_document(record(summary="A fire safety visit. " * 2500))).encode()
    assert _refusal(data) == (
        "The answer to “Description” is longer than 50,000 characters. Shorten it and upload "
        "the file again"
    )


class _Upload(io.BytesIO):
    size = None  # an upload whose size was not given


def test_an_upload_too_large_is_refused_when_its_size_was_not_given():
    with pytest.raises(UnreadableRecord) as refused:
        read_upload(_Upload(b"{" + b" " * MAX_UPLOAD_BYTES + b"}"))
    assert str(refused.value) == "The file must be smaller than 2 MB"
