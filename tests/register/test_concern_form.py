"""Residents ask a question or raise a concern about a published project, no account needed."""

import pytest
from django.core import mail
from django.test import Client

from concerns.models import Concern
from projects.models import ResponsiblePerson
from tests.factories import PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return PublishedProjectFactory()  # its accountable person is the public contact


def url(project):
    return f"/register/{project.slug}/ask/"


VALID = {
    "kind": "question",
    "message": "How long do you keep the data about my street?",
    "email": "resident@example.net",
    "consent_to_publish": "on",
}


def test_the_form_asks_what_it_is_about_and_explains_privacy(client, project):
    page = client.get(url(project)).content.decode()
    for words in (
        "Ask a question or raise a concern",
        "A question about the project",
        "A concern about the project",
        "Something on this page is wrong",
        "I want to opt out or refuse to take part",
        "We never show it on the website",
        "without my email address",
    ):
        assert words in page


def test_a_valid_message_is_stored_and_sent_to_the_project_and_moderators(
    client, project, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(project), VALID)
    assert response.status_code == 302
    assert response["Location"] == f"/register/{project.slug}/ask/sent/"
    concern = Concern.objects.get()
    assert (concern.slug, concern.kind, concern.email) == (
        project.slug,
        "question",
        "resident@example.net",
    )
    assert concern.consent_to_publish
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["data@example.org", moderator.email]
    to_project = next(m for m in mail.outbox if m.to == ["data@example.org"])
    assert "How long do you keep the data about my street?" in to_project.body
    assert "resident@example.net" not in to_project.body  # the project never sees the address
    assert "Message sent" in client.get(response["Location"]).content.decode()


def test_a_phone_contact_is_not_emailed(client, project, moderator):
    ResponsiblePerson.objects.filter(project=project).update(contact="0151 000 0000")
    client.post(url(project), VALID)
    assert Concern.objects.count() == 1


def test_the_honeypot_silently_drops_spam(client, project):
    response = client.post(url(project), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Concern.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": ""}, "Choose what your message is about"),
        ({"kind": "spam"}, "Select a valid choice"),
        ({"message": ""}, "Enter your message"),
        ({"message": "x" * 2001}, "Your message must be 2,000 characters or fewer"),
        ({"email": "not-an-address"}, "Enter an email address like name@example.com"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, project, changes, message):
    data = {**VALID, **changes}
    response = client.post(url(project), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    if changes.get("email"):
        assert 'value="not-an-address"' in page
    if "message" not in changes:
        assert VALID["message"] in page
    assert Concern.objects.count() == 0


def test_a_rate_limit_per_address_with_a_plain_message(client, project):
    for _ in range(5):
        assert client.post(url(project), VALID).status_code == 302
    response = client.post(url(project), VALID)
    assert response.status_code == 429
    assert "You have sent several messages in the last hour" in response.content.decode()
    assert Concern.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert other.post(url(project), VALID).status_code == 302


def test_csrf_token_is_required(project):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url(project), VALID).status_code == 403
    assert Concern.objects.count() == 0


def test_only_published_projects_take_messages(client):
    from tests.factories import ProjectFactory

    draft = ProjectFactory()
    assert client.get(url(draft)).status_code == 404
    assert client.get("/register/no-such-project/ask/").status_code == 404


def test_withdrawn_projects_say_they_take_no_messages(client, project):
    from projects import services

    services.withdraw_project(project=project, moderator=UserFactory(), reason="Ended")
    response = client.post(url(project), VALID)
    assert response.status_code == 404
    assert "no longer on the register" in response.content.decode()
    assert Concern.objects.count() == 0
