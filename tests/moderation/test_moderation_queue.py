"""The moderators' work queue: submitted versions, the longest waiting first, and the tabs."""

import datetime

import pytest
from django.urls import reverse

from projects import services
from tests.factories import (
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def moderator_client(client):
    client.force_login(ModeratorFactory())
    return client


def rows(response):
    return [project.title for project in response.context["projects"]]


def test_queue_lists_submitted_projects_oldest_first_with_how_long_they_waited(moderator_client):
    SubmittedProjectFactory(title="Waited two hours", waited=2 * HOUR)
    SubmittedProjectFactory(title="Waited three days", waited=datetime.timedelta(days=3) + HOUR)
    SubmittedProjectFactory(title="Waited five minutes", waited=datetime.timedelta(minutes=5))
    ProjectFactory(title="A draft")
    PublishedProjectFactory(title="Already published")

    response = moderator_client.get(reverse("moderation:queue"))

    assert response.status_code == 200
    assert rows(response) == ["Waited three days", "Waited two hours", "Waited five minutes"]
    page = response.content.decode().replace("\xa0", " ")  # timesince keeps "3 days" together
    assert "3 days" in page
    assert "2 hours" in page
    assert "5 minutes" in page
    assert reverse("moderation:review", args=[response.context["projects"][0].pk]) in page


def test_queue_says_when_nothing_is_waiting(moderator_client):
    response = moderator_client.get(reverse("moderation:queue"))
    assert "No projects are waiting for review." in response.content.decode()


def test_queue_marks_new_projects_updates_and_unverified_organisations(moderator_client):
    SubmittedProjectFactory(with_organisation=OrganisationFactory(verified=False))
    page = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert "New project" in page
    assert "Not verified" in page


def test_tabs_link_every_list_and_mark_the_current_one(moderator_client):
    page = moderator_client.get(reverse("moderation:published")).content.decode()
    for name, label in [
        ("queue", "Waiting for review"),
        ("changes_requested", "Changes requested"),
        ("published", "Published"),
        ("withdrawn", "Withdrawn"),
        ("organisations", "Unverified organisations"),
    ]:
        assert f'href="{reverse(f"moderation:{name}")}"' in page
        assert label in page
    assert f'href="{reverse("moderation:published")}" aria-current="page"' in page


def test_each_tab_lists_projects_in_its_state(moderator_client):
    moderator = ModeratorFactory()
    asked = services.request_changes(
        project=SubmittedProjectFactory(title="Needs work"), moderator=moderator, message="Fix"
    )
    published = PublishedProjectFactory(title="On the register")
    withdrawn = services.withdraw_project(
        project=PublishedProjectFactory(title="Taken down"), moderator=moderator, reason="Ended"
    )

    assert rows(moderator_client.get(reverse("moderation:changes_requested"))) == [asked.title]
    assert rows(moderator_client.get(reverse("moderation:published"))) == [published.title]
    assert rows(moderator_client.get(reverse("moderation:withdrawn"))) == [withdrawn.title]


def test_unverified_organisations_tab(moderator_client):
    OrganisationFactory(name="Checked Council", verified=True)
    OrganisationFactory(name="New Start-up Ltd", verified=False)
    page = moderator_client.get(reverse("moderation:organisations")).content.decode()
    assert "New Start-up Ltd" in page
    assert "Checked Council" not in page
    everyone = moderator_client.get(reverse("moderation:all_organisations")).content.decode()
    assert "Checked Council" in everyone
    assert "New Start-up Ltd" in everyone
