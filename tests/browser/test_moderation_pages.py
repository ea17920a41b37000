"""Charter staff's pages in Chromium: the queue and the review page pass axe, and a decision
made in the browser lands on the register."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from projects.models import PublicationState
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import (
    ModeratorFactory,
    OrganisationFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
    submitted_new_version,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("charter_principles"),
]


@pytest.fixture
def moderator_page(live_server, page, client):
    client.force_login(ModeratorFactory())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_the_queue_is_accessible(live_server, moderator_page):
    SubmittedProjectFactory(title="Bus arrival times", waited=datetime.timedelta(days=3))
    SubmittedProjectFactory(with_organisation=OrganisationFactory(verified=False))

    moderator_page.goto(f"{live_server.url}/moderation/")

    assert moderator_page.locator("h1").inner_text() == "Projects waiting for review"
    row = moderator_page.get_by_role("row").filter(has_text="Bus arrival times")
    assert "3 days" in row.inner_text().replace("\xa0", " ")
    assert_no_axe_violations(moderator_page)


def test_the_review_page_of_a_new_version_is_accessible(live_server, moderator_page):
    published = PublishedProjectFactory(title="Bus times")
    submitted = submitted_new_version(published, title="Bus arrival times")

    moderator_page.goto(f"{live_server.url}/moderation/projects/{submitted.pk}/")

    assert moderator_page.get_by_role("heading", name="What changed since version 1").is_visible()
    assert_no_axe_violations(moderator_page)


def test_an_empty_change_request_shows_an_accessible_error(live_server, moderator_page):
    project = SubmittedProjectFactory()
    moderator_page.goto(f"{live_server.url}/moderation/projects/{project.pk}/")

    moderator_page.get_by_role("button", name="Request changes").click()

    summary = moderator_page.locator(".govuk-error-summary")
    assert "Say what needs to change" in summary.inner_text()
    assert moderator_page.title().startswith("Error: ")
    assert_no_axe_violations(moderator_page)


def test_a_moderator_publishes_from_the_review_page(live_server, moderator_page):
    project = SubmittedProjectFactory(title="Library loans")
    moderator_page.goto(f"{live_server.url}/moderation/projects/{project.pk}/")

    moderator_page.get_by_role("button", name="Publish").click()

    assert "“Library loans” is published on the register" in moderator_page.inner_text("main")
    project.refresh_from_db()
    assert project.publication_state == PublicationState.PUBLISHED


def test_the_organisation_page_is_accessible(live_server, moderator_page):
    organisation = OrganisationFactory(verified=False)
    moderator_page.goto(f"{live_server.url}/moderation/organisations/{organisation.slug}/")
    assert_no_axe_violations(moderator_page)

    moderator_page.get_by_role("button", name="Record signature").click()
    # Wait for the page the form sends back (the click does not wait for it).
    expect(moderator_page).to_have_title(re.compile(r"^Error: "))
    assert_no_axe_violations(moderator_page)


def test_the_public_history_pages_are_accessible(live_server, page):
    from projects import services

    published = PublishedProjectFactory(title="Bus times")
    services.publish_project(
        project=submitted_new_version(published, title="Bus arrival times"),
        moderator=ModeratorFactory(),
    )
    page.goto(f"{live_server.url}/register/{published.slug}/history/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Version 1").click()
    assert "This is not the current version" in page.inner_text("main")
    assert_no_axe_violations(page)
