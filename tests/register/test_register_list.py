"""The register list: published projects only, 20 a page, newest first, the AI flag."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from projects.models import PublicationState
from tests.factories import AIProjectFactory, ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = response.content.decode()
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', page
    )


def entry(response, title: str) -> str:
    page = response.content.decode()
    start = page.index(f">{title}</a>")
    return page[start : page.index("</li>", start)]


def test_the_list_shows_published_projects_only(client):
    PublishedProjectFactory(title="On the register")
    ProjectFactory(title="A draft")
    ProjectFactory(title="Waiting for moderation", publication_state=PublicationState.SUBMITTED)
    PublishedProjectFactory(
        title="Withdrawn project",
        publication_state=PublicationState.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawal_reason="Stopped",
    )
    PublishedProjectFactory(title="An old version", publication_state=PublicationState.SUPERSEDED)

    response = client.get("/register/")

    assert response.status_code == 200
    assert titles(response) == ["On the register"]
    assert "1 project<" in response.content.decode()


def test_each_entry_shows_title_lead_organisation_stage_and_its_summary(client):
    project = PublishedProjectFactory(
        title="Bus routes",
        status="pilot",
        summary="Better buses for Sefton.",
        purpose="Plan bus routes.\n\nA second paragraph.",
    )

    response = client.get("/register/")

    text = entry(response, "Bus routes")
    assert f'href="/register/{project.slug}/"' in response.content.decode()
    assert f"Led by {project.lead_organisation.name}" in text
    assert "Stage: Pilot" in text
    assert "Better buses for Sefton." in text
    assert "Plan bus routes." not in text


def test_an_entry_from_before_summaries_shows_a_one_line_purpose(client):
    project = PublishedProjectFactory(
        title="Bus routes",
        status="pilot",
        summary="",
        purpose="Plan bus routes.\n\nA second paragraph.",
    )

    response = client.get("/register/")

    text = entry(response, "Bus routes")
    assert f'href="/register/{project.slug}/"' in response.content.decode()
    assert f"Led by {project.lead_organisation.name}" in text
    assert "Stage: Pilot" in text
    assert "Plan bus routes." in text
    assert "A second paragraph" not in text


def test_the_uses_ai_tag_is_on_exactly_the_projects_that_use_ai(client):
    AIProjectFactory(title="Chatbot")
    PublishedProjectFactory(title="Spreadsheet", uses_ai=False)

    response = client.get("/register/")

    assert "Uses AI" in strip_tags(entry(response, "Chatbot"))
    assert "Uses AI" not in strip_tags(entry(response, "Spreadsheet"))
    assert response.content.decode().count('govuk-tag--purple">Uses ') == 1


def test_newest_first_then_by_title_and_by_last_updated(client):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    PublishedProjectFactory(title="Beta", first_published_at=now - 3 * day, published_at=now)
    PublishedProjectFactory(
        title="alpha", first_published_at=now - 2 * day, published_at=now - 2 * day
    )
    PublishedProjectFactory(title="Gamma", first_published_at=now - day, published_at=now - day)

    assert titles(client.get("/register/")) == ["Gamma", "alpha", "Beta"]
    assert titles(client.get("/register/?sort=title")) == ["alpha", "Beta", "Gamma"]
    assert titles(client.get("/register/?sort=updated")) == ["Beta", "Gamma", "alpha"]


def test_twenty_a_page_with_govuk_pagination_that_keeps_the_filters(client):
    PublishedProjectFactory.create_batch(45, uses_ai=False)

    first = client.get("/register/?uses_ai=no")
    third = client.get("/register/?uses_ai=no&page=3")

    assert len(titles(first)) == 20
    assert len(titles(third)) == 5
    page = first.content.decode()
    assert 'class="govuk-pagination"' in page
    assert 'href="?uses_ai=no&amp;page=2" rel="next"' in page
    assert 'aria-current="page">1<' in page
    assert 'rel="prev"' not in page
    assert 'rel="next"' not in third.content.decode()


@pytest.mark.parametrize("page", ["999", "0", "-1", "abc", ""])
def test_a_page_out_of_range_shows_a_page_never_an_error(client, page):
    PublishedProjectFactory.create_batch(21)

    response = client.get(f"/register/?page={page}")

    assert response.status_code == 200
    assert len(titles(response)) in (1, 20)


def test_one_page_needs_no_pagination(client):
    PublishedProjectFactory.create_batch(3)

    assert "govuk-pagination" not in client.get("/register/").content.decode()


def test_an_empty_register_says_so(client):
    response = client.get("/register/")

    assert response.status_code == 200
    assert "No projects match your search" in response.content.decode()


def test_user_text_is_escaped(client):
    PublishedProjectFactory(
        title="<script>alert('x')</script>", summary="<b>bold</b> claims", purpose="<i>it</i>"
    )
    PublishedProjectFactory(title="Old", summary="", purpose="<u>under</u> the purpose")

    response = client.get("/register/")
    page = response.content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;u&gt;under&lt;/u&gt;" in page
