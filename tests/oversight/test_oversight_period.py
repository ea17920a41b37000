"""Choosing the period: the last two years by default; bad dates get a message by the field."""

import re

import pytest
from django.utils import timezone

from projects.models import add_months
from tests.factories import ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client):
    client.force_login(ReviewerFactory())
    return client


def period(start, end) -> str:
    names = [f"{field}_{i}" for field in ("start", "end") for i in range(3)]
    return "/oversight/?" + "&".join(f"{n}={v}" for n, v in zip(names, [*start, *end], strict=True))


def error_next_to(html: str, field: str) -> str:
    """The text of the date input of ``field`` ("start" or "end"), where its error shows."""
    group = html[html.index(f'id="div_id_{field}"') :]
    group = group[: group.index("</fieldset>")]
    assert "govuk-error-message" in group, f"no error next to {field}"
    return re.sub(r"<[^>]+>|\s+", " ", group)


def test_the_default_period_is_the_last_two_years(reviewer_client):
    today = timezone.localdate()
    html = reviewer_client.get("/oversight/").content.decode()
    two_years_ago = add_months(today, -24)
    assert f"From {two_years_ago:%-d %B %Y} to {today:%-d %B %Y}" in html
    assert f'value="{today.year}"' in html


def test_a_chosen_period(reviewer_client):
    html = reviewer_client.get(period(("1", "4", "2025"), ("30", "9", "2025"))).content.decode()
    assert "From 1 April 2025 to 30 September 2025" in html


REAL_DATE = "Enter a real date, for example 27 3 2027"
ORDER = "The end of the period must be the same as or after its start"


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("1/1/2025", "31/12/2024", "end", ORDER),
        ("31/2/2025", "1/3/2025", "start", REAL_DATE),
        ("1/1/2025", "//", "end", "Enter the day, month and year the period ends"),
        ("1//2025", "1/3/2025", "start", "Enter the day, month and year the period starts"),
        ("one/1/2025", "1/3/2025", "start", "Enter a valid date"),
        ("1/1/1999", "1/3/2025", "start", "The period must start on or after 1 January 2000"),
        ("1/1/2025", "1/1/99999", "end", REAL_DATE),
        ("1/1/2025", "1/1/3000", "end", "The period must end today or before"),
    ],
)
def test_a_bad_period_is_explained_next_to_its_field(reviewer_client, start, end, field, message):
    start, end = start.split("/"), end.split("/")
    response = reviewer_client.get(period(start, end))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Oversight figures" in html
    assert "govuk-error-summary" in html
    assert message in error_next_to(html, field)
    assert "Download these figures as CSV" not in html  # no figures for a period that is wrong
    for typed in (*start, *end):
        if typed:
            assert f'value="{typed}"' in html  # nothing typed is lost


def test_a_garbled_link_is_an_error_not_a_failure(reviewer_client):
    response = reviewer_client.get("/oversight/?from=yesterday&to=2025-13-45")
    assert response.status_code == 200
    assert "<title>Error: Oversight figures" in response.content.decode()
