"""Reading an uploaded ATRS record: the register's own ATRS workbook or JSON, a filled ATRS
template of the same layout, or a published record's JSON from GOV.UK's Content API.

Every refusal is an ``UnreadableRecord`` whose message says what is wrong in words a person
can act on; nothing here raises anything else for any input. Workbooks are checked as zip files
before openpyxl sees them (size, number of parts, uncompressed size, compression ratio, no
macros), then read in read-only mode with formulas left unevaluated: a cell holding a formula
is refused, naming the sheet and cell, because its shown value is not in the file to read.
Limits on sheets, rows, columns and text stop a huge sheet before it is read to the end.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from public_text.outputs import spreadsheet_cell

from . import crosswalk
from .answers import normalise
from .export import HEADER

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # an ATRS template is about 100 KB
MAX_PARTS = 200
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_RATIO = 200  # uncompressed to compressed, per part: more than this is a zip bomb
MAX_SHEETS = 40
MAX_ROWS = 1000  # per sheet
MAX_COLUMNS = 20
MAX_CELLS = 40_000
MAX_TEXT = 50_000  # characters in one answer
MAX_JSON_DEPTH = 64
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_TYPES = ("macroenabled", "vbaproject")

NOT_A_RECORD = (
    "The file must be an ATRS record: an Excel workbook (.xlsx) laid out like the ATRS "
    "template, or a record from GOV.UK saved as JSON"
)


class UnreadableRecord(Exception):
    """The upload cannot be read as an ATRS record; the message says why."""


@dataclass
class ParsedRecord:
    """What an ATRS record says: answers by (section name, field name), GOV.UK metadata."""

    kind: str  # "workbook", "json" or "govuk"
    answers: dict[tuple[str, str], str] = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)

    def add(self, section: str, name: str, text: str) -> None:
        text = (text or "").strip()
        if not text:
            return
        if len(text) > MAX_TEXT:
            raise UnreadableRecord(
                f"The answer to “{_label(section, name)}” is longer than {MAX_TEXT:,} "
                "characters. Shorten it and upload the file again"
            )
        previous = self.answers.get((section, name))
        self.answers[(section, name)] = f"{previous}\n\n{text}" if previous else text

    def answer(self, section: str, name: str) -> str:
        return self.answers.get((section, name), "")


def _label(section: str, name: str) -> str:
    found = next((f for s, f in crosswalk.FIELDS if s.name == section and f.name == name), None)
    return found.label if found else name


# --- finding sections and fields by their titles ---------------------------------------------

# Older titles of the template's sections (v3.0 and before), read as their v4.0 sections.
OLD_SECTION_TITLES = {
    "tier 1 information": "summary_information",
    "information": "summary_information",
    "summary": "summary_information",
    "decision-making process": "deployment_context",
    "decision making process": "deployment_context",
    "data specification": "development_data_specification",
    "risks mitigations and impact assessment": "risks_mitigations_and_impact_assessments",
}
_HEADING_PREFIX = re.compile(r"^\s*(?:tier\s*[12]\s*[-:–—]?\s*)?(?:[\d.]+\s*[-:–—.]?\s*)?", re.I)


def section_for(title: str) -> str | None:
    text = normalise(_HEADING_PREFIX.sub("", title or ""))
    for section in crosswalk.SECTIONS:
        names = (section.title, section.sheet_title, section.name.replace("_", " "))
        if text in {normalise(name) for name in names}:
            return section.name
    return OLD_SECTION_TITLES.get(text)


def _names_of(f: crosswalk.Field) -> set[str]:
    return {normalise(f.label), normalise(f.name.replace("_", " ")), normalise(f.v3_name)} | {
        normalise(label) for label in f.v3_labels
    } - {""}


def field_for(section: str | None, title: str, reference: str = "") -> tuple[str, str] | None:
    """The (section, field) a row or heading names, by reference number or title. Within a
    known section only its fields; otherwise the first field of that title anywhere."""
    reference = (reference or "").strip().rstrip(".")
    candidates = [(s, f) for s, f in crosswalk.FIELDS if section is None or s.name == section]
    if reference:
        for s, f in candidates:
            if f.reference == reference:
                return s.name, f.name
    text = normalise(_HEADING_PREFIX.sub("", title or ""))
    for s, f in candidates:
        if text and text in _names_of(f):
            return s.name, f.name
    return None


# --- workbooks ---------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableRecord(NOT_A_RECORD) from error
    if len(parts) > MAX_PARTS:
        raise UnreadableRecord("The workbook has too many parts to be an ATRS record")
    total = 0
    names = {part.filename.lower() for part in parts}
    for part in parts:
        total += part.file_size
        if part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise UnreadableRecord(
                "The workbook expands to far more than its size, so it cannot be read safely"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableRecord(
            "The workbook is too large to be an ATRS record (more than "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB when opened)"
        )
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnreadableRecord(NOT_A_RECORD)
    try:
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise UnreadableRecord(NOT_A_RECORD) from error
    if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names) or any(
        kind in content_types for kind in MACRO_TYPES
    ):
        raise UnreadableRecord(
            "The workbook contains macros. Save it as an Excel Workbook (.xlsx) without macros "
            "and upload it again"
        )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    # The export's neutraliser put an apostrophe before text a spreadsheet would run: take it off.
    if text.startswith("'") and spreadsheet_cell(text[1:]) == text:
        return text[1:]
    return text


def _header(row: list) -> dict[str, int] | None:
    wanted = {normalise(name): name for name in HEADER}
    found = {
        wanted[normalise(_text(v))]: i for i, v in enumerate(row) if normalise(_text(v)) in wanted
    }
    return found if "Field" in found and "Answer" in found else None


def read_workbook(data: bytes) -> ParsedRecord:
    _check_zip(data)
    try:
        book = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_vba=False, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableRecord(
            "The workbook could not be opened. Save it again as an Excel Workbook (.xlsx) and "
            "upload it again"
        ) from error
    parsed = ParsedRecord("workbook")
    cells = 0
    try:
        sheets = book.worksheets
        if len(sheets) > MAX_SHEETS:
            raise UnreadableRecord("The workbook has too many sheets to be an ATRS record")
        matched = 0
        for sheet in sheets:
            section = section_for(sheet.title)
            if section is None:
                continue
            matched += 1
            columns = None
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                if number > MAX_ROWS:
                    raise UnreadableRecord(
                        f"The sheet “{sheet.title}” has more than {MAX_ROWS:,} rows, too many "
                        "for an ATRS record"
                    )
                cells += len(row)
                if cells > MAX_CELLS:
                    raise UnreadableRecord("The workbook has too many cells to be an ATRS record")
                for position, cell in enumerate(row, start=1):
                    if getattr(cell, "data_type", None) == "f":
                        raise UnreadableRecord(
                            f"Cell {get_column_letter(position)}{number} on the sheet "
                            f"“{sheet.title}” holds a formula. Formulas are not read: replace "
                            "it with the text it shows and upload the file again"
                        )
                values = [cell.value for cell in row]
                if columns is None:
                    columns = _header(values)
                    continue

                def at(name, values=values, columns=columns):
                    index = columns.get(name)
                    return _text(values[index]) if index is not None and index < len(values) else ""

                found = field_for(section, at("Field"), at("Reference"))
                if found:
                    parsed.add(*found, at("Answer"))
        if not matched:
            raise UnreadableRecord(
                "None of the workbook’s sheets is a section of the ATRS template. Upload the "
                "template with its sheets as they were (“Summary Information”, “Owner and "
                "Responsibility” and so on)"
            )
    except UnreadableRecord:
        raise
    except Exception as error:  # a damaged part found while reading
        raise UnreadableRecord(
            "The workbook could not be read. Save it again as an Excel Workbook (.xlsx) and "
            "upload it again"
        ) from error
    finally:
        book.close()
    if not parsed.answers:
        raise UnreadableRecord("The workbook has the ATRS sheets but no answers in them")
    return parsed


# --- JSON: the register's own, and GOV.UK's Content API ---------------------------------------


class _Body(HTMLParser):
    """GOV.UK's record body (``details.body``): each heading and the text under it."""

    HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
    BLOCKS = ("p", "li", "div", "br", "tr", "pre", "blockquote")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[int, str, list[str]]] = []  # (level, heading, lines)
        self._heading: list[str] | None = None
        self._level = 0
        self._line: list[str] = []
        self._href: str | None = None
        self._skip = 0

    def _end_line(self):
        text = re.sub(r"[ \t]+", " ", "".join(self._line)).strip()
        self._line = []
        if text and self.parts:
            self.parts[-1][2].append(text)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.HEADINGS:
            self._end_line()
            self._heading, self._level = [], int(tag[1])
        elif tag in self.BLOCKS:
            self._end_line()
            if tag == "li":
                self._line.append("- ")
        elif tag == "a":
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.HEADINGS and self._heading is not None:
            self.parts.append((self._level, " ".join("".join(self._heading).split()), []))
            self._heading = None
        elif tag in self.BLOCKS:
            self._end_line()
        elif tag == "a":
            self._href = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
            return
        self._line.append(data)
        if self._href and self._href.startswith("https://") and self._href not in data:
            self._line.append(f" ({self._href})")
            self._href = None

    def close(self):
        super().close()
        self._end_line()


