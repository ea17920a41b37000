"""A mail server that refuses, is down or is slow never breaks a move.

For every email the register sends, the mail backend is made to raise (a bad header, connection
refused, a timeout). The move is done, the person is sent to the usual success page, and the
failure is logged once, with the traceback and the record's id.

These tests commit for real (``transaction=True``) so that the emails go at the point they go in
production: after the move's transaction commits, inside the request.
"""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.mail import BadHeaderError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from concerns.models import Concern
from projects.models import Project, PublicationState, ReviewReminder
from projects.reviews import send_review_reminders
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
)

from .world import ensure_principles

pytestmark = pytest.mark.django_db(transaction=True)

FAILURES = {
    "bad_header": BadHeaderError("Header values can't contain newlines"),
    "connection_refused": ConnectionRefusedError(111, "Connection refused"),
    "timeout": TimeoutError("timed out"),
}


class FailingBackend(BaseEmailBackend):
    """A mail backend that builds each message, as a real one does, then fails."""

    error: Exception = ConnectionRefusedError(111, "Connection refused")
    attempts = 0

    def send_messages(self, email_messages):
        for message in email_messages:
            message.message()
            FailingBackend.attempts += 1
            raise FailingBackend.error
        return 0


@pytest.fixture(params=FAILURES, autouse=True)
def failing_mail(request, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.error = FAILURES[request.param]
    FailingBackend.attempts = 0
    ensure_principles()
    return request.param


@pytest.fixture
def owner():
    organisation = OrganisationFactory(name="Wirral Council")
    user = AccountFactory(username="owner@wirral.example")
    MembershipFactory(user=user, organisation=organisation)
    return user


def failures(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


def assert_logged_once(caplog, what: str, record_id) -> None:
    logged = failures(caplog)
    assert len(logged) == 1, [record.getMessage() for record in logged]
    line = logged[0]
    assert what in line.getMessage()
    assert str(record_id) in line.getMessage()
    assert line.exc_info is not None  # the traceback
    assert FailingBackend.attempts == 1


def client_for(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# A title saved before the text policy, with a line break in it: it goes into email subjects.
OLD_TITLE = "Line1\r\nBcc: everyone@example.org"


def test_submitting_is_done_when_the_email_fails(client, caplog, owner, moderator):
    project = ProjectFactory(
        title=OLD_TITLE,
        publication_state=PublicationState.CHANGES_REQUESTED,
        with_organisation=owner.organisations.get(),
    )
    response = client_for(client, owner).post(
        reverse("submission:check", args=[project.pk]), {"declaration": "on"}
    )
    assert response.status_code == 302
    assert response.url == reverse("submission:project", args=[project.pk])
    project.refresh_from_db()
    assert project.publication_state == PublicationState.SUBMITTED
    assert_logged_once(caplog, "project_submitted", project.pk)


@pytest.mark.parametrize(
    ("action", "data", "success", "state"),
    [
        ("moderation:publish", {}, "moderation:queue", PublicationState.PUBLISHED),
        (
            "moderation:request_changes",
            {"message": "Name who is accountable"},
            "moderation:queue",
            PublicationState.CHANGES_REQUESTED,
        ),
    ],
)
def test_moderating_is_done_when_the_email_fails(
    client, caplog, owner, moderator, action, data, success, state
):
    project = SubmittedProjectFactory(title=OLD_TITLE, with_organisation=owner.organisations.get())
    response = client_for(client, moderator).post(reverse(action, args=[project.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse(success)
    project.refresh_from_db()
    assert project.publication_state == state
    what = {"moderation:publish": "project_published"}.get(action, "changes_requested")
    assert_logged_once(caplog, what, project.pk)


def test_withdrawing_is_done_when_the_email_fails(client, caplog, owner, moderator):
    project = PublishedProjectFactory(title=OLD_TITLE, with_organisation=owner.organisations.get())
    response = client_for(client, moderator).post(
        reverse("moderation:withdraw", args=[project.pk]), {"reason": "The project ended"}
    )
    assert response.status_code == 302
    assert response.url == reverse("moderation:withdrawn")
    project.refresh_from_db()
    assert project.publication_state == PublicationState.WITHDRAWN
    assert_logged_once(caplog, "project_withdrawn", project.pk)


def test_a_residents_question_is_kept_when_the_email_fails(client, caplog, owner, moderator):
    project = PublishedProjectFactory(title=OLD_TITLE, with_organisation=owner.organisations.get())
    response = client.post(
        reverse("concerns:ask", kwargs={"slug": project.slug}),
        {"kind": "question", "message": "Who can see my data?", "email": ""},
    )
    assert response.status_code == 302
    assert response.url == reverse("concerns:sent", kwargs={"slug": project.slug})
    concern = Concern.objects.get(project=project)
    # Two emails (to the project's public contact and to the moderators): each failure once.
    logged = failures(caplog)
    assert [line.getMessage() for line in logged] == [
        f"Could not send the concern_to_project email for concerns.Concern {concern.pk}",
        f"Could not send the concern_to_moderators email for concerns.Concern {concern.pk}",
    ]
    assert all(line.exc_info for line in logged)


def test_an_answer_is_saved_when_the_email_fails(client, caplog, moderator):
    project = PublishedProjectFactory(title=OLD_TITLE)
    concern = Concern.objects.create(
        project=project, slug=project.slug, kind="question", message="Why?", email="r@example.net"
    )
    response = client_for(client, moderator).post(
        reverse("concern_moderation:detail", args=[concern.pk]),
        {"public_response": "Because we must."},
    )
    assert response.status_code == 302
    assert response.url == reverse("concern_moderation:list")
    concern.refresh_from_db()
    assert concern.answered_at is not None
    assert_logged_once(caplog, "concern_answered", concern.pk)


def test_a_review_reminder_that_fails_is_logged_and_tried_again(caplog, owner):
    today = datetime.date(2027, 1, 1)
    project = PublishedProjectFactory(
        title=OLD_TITLE,
        next_review_due=today,
        with_organisation=owner.organisations.get(),
    )
    assert send_review_reminders(today=today) == []
    assert_logged_once(caplog, "review_reminder", project.pk)
    assert not ReviewReminder.objects.exists()  # so the next run sends it


def test_signing_up_works_when_the_confirmation_email_fails(client, caplog):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="new@example.org")
    assert_logged_once(caplog, "email_confirmation", user.pk)


def test_asking_for_a_password_reset_works_when_the_email_fails(client, caplog, owner):
    response = client.post(reverse("account_reset_password"), {"email": owner.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert_logged_once(caplog, "password_reset", owner.pk)


def test_the_project_is_not_changed_by_a_failed_email(client, owner, moderator):
    """Nothing is undone: the record is exactly as the move left it."""
    project = SubmittedProjectFactory(with_organisation=owner.organisations.get())
    client_for(client, moderator).post(reverse("moderation:publish", args=[project.pk]))
    assert Project.objects.get(pk=project.pk).publication_state == PublicationState.PUBLISHED
    assert Project.objects.published().filter(slug=project.slug).count() == 1


# --- email alerts (issue 19) -------------------------------------------------------------------


def test_following_a_project_is_kept_when_the_confirmation_email_fails(client, caplog):
    from alerts.models import Subscription

    project = PublishedProjectFactory(title=OLD_TITLE)
    response = client.post(
        reverse("alerts:follow", args=[project.slug]),
        {
            "email": "rita@example.net",
            "frequency": "immediately",
            "kinds": ["published", "changed", "overdue", "withdrawn"],
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("alerts:sent")
    subscription = Subscription.objects.get(slug=project.slug)
    assert_logged_once(caplog, "alert_confirmation", subscription.pk)


def test_asking_for_the_alerts_link_works_when_the_email_fails(client, caplog):
    from alerts.models import Subscriber, Subscription

    subscriber = Subscriber.objects.create(email="rita@example.net")
    Subscription.objects.create(subscriber=subscriber, kind="search", filters={})
    response = client.post(reverse("alerts:request_link"), {"email": "rita@example.net"})
    assert response.status_code == 302
    assert response.url == reverse("alerts:sent")
    assert_logged_once(caplog, "alerts_manage_link", subscriber.pk)
