"""A record as an ATRS v4.0 record: JSON by machine names, and a workbook like the template."""

import io

from openpyxl import load_workbook

from atrs import crosswalk
from atrs.export import COMPLETE_BEFORE_SENDING, HEADER, atrs_document, atrs_workbook

from .records import record


def _sheets(data: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }


def _answers(rows) -> dict[str, str | None]:
    header = next(i for i, row in enumerate(rows) if tuple(row[:4]) == HEADER)
    return {row[1]: row[3] for row in rows[header + 1 :] if row[1]}


def test_json_has_every_field_of_every_section_by_machine_name():
    document = atrs_document(record())
    assert document["standard_version"] == "v4.0"
    for section in crosswalk.SECTIONS:
        blocks = document[section.name] if section.repeats else [document[section.name]]
        assert len(blocks) == 1
        assert list(blocks[0]) == section.names


def test_json_answers_come_from_the_record_and_unanswered_fields_are_empty():
    document = atrs_document(record())
    summary = document["summary_information"]
    assert summary["name"] == "Fire safety visits for people most at risk"
    assert summary["description"].startswith("The fire service visits the homes")
    assert summary["phase"] == "Private beta"
    assert summary["region"] == "North West"
    assert summary["contact_email"] == "prevention@fire.example.org"
    assert summary["organisation_name"] == "Example Fire and Rescue Service"
    owner = document["owner_and_responsibility"]
    assert owner["senior_responsible_owner"] == (
        "Head of Prevention, Example Fire and Rescue Service"
    )
    assert owner["third_party"] == "Example Analytics Ltd"
    assert owner["companies_house_number"] == "01234567"
    assert owner["third_party_role"] == "Built and maintains the model."
    assert owner["team"] == "" and owner["procurement_procedure_type"] == ""
    assert document["model_specification"] == [
        dict.fromkeys(crosswalk.SECTIONS_BY_NAME["model_specification"].names, "")
    ]
    risks = document["risks_mitigations_and_impact_assessments"]
    assert risks["impact_assessment"].splitlines()[:3] == [
        "Data protection impact assessment",
        "Completed: 2025-03-01",
        "Link: https://fire.example.org/dpia-visits",
    ]
    assert "Equality impact assessment" in risks["impact_assessment"]
    assert risks["risks_and_mitigations"].startswith("What are the potential harms")
    assert document["govuk_metadata"] == {
        "algorithmic_transparency_record_phase": "private-beta",
        "algorithmic_transparency_record_region": ["north-west"],
        "algorithmic_transparency_record_function": ["public-order-and-safety", "health"],
        "algorithmic_transparency_record_capability": ["forecasting"],
        "algorithmic_transparency_record_organisation_type": ["local-authority"],
        "algorithmic_transparency_record_atrs_version": "v4.0",
    }


def test_nothing_is_invented_for_a_record_published_before_version_2():
    old = record(
        summary=None,
        frequency_and_scale=None,
        previous_process=None,
        alternatives_considered=None,
        impact_assessments=[],
        organisations=[record()["organisations"][0]],
    )
    document = atrs_document(old)
    assert document["summary_information"]["description"] == ""
    assert document["description_and_rationale"]["previous_process"] == ""
    assert document["deployment_context"]["frequency_and_scale_of_usage"] == ""
    assert document["owner_and_responsibility"]["third_party_involvement"] == ""
    assert document["owner_and_responsibility"]["third_party"] == ""
    assert document["risks_mitigations_and_impact_assessments"]["impact_assessment"] == ""


def test_workbook_has_one_sheet_per_section_with_reference_field_guidance_and_answer():
    sheets = _sheets(atrs_workbook(record()))
    assert list(sheets) == [section.sheet_title for section in crosswalk.SECTIONS]
    for section in crosswalk.SECTIONS:
        rows = sheets[section.sheet_title]
        answers = _answers(rows)
        assert list(answers) == [field.label for field in section.fields]
    summary = _answers(sheets["Summary Information"])
    assert summary["Name"] == "Fire safety visits for people most at risk"
    assert summary["Phase"] == "Private beta"
    assert _answers(sheets["Owner and Responsibility"])["Team"] in (None, "")


def test_first_sheet_opens_with_what_to_complete_before_sending():
    rows = _sheets(atrs_workbook(record(website=None)))["Summary Information"]
    header = next(i for i, row in enumerate(rows) if tuple(row[:4]) == HEADER)
    top = [row for row in rows[:header] if row[0]]
    firsts = [row[0] for row in top]
    assert COMPLETE_BEFORE_SENDING in firsts
    listed = {row[0]: row[1] for row in top if row[1]}
    assert "Team" in listed["Owner and Responsibility"]
    assert "System architecture" in listed["Tool Specification"]
    # Fields this record leaves empty are listed too.
    assert "This record leaves these empty too:" in firsts
    assert "Website URL" in [row[1] for row in top if row[0] == "Summary Information"][-1]


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    data = atrs_workbook(record(title='=HYPERLINK("https://evil.example","click")'))
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    assert _answers(_sheets(data)["Summary Information"])["Name"].startswith("'=HYPERLINK")