def _depth(value, level=0) -> int:
    if level > MAX_JSON_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level)
    return level


def _read_govuk(document: dict) -> ParsedRecord:
    parsed = ParsedRecord("govuk")
    details = document.get("details") if isinstance(document.get("details"), dict) else {}
    body = details.get("body")
    if isinstance(body, list):  # some content items give the body as a list of renderings
        body = next((b.get("content") for b in body if isinstance(b, dict)), "")
    if isinstance(body, str) and body:
        reader = _Body()
        reader.feed(body)
        reader.close()
        section = None
        for _level, heading, lines in reader.parts:
            found_section = section_for(heading)
            if found_section:
                section = found_section
                continue
            found = field_for(section, heading) or field_for(None, heading)
            if found:
                parsed.add(*found, "\n".join(lines))
    title = document.get("title")
    if isinstance(title, str) and not parsed.answer("summary_information", "name"):
        parsed.add("summary_information", "name", title.split(": ", 1)[-1])
    description = document.get("description")
    if isinstance(description, str) and not parsed.answer("summary_information", "description"):
        parsed.add("summary_information", "description", description)
    metadata = details.get("metadata")
    parsed.metadata = metadata if isinstance(metadata, dict) else {}
    return parsed


def _read_register_json(document: dict) -> ParsedRecord:
    parsed = ParsedRecord("json")
    for section in crosswalk.SECTIONS:
        value = document.get(section.name)
        blocks = value if isinstance(value, list) else [value]
        for block in blocks:
            if not isinstance(block, dict):
                continue
            for name in section.names:
                answer = block.get(name)
                if isinstance(answer, str):
                    parsed.add(section.name, name, answer)
    metadata = document.get("govuk_metadata")
    parsed.metadata = metadata if isinstance(metadata, dict) else {}
    return parsed


