"""Emails: moderators hear of new submissions; the lead organisation hears of every decision."""

import pytest
from django.core import mail
from django.urls import reverse

from projects import services
from tests.factories import (
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SITE_URL = "https://register.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Wirral Council")
    MembershipFactory(organisation=organisation, user=UserFactory(username="ana@wirral.example"))
    MembershipFactory(organisation=organisation, user=UserFactory(username="ben@wirral.example"))
    return organisation


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_moderators_hear_of_a_new_submission(django_capture_on_commit_callbacks):
    ModeratorFactory(username="mod@charter.example")
    UserFactory(username="root@charter.example", is_superuser=True)
    UserFactory(username="someone@else.example")
    project = ProjectFactory(title="Bus arrival times")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_project(project=project, user=UserFactory())

    assert recipients() == ["mod@charter.example", "root@charter.example"]
    message = mail.outbox[0]
    assert message.subject == "New project to review: Bus arrival times"
    assert f"{SITE_URL}{reverse('moderation:review', args=[project.pk])}" in message.body
    assert f"{SITE_URL}/moderation/" in message.body


def test_members_hear_that_changes_are_needed_and_what(
    organisation, django_capture_on_commit_callbacks
):
    project = SubmittedProjectFactory(title="Bus arrival times", with_organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(
            project=project, moderator=ModeratorFactory(), message="Name who is accountable."
        )

    assert recipients() == ["ana@wirral.example", "ben@wirral.example"]
    message = mail.outbox[0]
    assert message.subject == "Changes needed before we publish Bus arrival times"
    assert "Name who is accountable." in message.body
    assert f"{SITE_URL}/projects/" in message.body
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees other addresses


def test_members_hear_that_their_project_is_published(
    organisation, django_capture_on_commit_callbacks
):
    project = SubmittedProjectFactory(title="Bus arrival times", with_organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_project(project=project, moderator=ModeratorFactory())

    assert recipients() == ["ana@wirral.example", "ben@wirral.example"]
    message = mail.outbox[0]
    assert message.subject == "Bus arrival times is published on the Charter Register"
    assert f"{SITE_URL}/register/{project.slug}/" in message.body


def test_members_hear_that_their_project_is_withdrawn_and_why(
    organisation, django_capture_on_commit_callbacks
):
    project = PublishedProjectFactory(title="Bus arrival times", with_organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_project(
            project=project, moderator=ModeratorFactory(), reason="The trial ended."
        )

    assert recipients() == ["ana@wirral.example", "ben@wirral.example"]
    message = mail.outbox[0]
    assert message.subject == "Bus arrival times is withdrawn from the Charter Register"
    assert "The trial ended." in message.body
    assert f"{SITE_URL}/register/{project.slug}/" in message.body


def test_only_the_lead_organisations_members_are_told(django_capture_on_commit_callbacks):
    lead = OrganisationFactory()
    partner = OrganisationFactory()
    MembershipFactory(organisation=lead, user=UserFactory(username="lead@example.org"))
    MembershipFactory(organisation=partner, user=UserFactory(username="partner@example.org"))
    project = SubmittedProjectFactory(with_organisation=lead)
    project.project_organisations.create(organisation=partner, role="partner", position=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_project(project=project, moderator=ModeratorFactory())

    assert recipients() == ["lead@example.org"]


def test_a_refused_move_sends_nothing(organisation, django_capture_on_commit_callbacks):
    project = ProjectFactory(with_organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.InvalidMove):
        services.publish_project(project=project, moderator=ModeratorFactory())
    assert mail.outbox == []


def test_moderation_pages_send_the_emails(client, organisation, django_capture_on_commit_callbacks):
    client.force_login(ModeratorFactory())
    project = SubmittedProjectFactory(with_organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:request_changes", args=[project.pk]), {"message": "Add X"})
    assert len(mail.outbox) == 2
    assert "Add X" in mail.outbox[0].body


@pytest.mark.parametrize("title", ["Line1\r\nBcc: everyone@example.org", "Bell\x07 and\x0b tab"])
def test_a_title_saved_with_line_breaks_gives_a_one_line_subject(
    organisation, django_capture_on_commit_callbacks, title
):
    project = SubmittedProjectFactory(title=title, with_organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_project(project=project, moderator=ModeratorFactory())
    subjects = {message.subject for message in mail.outbox}
    assert len(subjects) == 1
    (subject,) = subjects
    assert subject == " ".join(subject.split())
    assert all(ord(char) >= 32 for char in subject)
    assert all(len(message.message().get_all("Bcc") or []) == 0 for message in mail.outbox)
