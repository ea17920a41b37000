"""Reading an uploaded ATRS record, and refusing anything that is not one, cleanly."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from atrs import crosswalk
from atrs.export import atrs_document, atrs_workbook
from atrs.importing import register_answers_from
from atrs.reading import MAX_ROWS, UnreadableRecord, read_bytes

from .records import record

FIXTURE = Path(__file__).parent / "fixtures" / "govuk-content-api-record.json"


def imported_keys() -> set[str]:
    """The register's keys that an import reads back from an ATRS record."""
    return {key for _s, field in crosswalk.FIELDS if field.imported for key in field.keys}


def _compare(answers: dict, original: dict) -> None:
    for key in imported_keys():
        assert answers.get(key) == original[key], key


@pytest.mark.parametrize("export", [atrs_workbook, lambda r: json.dumps(atrs_document(r)).encode()])
def test_export_then_import_gives_back_the_same_answers(export):
    original = record()
    answers = register_answers_from(read_bytes(export(original))).answers
    _compare(answers, original)
    # And from GOV.UK's metadata in the JSON, or the phase in both.
    assert answers["status"] == "pilot"


def test_round_trip_keeps_text_a_spreadsheet_would_run_as_written():
    original = record(title="=1+1 is not a formula here", harm_mitigation="-5 and @risk")
    answers = register_answers_from(read_bytes(atrs_workbook(original))).answers
    assert answers["title"] == "=1+1 is not a formula here"
    assert answers["harm_mitigation"] == "-5 and @risk"


def test_json_export_round_trip_reads_the_facets_back():
    answers = register_answers_from(read_bytes(json.dumps(atrs_document(record())).encode()))
    assert sorted(answers.answers["topics"]) == ["community_safety", "health"]
    assert answers.answers["ai_kinds"] == ["predictive_model"]


def test_a_govuk_content_api_record_imports():
    parsed = read_bytes(FIXTURE.read_bytes())
    assert parsed.kind == "govuk"
    imported = register_answers_from(parsed)
    answers = imported.answers
    assert answers["title"] == "Housing repairs triage assistant"
    assert answers["website"] == "https://www.example-borough.gov.uk/repairs-triage"
    assert answers["status"] == "in_use"
    assert answers["purpose"].splitlines() == [
        "The assistant reads the text of each repair request and the property's repair history.",
        "It suggests one of four urgency levels and gives its reasons. It does not book repairs.",
    ]
    assert answers["benefit_who"].splitlines() == [
        "- Emergency repairs reach an engineer sooner.",
        "- Officers spend less time reading routine requests.",
    ]
    assert answers["responsible_training"].startswith("A two-hour session")
    assert answers["contest"].startswith("Tenants can call the repairs line")
    assert answers["inputs"].startswith("The text of a repair request")
    assert answers["responsible_monitoring"].startswith("The team reviews a sample")
    assert answers["data_sources"].startswith("Repair requests as tenants write them")
    assert answers["data_protection"].startswith("Only repairs officers see")
    assert answers["harms_who"].startswith("The model could rate an urgent request")
    assert answers["topics"] == ["housing"]
    # Free text that is not one of the register's answers is not turned into a choice.
    assert "ai_decision_role" not in answers
    # Computer linguistics could be a chatbot or natural language processing: left to choose.
    assert "ai_kinds" not in answers


def test_a_govuk_content_api_record_gives_the_version_2_answers():
    answers = register_answers_from(read_bytes(FIXTURE.read_bytes())).answers
    expected = {
        "summary": "A tool that reads repair requests from tenants and suggests how urgent "
        "each one is, so that the repairs team can send help to the most urgent first.",
        "previous_process": "A repairs officer read every request and set its urgency by hand.",
        "alternatives_considered": "A keyword list, which missed too many urgent requests.",
        "frequency_and_scale": "About 1,200 requests a week.",
        # One assessment a paragraph: each is a row named by its text.
        "impact_assessments": [
            {
                "name": "Data protection impact assessment, completed in June 2025.",
                "date": None,
                "url": None,
                "summary": None,
            }
        ],
    }
    for key, value in expected.items():
        assert answers[key] == value, key


def test_a_govuk_record_without_body_headings_still_gives_its_title_and_description():
    document = json.loads(FIXTURE.read_text())
    document["details"]["body"] = "<p>No headings at all</p>"
    answers = register_answers_from(read_bytes(json.dumps(document).encode())).answers
    assert answers["title"] == "Housing repairs triage assistant"
    assert answers["summary"] == document["description"]