def read_json(data: bytes) -> ParsedRecord:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise UnreadableRecord(
            "The file is not valid JSON. Save the record from GOV.UK again and upload it"
        ) from error
    if not isinstance(document, dict) or _depth(document) > MAX_JSON_DEPTH:
        raise UnreadableRecord(NOT_A_RECORD)
    if document.get("standard") == crosswalk.STANDARD:
        return _read_register_json(document)
    details = document.get("details")
    is_govuk = document.get("document_type") == "algorithmic_transparency_record" or (
        isinstance(details, dict)
        and isinstance(details.get("metadata"), dict)
        and any(str(k).startswith("algorithmic_transparency_record") for k in details["metadata"])
    )
    if not is_govuk:
        raise UnreadableRecord(
            "This JSON file is not an ATRS record. Upload a record from GOV.UK’s Content API "
            "(www.gov.uk/api/content/algorithmic-transparency-records/…) or one downloaded "
            "from this register"
        )
    return _read_govuk(document)


def read_upload(upload) -> ParsedRecord:
    """Read an uploaded file (a Django ``UploadedFile``) as an ATRS record."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise UnreadableRecord(
            f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableRecord(
            f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
        )
    return read_bytes(data)


def read_bytes(data: bytes) -> ParsedRecord:
    if not data:
        raise UnreadableRecord("The selected file is empty")
    if data.startswith(b"PK"):
        return read_workbook(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return read_json(data)
    raise UnreadableRecord(NOT_A_RECORD)
