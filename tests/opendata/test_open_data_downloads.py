"""The downloads version 2 added, listed on /open-data/: the register as an Excel spreadsheet
(the CSV's content, one sheet, cells neutralised the same way), every published version of one
record, and every published version of the whole register, in the version 2 shape."""

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from projects import services
from projects.models import Project
from tests.factories import PublishedProjectFactory, UserFactory
from tests.opendata.open_data_register import SUBMITTER_EMAIL, TRICKY_ANSWER, make_register

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "spec" / "register-record.schema.json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def valid_v2(document) -> list[str]:
    validator = Draft202012Validator(
        json.loads(SCHEMA_FILE.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(document)]


def sheet_rows(response) -> list[list[str]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Register"]
    return [
        ["" if value is None else value for value in row]
        for row in workbook["Register"].iter_rows(values_only=True)
    ]


def csv_rows(client, query="") -> list[list[str]]:
    text = client.get(f"/register.csv{query}").content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def published_ids():
    return make_register()


# --- the spreadsheet ------------------------------------------------------------------------


def test_the_spreadsheet_is_the_csvs_content_on_one_sheet(client, published_ids):
    response = client.get("/register.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="charter-register.xlsx"'
    rows = sheet_rows(response)
    expected = csv_rows(client)
    # Spreadsheets keep line breaks as "\n": compare the text, not the line endings.
    normalise = [[cell.replace("\r\n", "\n") for cell in row] for row in expected]
    assert [[cell.replace("\r\n", "\n") for cell in row] for row in rows] == normalise
    assert rows[0][:5] == ["id", "url", "version", "title", "summary"]
    fire = next(row for row in rows if row[0] == "fire-safety-visits")
    assert fire[rows[0].index("purpose")].replace("\r\n", "\n") == TRICKY_ANSWER.replace(
        "\r\n", "\n"
    )
    assert SUBMITTER_EMAIL not in response.content.decode("latin-1")


def test_the_spreadsheet_takes_the_registers_filters(client, published_ids):
    rows = sheet_rows(client.get("/register.xlsx?uses_ai=yes"))
    assert len(rows) - 1 == len(csv_rows(client, "?uses_ai=yes")) - 1
    assert all(row[rows[0].index("uses_ai")] == "yes" for row in rows[1:])


def test_no_spreadsheet_cell_runs_as_a_formula(client):
    PublishedProjectFactory(slug="formula", title='=HYPERLINK("http://bad.example","x")')
    PublishedProjectFactory(slug="phone", title="Phone", purpose="+44 151 000 0000")
    PublishedProjectFactory(slug="at", title="At", summary="@SUM(A1:A9) for residents.")
    workbook = load_workbook(io.BytesIO(client.get("/register.xlsx").content))
    sheet = workbook["Register"]
    header = [cell.value for cell in sheet[1]]
    by_id = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    title = by_id["formula"][header.index("title")]
    assert title.data_type == "s"
    assert title.value == '\'=HYPERLINK("http://bad.example","x")'
    assert by_id["phone"][header.index("purpose")].value == "+44 151 000 0000"
    assert by_id["at"][header.index("summary")].value == "'@SUM(A1:A9) for residents."
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_text_a_spreadsheet_cannot_hold_is_left_out_not_an_error(client):
    PublishedProjectFactory(slug="bell", title="Ring\x07 the bell")
    response = client.get("/register.xlsx")
    assert response.status_code == 200
    rows = sheet_rows(response)
    assert rows[1][rows[0].index("title")] == "Ring the bell"


def test_an_empty_register_is_a_header_row(client):
    rows = sheet_rows(client.get("/register.xlsx"))
    assert len(rows) == 1 and rows[0][0] == "id"


# --- past versions --------------------------------------------------------------------------


def test_every_published_version_of_one_record(client, published_ids):
    response = client.get("/register/fire-safety-visits/versions.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert valid_v2(document) == []
    assert document["schema_version"] == "2"
    versions = document["projects"]
    assert [(v["id"], v["version"]) for v in versions] == [
        ("fire-safety-visits", 1),
        ("fire-safety-visits", 2),
    ]
    first, second = versions
    assert first["title"] == "Fire safety visits for people most at risk"
    assert second["title"] == "Fire safety visits for people most at risk, version two"
    assert first["published_at"] == second["published_at"]  # the record's first publication
    assert first["updated_at"] < second["updated_at"]  # each version's own
    assert second == client.get("/register/fire-safety-visits.json").json()


@pytest.mark.parametrize(
    "slug", ["no-such-project", "secret-draft", "awaiting-check", "withdrawn-project"]
)
def test_versions_of_a_record_not_on_the_register_are_not_found(client, published_ids, slug):
    assert client.get(f"/register/{slug}/versions.json").status_code == 404


def test_the_history_of_the_whole_register(client, published_ids):
    response = client.get("/register-history.json")
    assert response.status_code == 200
    document = response.json()
    assert valid_v2(document) == []
    pairs = [(p["id"], p["version"]) for p in document["projects"]]
    assert pairs == sorted(pairs)
    assert ("fire-safety-visits", 1) in pairs and ("fire-safety-visits", 2) in pairs
    assert {p["id"] for p in document["projects"]} == set(published_ids)
    # Not the unpublished new version of the chatbot, nor the withdrawn record.
    assert "Unpublished new title" not in json.dumps(document)
    assert "withdrawn-project" not in json.dumps(document)
    assert SUBMITTER_EMAIL not in json.dumps(document)


def test_a_withdrawn_record_leaves_the_history(client):
    project = PublishedProjectFactory(slug="gone")
    assert client.get("/register/gone/versions.json").status_code == 200
    services.withdraw_project(project=project, moderator=UserFactory(), reason="Ended")
    assert client.get("/register/gone/versions.json").status_code == 404
    assert client.get("/register-history.json").json()["projects"] == []


def test_history_reads_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        PublishedProjectFactory(slug=f"p-{n}")
    with django_assert_max_num_queries(12):
        assert len(client.get("/register-history.json").json()["projects"]) == 5


# --- where they are listed ------------------------------------------------------------------


def test_the_open_data_page_lists_every_download(client):
    html = client.get("/open-data/").content.decode()
    for address in [
        "/register.xlsx",
        "/register.csv",
        "/register.json",
        "/register-history.json",
        "/register/fire-safety-visits/versions.json",
        "/register.schema.json",
        "/register.v1.schema.json",
    ]:
        assert address in html, address
    assert "now &quot;2&quot;" in html or 'now "2"' in html


def test_the_api_gives_version_2_records(client, published_ids):
    record = client.get("/api/projects/fire-safety-visits/").json()
    for key in ["summary", "impact_assessments", "frequency_and_scale", "alternatives_considered"]:
        assert key in record
    assert record["organisations"][0]["ods_code"] == "RBQ"
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    project = schema["components"]["schemas"]["Project"]
    assert "summary" in project["properties"] and "summary" in project["required"]
    assert Project.objects.published().count() == len(published_ids)