def test_a_filled_template_with_older_titles_and_na_answers_imports_what_it_can():
    book = Workbook()
    sheet = book.active
    sheet.title = "Tier 1 Information"
    sheet.append(["Some heading the organisation added"])
    sheet.append(["Reference", "Field", "Guidance", "Answer"])
    sheet.append(["1.1", "Name", "", "Bin route planner"])
    sheet.append(["1.3", "Website URL", "", "N/A"])
    sheet.append(["", "Phase", "", "Pilot/beta"])
    other = book.create_sheet("Decision-making Process")
    other.append(["Field", "Answer"])
    other.append(["Human decisions and review", "It supports a person who makes the decision"])
    book.create_sheet("Info Page").append(["Anything at all"])
    buffer = io.BytesIO()
    book.save(buffer)
    answers = register_answers_from(read_bytes(buffer.getvalue())).answers
    assert answers == {
        "title": "Bin route planner",
        "status": "pilot",
        "ai_decision_role": "supports_human_decision",
    }


def test_an_answer_that_does_not_fit_the_register_is_left_out_and_said_so():
    imported = register_answers_from(
        read_bytes(atrs_workbook(record(title="x" * 250, website="https://ok.example.org/")))
    )
    assert "title" not in imported.answers
    assert any("Name" in problem and "200" in problem for problem in imported.left_out)


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Bus\u202e times", "Project title must not include hidden characters"),
        ("\u200b\u200b", "Project title must include letters or numbers"),
    ],
)
def test_an_answer_the_text_policy_refuses_is_left_out_with_its_message(title, message):
    data = json.dumps(atrs_document(record(title=title))).encode()
    imported = register_answers_from(read_bytes(data))
    assert "title" not in imported.answers
    assert any(message in problem for problem in imported.left_out), imported.left_out


# --- hostile and foreign files --------------------------------------------------------------


def _workbook(build) -> bytes:
    book = Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewritten(*, replace=None, add=None) -> bytes:
    """The register's workbook with some of its parts replaced or added."""
    replace, add = replace or {}, add or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(atrs_workbook(record()))) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _refused(data: bytes, *words: str) -> str:
    with pytest.raises(UnreadableRecord) as refused:
        read_bytes(data)
    message = str(refused.value)
    for word in words:
        assert word in message
    return message


def test_a_formula_cell_is_refused_naming_its_sheet_and_cell():
    data = atrs_workbook(record())
    book = load_workbook(io.BytesIO(data))
    book["Summary Information"]["D20"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    _refused(buffer.getvalue(), "D20", "Summary Information", "formula")


def test_a_huge_sheet_is_refused():
    def build(book):
        book.active.title = "Summary Information"
        for number in range(MAX_ROWS + 5):
            book.active.append([number])

    _refused(_workbook(build), "rows")


def test_a_workbook_with_no_atrs_sheets_is_refused():
    def build(book):
        book.active.title = "Budget"
        book.active.append(["Field", "Answer"])

    _refused(_workbook(build), "None of the workbook")


def test_atrs_sheets_without_answers_are_refused():
    def build(book):
        book.active.title = "Summary Information"
        book.active.append(["Field", "Answer"])
        book.active.append(["Name", None])

    _refused(_workbook(build), "no answers")


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    _refused(b"%PDF-1.7 not a record", "ATRS record")
    _refused(b"Name,Answer\nTool,Yes\n", "ATRS record")
    _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .xls file", "ATRS record")
    _refused(b"", "empty")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(buffer.getvalue(), "ATRS record")
    _refused(b"PK\x03\x04 but truncated", "ATRS record")


def test_a_zip_bomb_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    _refused(buffer.getvalue(), "expands")


def test_a_workbook_with_macros_is_refused():
    _refused(_rewritten(add={"xl/vbaProject.bin": b"macro"}), "macros")


def test_a_damaged_workbook_is_refused():
    damaged = b"<worksheet><sheetData><row><c r='A1' t='s'><v>99999"
    _refused(_rewritten(replace={"xl/worksheets/sheet1.xml": damaged}), "could not be")


def test_an_entity_expansion_in_a_workbook_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    _refused(_rewritten(replace={"xl/worksheets/sheet1.xml": bomb}), "could not be")


@pytest.mark.parametrize(
    "text, words",
    [
        ("{not json", ["not valid JSON"]),
        ('{"schema_version": "2", "projects": []}', ["not an ATRS record"]),
        ("[1, 2, 3]", ["ATRS record"]),
        ('{"a": ' + '{"a": ' * 100 + "1" + "}" * 101, ["ATRS record"]),
        ('{"a": ' + "[" * 100000 + "]" * 100000 + "}", ["JSON"]),
        ('\ufeff{"document_type": "algorithmic_transparency_record", "details": 5}', []),
    ],
)
def test_foreign_or_broken_json_is_refused_or_read_without_error(text, words):
    try:
        parsed = read_bytes(text.encode())
    except UnreadableRecord as refused:
        for word in words:
            assert word in str(refused)
    else:
        assert not words and parsed.answers == {}
