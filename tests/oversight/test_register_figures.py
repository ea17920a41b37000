"""The public picture of the register at /register/figures/: the published register only, the
same figures as /oversight/ for the same period, each chart with its table, cached."""

import re

import pytest

from tests.factories import ModeratorFactory, ProjectFactory, SubmittedProjectFactory
from tests.oversight.known_data import build_register

pytestmark = pytest.mark.django_db

QUERY = "?from=2025-01-01&to=2025-12-31"
URL = f"/register/figures/{QUERY}"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def tables(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each table's caption and its rows (label, number)."""
    found = {}
    for caption, body in re.findall(
        r'<caption class="govuk-table__caption[^"]*">([^<]+)</caption>(.*?)</table>', html, re.S
    ):
        rows = re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
            r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>',
            body,
        )
        found[caption.split(":")[0]] = rows
    return found


@pytest.fixture
def register():
    build_register()
    # Drafts and versions waiting for review are never counted.
    ProjectFactory(
        areas=["knowsley"], uses_ai=True, ai_decision_role="makes_decision_automatically"
    )
    SubmittedProjectFactory(areas=["knowsley"], status="development")


def test_the_figures_of_the_published_register(client, register):
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "From 1 January 2025 to 31 December 2025" in page
    assert "Records on the register on 31 December 2025 5" in page
    assert "Records first published in the period 5" in page
    assert "Records withdrawn in the period 1" in page
    assert "Records overdue for their yearly review on 31 December 2025 1" in page
    assert "Questions and concerns raised by residents in the period 6" in page
    assert "Of those, answered by 31 December 2025 3" in page
    found = tables(response.content.decode())
    areas = dict(found["Records by area"])
    assert areas["Knowsley"] == "0"  # the drafts in Knowsley are not counted
    assert (areas["Wirral"], areas["Liverpool"], areas["Halton"]) == ("1", "3", "1")
    assert dict(found["Records by AI use"]) == {"Uses AI": "2", "Does not use AI": "3"}
    roles = dict(found["Records that use AI, by the part the AI plays in decisions"])
    assert roles["It supports a person who makes the decision"] == "2"
    assert roles["It makes decisions automatically"] == "0"  # the draft's is not counted
    months = dict(found["Records first published, by month"])
    assert len(months) == 12
    assert [months[m] for m in ("January 2025", "February 2025", "March 2025", "April 2025")] == [
        "1",
        "1",
        "1",
        "1",
    ]
    assert months["June 2025"] == "1" and months["December 2025"] == "0"
    assert {
        "Records by stage",
        "Records by service area",
        "Records by type of lead organisation",
    } <= set(found)


def test_the_same_figures_as_oversight_for_the_same_period(client, register):
    public = tables(client.get(URL).content.decode())
    client.force_login(ModeratorFactory())
    staff = tables(client.get(f"/oversight/{QUERY}").content.decode())
    for caption, rows in public.items():
        assert staff[caption] == rows, caption


def test_each_chart_is_an_image_with_a_text_alternative_and_a_table(client, register):
    html = client.get(URL).content.decode()
    charts = html.split('<div class="oversight-chart" role="img"')[1:]
    assert len(charts) == 7
    for chart in charts:
        slug = re.match(r' aria-labelledby="chart-([a-z]+)-title"', chart).group(1)
        assert f'id="chart-{slug}-desc"' in html
        assert "<table" in chart


def test_the_default_period_is_the_last_two_years_and_a_bad_one_is_explained(client, register):
    assert "The register in figures" in client.get("/register/figures/").content.decode()
    response = client.get("/register/figures/?from=2025-12-31&to=2025-01-01")
    assert response.status_code == 200
    assert "The end of the period must be the same as or after its start" in (
        response.content.decode()
    )


def test_cached_like_the_register(client, register):
    first = client.get(URL)
    second = client.get(URL)
    assert first["X-Register-Cache"] == "miss" and second["X-Register-Cache"] == "hit"
    assert "public" in second["Cache-Control"]


def test_linked_from_the_register_and_the_open_data_page(client, register):
    assert 'href="/register/figures/"' in client.get("/register/").content.decode()
    assert 'href="/register/figures/"' in client.get("/open-data/").content.decode()


def test_no_record_can_take_the_figures_page_address():
    from projects.services import create_project
    from tests.factories import OrganisationFactory

    project = create_project(title="Figures", organisation=OrganisationFactory())
    assert project.slug == "figures-2"
