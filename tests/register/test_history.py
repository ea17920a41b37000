"""A record's public history: every published version, what changed, each one as it was."""

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from projects import services
from projects.questions import QUESTIONS
from tests.factories import (
    ModeratorFactory,
    ProjectFactory,
    PublishedProjectFactory,
    submitted_new_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    """Version 1 published, replaced by version 2 (new title and harm plans), and a draft 3."""
    moderator = ModeratorFactory()
    first = PublishedProjectFactory(title="Bus times", harm_mitigation="Old plan.")
    second = services.publish_project(
        project=submitted_new_version(first, title="Bus arrival times", harm_mitigation="New."),
        moderator=moderator,
    )
    third = services.start_new_version(project=second, user=moderator)
    third.title = "A draft nobody may see"
    third.save()
    first.refresh_from_db()
    return first, second, third


def test_history_lists_each_published_version_with_what_changed(client, record):
    first, second, _draft = record
    response = client.get(reverse("history:list", args=[first.slug]))

    assert response.status_code == 200
    entries = response.context["entries"]
    assert [entry["version"].version for entry in entries] == [2, 1]
    assert entries[0]["summary"] == (
        f"Changed: {QUESTIONS['title'].label}, {QUESTIONS['harm_mitigation'].label}"
    )
    assert entries[1]["summary"] == "First published"
    page = response.content.decode()
    assert "Version 2" in page
    assert "Version 1" in page
    assert f"Published {localtime(second.published_at):%-d %B %Y}" in page
    assert reverse("history:version", args=[first.slug, 1]) in page
    assert "A draft nobody may see" not in page


def test_an_old_version_reads_as_it_was_with_a_notice(client, record):
    first, second, _draft = record
    response = client.get(reverse("history:version", args=[first.slug, 1]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bus times" in page
    assert "Old plan." in page
    assert "This is not the current version of this project's record." in page
    assert f'href="{second.get_absolute_url()}"' in page


def test_the_current_version_redirects_to_the_project_page(client, record):
    first, second, _draft = record
    response = client.get(reverse("history:version", args=[first.slug, 2]))
    assert response.status_code == 302
    assert response["Location"] == second.get_absolute_url()


def test_unpublished_versions_and_records_are_not_found(client, record):
    first, _second, _draft = record
    assert client.get(reverse("history:version", args=[first.slug, 3])).status_code == 404
    assert client.get(reverse("history:version", args=[first.slug, 9])).status_code == 404
    draft = ProjectFactory()
    assert client.get(reverse("history:list", args=[draft.slug])).status_code == 404
    assert client.get(reverse("history:version", args=[draft.slug, 1])).status_code == 404


def test_a_withdrawn_record_keeps_its_history(client, record):
    first, second, _draft = record
    services.withdraw_project(project=second, moderator=ModeratorFactory(), reason="Ended.")
    page = client.get(reverse("history:list", args=[first.slug])).content.decode()
    assert "Withdrawn" in page
    assert "Ended." in page
    assert client.get(reverse("history:version", args=[first.slug, 1])).status_code == 200


def test_the_withdrawn_notice_says_when_and_why():
    from django.template.loader import render_to_string

    project = services.withdraw_project(
        project=PublishedProjectFactory(), moderator=ModeratorFactory(), reason="The trial ended."
    )
    html = render_to_string("register/includes/withdrawn_notice.html", {"project": project})
    assert f"withdrawn from the register on {localtime(project.withdrawn_at):%-d %B %Y}" in html
    assert "The trial ended." in html
    assert (
        render_to_string(
            "register/includes/withdrawn_notice.html", {"project": PublishedProjectFactory()}
        ).strip()
        == ""
    )
