"""A month or a date with a part left out is named for what is missing, next to the question,
and nothing is saved."""

import pytest

from .submission import SECTION_1, impact_rows, save, text_answers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("month", "year"), [("4", ""), ("", "2025")], ids=["year left out", "month left out"]
)
def test_a_start_month_without_its_year_or_month_asks_for_both(client, project, month, year):
    data = {**SECTION_1, "start_date_0": month, "start_date_1": year}
    response = save(client, project, "about-your-project", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter both the month and the year, like 4 2025" in html
    assert "Enter a complete value" not in html
    assert 'href="#id_start_date_0"' in html
    start = project.start_date
    project.refresh_from_db()
    assert project.start_date == start


def test_an_impact_assessment_date_without_its_day_asks_for_all_three(client, project):
    row = {"name": "DPIA", "completed_on": ("", "3", "2025")}
    data = text_answers("documenting-your-project") | impact_rows([row])
    html = save(client, project, "documenting-your-project", data).content.decode()
    assert "Enter the day, month and year, like 27 3 2025" in html
    assert not project.impact_assessments.exists()
