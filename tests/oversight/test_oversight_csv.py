"""The CSV download of the oversight figures: the same figures as the page, one tidy table."""

import csv
import io

import pytest

from tests.factories import OrganisationFactory, PublishedProjectFactory, ReviewerFactory
from tests.oversight.known_data import at, build_register

pytestmark = pytest.mark.django_db

URL = "/oversight/figures.csv?from=2025-01-01&to=2025-12-31"


@pytest.fixture
def reviewer_client(client):
    client.force_login(ReviewerFactory())
    return client


def read(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_download_is_named_after_its_period(reviewer_client):
    response = reviewer_client.get(URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="charter-register-oversight-2025-01-01-to-2025-12-31.csv"'
    )


def test_the_figures_in_one_table_of_section_label_and_value(reviewer_client):
    build_register()
    table = read(reviewer_client.get(URL))
    assert table[0] == ["section", "label", "value"]
    assert all(len(row) == 3 for row in table)
    rows = {(section, label): value for section, label, value in table[1:]}
    assert rows[("Period", "From")] == "2025-01-01"
    assert rows[("Period", "To")] == "2025-12-31"
    assert rows[("Register at the end of the period", "Records on the register")] == "5"
    assert rows[("Activity in the period", "Records first published")] == "5"
    assert rows[("Activity in the period", "Records withdrawn")] == "1"
    assert rows[("Records by lead organisation", "Wirral Council")] == "3"
    assert rows[("Records by type of lead organisation", "Public service")] == "3"
    assert rows[("Records by stage", "Planning")] == "1"
    assert rows[("Records by AI use", "Uses AI")] == "2"
    assert rows[("Records by area", "Liverpool")] == "3"
    assert rows[("Records by service area", "Health")] == "4"
    eleven = "Principle 11: Oversight"
    assert rows[(eleven, "Records evidencing it with a real answer")] == "3"
    assert rows[(eleven, "Records with only not sure, don't know or no answers")] == "2"
    assert rows[("Reviews as of the end date", "Records with a review overdue")] == "1"
    concerns = "Questions and concerns raised in the period"
    assert rows[(concerns, "Raised")] == "6"
    assert rows[(concerns, "Answered by the end of the period")] == "3"
    assert rows[(concerns, "Not answered by the end of the period")] == "3"
    assert rows[(concerns, "Median days to answer")] == "4.0"
    publishing = "Versions published in the period"
    assert rows[(publishing, "Versions published after submission")] == "4"
    assert rows[(publishing, "Median days from submission to publication")] == "6.0"


def test_a_median_of_nothing_is_an_empty_cell(reviewer_client):
    rows = {(s, label): v for s, label, v in read(reviewer_client.get(URL))[1:]}
    assert rows[("Questions and concerns raised in the period", "Median days to answer")] == ""


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("Ré Ñandú Trust", "Ré Ñandú Trust"),
    ],
)
def test_names_cannot_run_as_spreadsheet_formulas(reviewer_client, name, cell):
    PublishedProjectFactory(
        with_organisation=OrganisationFactory(name=name), published_at=at(2025, 5, 1)
    )
    table = read(reviewer_client.get(URL))
    assert ["Records by lead organisation", cell, "1"] in table


def test_the_page_links_to_the_download_of_its_period(reviewer_client):
    html = reviewer_client.get(
        "/oversight/?start_0=1&start_1=1&start_2=2025&end_0=31&end_1=12&end_2=2025"
    ).content.decode()
    assert 'href="/oversight/figures.csv?from=2025-01-01&amp;to=2025-12-31"' in html


def test_a_bad_period_sends_the_download_back_to_the_page_with_the_errors(reviewer_client):
    response = reviewer_client.get(
        "/oversight/figures.csv?from=2025-12-31&to=2025-01-01", follow=True
    )
    assert response.redirect_chain == [("/oversight/?from=2025-12-31&to=2025-01-01", 302)]
    assert (
        "The end of the period must be the same as or after its start" in response.content.decode()
    )
