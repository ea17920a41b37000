"""What a moderator types for the submitter or the public is kept without the spaces around
it; spaces, line breaks or tabs alone are refused with the field's own message, and invisible
characters alone (zero-width spaces, word joiners) with the text policy's."""

import pytest
from django.urls import reverse

from projects.models import ModerationEvent, PublicationState
from tests.factories import PublishedProjectFactory, SubmittedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_a_withdrawal_reason_of_spaces_and_line_breaks_is_refused(moderator_client):
    project = PublishedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:withdraw", args=[project.pk]), {"reason": " \r\n\t\u00a0 "}
    )
    assert "Enter the public reason for withdrawing the project" in response.content.decode()
    project.refresh_from_db()
    assert project.publication_state == PublicationState.PUBLISHED


def test_a_withdrawal_reason_of_invisible_characters_is_refused_next_to_it(moderator_client):
    project = PublishedProjectFactory()
    response = moderator_client.post(
        reverse("moderation:withdraw", args=[project.pk]), {"reason": "\u200b\ufeff\u2060"}
    )
    page = response.content.decode()
    assert (
        "The reason for withdrawing must include words or numbers, not only spaces or invisible"
        " characters"
    ) in page
    project.refresh_from_db()
    assert project.publication_state == PublicationState.PUBLISHED


def test_a_withdrawal_reason_is_kept_without_the_spaces_around_it(moderator_client):
    project = PublishedProjectFactory()
    moderator_client.post(
        reverse("moderation:withdraw", args=[project.pk]),
        {"reason": "\r\n  The project ended in March.  \r\n"},
    )
    project.refresh_from_db()
    assert project.withdrawal_reason == "The project ended in March."


def test_a_change_request_is_kept_without_the_spaces_around_it(moderator_client):
    project = SubmittedProjectFactory()
    moderator_client.post(
        reverse("moderation:request_changes", args=[project.pk]),
        {"message": "\r\n  Add who to contact.\r\n  "},
    )
    event = ModerationEvent.objects.filter(project=project).latest("pk")
    assert (event.to_state, event.message) == (
        PublicationState.CHANGES_REQUESTED,
        "Add who to contact.",
    )
