"""Search with ``q``: title, purpose, every answer and organisation names; on both databases."""

import re

import pytest
from django.db import connection

from projects.models import Project
from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = response.content.decode()
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', page
    )


def published(**kwargs):
    project = PublishedProjectFactory(**kwargs)
    Project.objects.filter(pk=project.pk).refresh_search_vector()
    return project


@pytest.fixture
def register():
    published(title="Fire safety visits", purpose="Visit homes at risk of fire.")
    published(
        title="Bus routes", purpose="Plan journeys.", harm_mitigation="We check for flooding."
    )
    published(
        title="Care homes",
        purpose="Plan care.",
        with_organisation=OrganisationFactory(name="Sefton Hospice Partnership"),
    )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("fire", {"Fire safety visits"}),
        ("journeys", {"Bus routes"}),  # the purpose
        ("flooding", {"Bus routes"}),  # another answer
        ("hospice", {"Care homes"}),  # an organisation's name
        ("FIRE visits", {"Fire safety visits"}),
        ("nothing-like-this", set()),
    ],
)
def test_search_finds_title_purpose_answers_and_organisations(client, register, q, expected):
    response = client.get("/register/", {"q": q})

    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_search_combines_with_filters(client, register):
    published(
        title="Fire drones", uses_ai=True, ai_kinds=["computer_vision"], ai_decision_role="none"
    )

    response = client.get("/register/", {"q": "fire", "uses_ai": "yes"})

    assert titles(response) == ["Fire drones"]


def test_a_very_long_search_is_cut_short_never_an_error(client, register):
    response = client.get("/register/", {"q": "fire " + "x" * 5000})

    assert response.status_code == 200
    page = response.content.decode()
    assert "x" * 201 not in page


def test_search_text_is_escaped(client, register):
    page = client.get("/register/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text")
def test_postgresql_ranks_title_matches_first(client):
    published(title="A register project", purpose="Something about libraries.")
    published(title="Libraries and reading", purpose="Plan opening hours.")
    published(title="Another", purpose="Nothing.", comms_during="We tell library users.")

    response = client.get("/register/", {"q": "libraries"})

    assert titles(response) == ["Libraries and reading", "A register project", "Another"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="web search syntax is PostgreSQL")
def test_postgresql_understands_web_search_syntax(client, register):
    assert titles(client.get("/register/", {"q": '"safety visits"'})) == ["Fire safety visits"]
    assert set(titles(client.get("/register/", {"q": "fire or journeys"}))) == {
        "Fire safety visits",
        "Bus routes",
    }
    assert titles(client.get("/register/", {"q": "plan -care"})) == ["Bus routes"]
