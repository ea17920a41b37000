"""Filters from the query string: each alone, combined, with counts, removable, and bad values."""

import datetime
import re

import pytest
from django.utils import timezone

from projects.models import Project, ProjectOrganisation
from register.conditions import principle_q
from tests.factories import AIProjectFactory, OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def titles(response) -> set[str]:
    page = response.content.decode()
    return set(
        re.findall(
            r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', page
        )
    )


@pytest.fixture
def register():
    council = OrganisationFactory(name="Wirral Council", type="public_service")
    supplier = OrganisationFactory(name="Data Ltd", type="commercial", mission_statement="Help.")
    trust = OrganisationFactory(name="Health Trust", type="nhs")
    AIProjectFactory(
        title="Chatbot",
        status="in_use",
        areas=["wirral"],
        topics=["housing"],
        with_organisation=council,
    )
    fire = AIProjectFactory(
        title="Fire visits",
        status="pilot",
        areas=["halton", "wirral"],
        topics=["health"],
        with_organisation=trust,
    )
    ProjectOrganisation.objects.create(project=fire, organisation=supplier, role="supplier")
    PublishedProjectFactory(
        title="Bus data",
        status="pilot",
        areas=["liverpool"],
        topics=["transport"],
        with_organisation=council,
        next_review_due=timezone.localdate() - datetime.timedelta(days=1),
    )
    return {"council": council, "supplier": supplier, "trust": trust}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("uses_ai=yes", {"Chatbot", "Fire visits"}),
        ("uses_ai=no", {"Bus data"}),
        ("status=pilot", {"Fire visits", "Bus data"}),
        ("status=pilot&status=in_use", {"Chatbot", "Fire visits", "Bus data"}),
        ("area=wirral", {"Chatbot", "Fire visits"}),
        ("area=halton", {"Fire visits"}),
        ("topic=transport", {"Bus data"}),
        ("topic=health&topic=housing", {"Chatbot", "Fire visits"}),
        ("organisation=wirral-council", {"Chatbot", "Bus data"}),
        ("organisation=data-ltd", {"Fire visits"}),
        ("organisation_type=commercial", {"Fire visits"}),
        (
            "organisation_type=nhs&organisation_type=public_service",
            {"Chatbot", "Fire visits", "Bus data"},
        ),
        ("principle=8", {"Chatbot", "Fire visits", "Bus data"}),
        ("review=overdue", {"Bus data"}),
        ("uses_ai=yes&status=pilot", {"Fire visits"}),
        ("area=wirral&organisation=wirral-council&uses_ai=yes", {"Chatbot"}),
        ("uses_ai=no&area=wirral", set()),
    ],
)
def test_each_filter_and_combinations(client, register, query, expected):
    response = client.get(f"/register/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_counts_show_what_each_choice_would_give(client, register):
    page = client.get("/register/?uses_ai=yes").content.decode()

    # Counts of other filters follow the AI choice; the AI filter's own counts do not.
    assert re.search(r"Uses AI \(2\)", page)
    assert re.search(r"Does not use AI \(1\)", page)
    assert re.search(r"Pilot \(1\)", page)
    assert re.search(r"In use \(1\)", page)
    assert re.search(r"Wirral \(2\)", page)
    assert re.search(r"Liverpool \(0\)", page)
    assert re.search(r"Commercial \(1\)", page)
    assert re.search(r">Wirral Council \(1\)<", page)
    assert re.search(r"Review overdue \(0\)", page)


def test_chosen_filters_are_shown_as_tags_that_remove_them(client, register):
    page = client.get("/register/?uses_ai=yes&status=pilot&status=in_use&q=fire").content.decode()

    assert "Chosen filters" in page
    assert 'href="?status=pilot&amp;status=in_use&amp;q=fire"' in page  # without AI
    assert 'href="?uses_ai=yes&amp;status=in_use&amp;q=fire"' in page  # without pilot
    assert 'href="?uses_ai=yes&amp;status=pilot&amp;status=in_use"' in page  # without search
    assert "Clear all filters" in page


def test_an_empty_result_says_so_and_suggests_removing_filters(client, register):
    page = client.get("/register/?uses_ai=no&area=wirral").content.decode()

    assert "0 projects" in page
    assert "No projects match your search and filters" in page
    assert "remove some filters" in page


@pytest.mark.parametrize(
    "query",
    [
        "status=unknown",
        "uses_ai=maybe",
        "area=mars",
        "organisation=no-such-organisation",
        "organisation_type=secret",
        "principle=12",
        "principle=abc",
        "review=soon",
        "sort=random",
        "page=999",
        "status=pilot&status=%00",
    ],
)
def test_bad_values_are_explained_never_an_error(client, register, query):
    response = client.get(f"/register/?{query}")

    assert response.status_code == 200
    if not query.startswith(("page", "sort")):
        assert "There is a problem" in response.content.decode()
    # an unknown value filters nothing out
    assert titles(response) == {"Chatbot", "Fire visits", "Bus data"}


def test_the_filter_panel_works_without_javascript(client, register):
    page = client.get("/register/").content.decode()

    assert '<form method="get" action="/register/"' in page
    assert 'type="submit"' in page
    assert 'name="status"' in page and 'type="checkbox"' in page


def test_principle_filter_agrees_with_each_projects_evidence(client, register):
    PublishedProjectFactory(
        title="Quiet on costs", harms_social="", environmental_costs="", employment_impact=""
    )
    projects = Project.objects.published().with_register_details()
    for number in range(1, 12):
        matching = set(
            Project.objects.published().filter(principle_q(number)).values_list("pk", flat=True)
        )
        assert matching == {p.pk for p in projects if any(p.evidence()[number])}, number

    assert "Quiet on costs" not in titles(client.get("/register/?principle=10"))
    assert "Quiet on costs" in titles(client.get("/register/?principle=9"))
