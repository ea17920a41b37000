"""Publish, request changes and withdraw from the review page; each move recorded."""

import pytest
from django.urls import reverse

from projects.models import ModerationEvent, Project, PublicationState
from tests.factories import (
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
    submitted_new_version,
)

pytestmark = pytest.mark.django_db
S = PublicationState


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def latest_event(project):
    return ModerationEvent.objects.filter(project=project).latest("pk")


def test_publish(moderator_client, moderator):
    project = SubmittedProjectFactory()
    response = moderator_client.post(reverse("moderation:publish", args=[project.pk]), follow=True)

    project.refresh_from_db()
    assert project.publication_state == S.PUBLISHED
    assert project.published_at is not None
    event = latest_event(project)
    assert (event.actor, event.from_state, event.to_state) == (moderator, S.SUBMITTED, S.PUBLISHED)
    assert response.redirect_chain[-1][0] == reverse("moderation:queue")
    assert f"“{project.title}” is published on the register" in response.content.decode()
    assert Project.objects.published().filter(pk=project.pk).exists()


def test_publishing_a_new_version_replaces_the_published_one(moderator_client):
    published = PublishedProjectFactory()
    submitted = submitted_new_version(published, title="A better name")

    moderator_client.post(reverse("moderation:publish", args=[submitted.pk]))

    published.refresh_from_db()
    submitted.refresh_from_db()
    assert published.publication_state == S.SUPERSEDED
    assert submitted.publication_state == S.PUBLISHED


def test_request_changes_with_a_message(moderator_client, moderator):
    project = SubmittedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:request_changes", args=[project.pk]),
        {"message": "  Name the person accountable for the model.  "},
        follow=True,
    )

    project.refresh_from_db()
    assert project.publication_state == S.CHANGES_REQUESTED
    event = latest_event(project)
    assert event.actor == moderator
    assert event.message == "Name the person accountable for the model."
    assert "Changes requested" in response.content.decode()


@pytest.mark.parametrize("message", ["", "   "])
def test_request_changes_without_a_message_shows_an_error(moderator_client, message):
    project = SubmittedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:request_changes", args=[project.pk]), {"message": message}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Review:" in page
    assert "govuk-error-summary" in page
    assert 'href="#id_message"' in page
    assert "Say what needs to change before the project can be published" in page
    project.refresh_from_db()
    assert project.publication_state == S.SUBMITTED


def test_withdraw_with_a_public_reason(moderator_client, moderator):
    project = PublishedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:withdraw", args=[project.pk]),
        {"reason": "The project ended in March."},
        follow=True,
    )

    project.refresh_from_db()
    assert project.publication_state == S.WITHDRAWN
    assert project.withdrawal_reason == "The project ended in March."
    assert project.withdrawn_at is not None
    event = latest_event(project)
    assert (event.actor, event.to_state, event.message) == (
        moderator,
        S.WITHDRAWN,
        "The project ended in March.",
    )
    assert response.redirect_chain[-1][0] == reverse("moderation:withdrawn")
    assert not Project.objects.published().filter(pk=project.pk).exists()
    # Its page stays: the public still reads the withdrawn version.
    assert moderator_client.get(project.get_absolute_url()).status_code == 200


def test_withdraw_without_a_reason_shows_an_error(moderator_client):
    project = PublishedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:withdraw", args=[project.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the public reason for withdrawing the project" in page
    assert 'href="#id_reason"' in page
    project.refresh_from_db()
    assert project.publication_state == S.PUBLISHED


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("moderation:publish", {}),
        ("moderation:request_changes", {"message": "Please fix"}),
        ("moderation:withdraw", {"reason": "Ended"}),
    ],
)
def test_a_move_the_state_machine_refuses_is_explained_not_a_500(moderator_client, url_name, data):
    draft = ProjectFactory()
    events = ModerationEvent.objects.count()
    response = moderator_client.post(reverse(url_name, args=[draft.pk]), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("moderation:review", args=[draft.pk])
    assert "Nothing was changed. A draft project cannot be moved to" in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication_state == S.DRAFT
    assert ModerationEvent.objects.count() == events


def test_publishing_a_version_with_answers_missing_is_explained(moderator_client):
    project = SubmittedProjectFactory(contest="")
    response = moderator_client.post(reverse("moderation:publish", args=[project.pk]), follow=True)
    page = response.content.decode()
    assert "This project cannot be published until its answers are complete" in page
    project.refresh_from_db()
    assert project.publication_state == S.SUBMITTED


def test_the_review_page_lists_what_happened(moderator_client, moderator):
    project = SubmittedProjectFactory()
    moderator_client.post(
        reverse("moderation:request_changes", args=[project.pk]), {"message": "Add contacts"}
    )
    page = moderator_client.get(reverse("moderation:review", args=[project.pk])).content.decode()
    assert "Add contacts" in page
    assert moderator.email in page
    assert "Changes requested" in page


def test_actions_only_accept_post(moderator_client):
    project = SubmittedProjectFactory()
    assert moderator_client.get(reverse("moderation:publish", args=[project.pk])).status_code == 405


def test_the_submitters_page_can_show_the_latest_change_request(moderator_client):
    from projects.selectors import latest_change_request

    project = SubmittedProjectFactory()
    assert latest_change_request(project) is None
    moderator_client.post(
        reverse("moderation:request_changes", args=[project.pk]), {"message": "Add contacts"}
    )
    request = latest_change_request(project)
    assert request.message == "Add contacts"
    assert request.created_at is not None
