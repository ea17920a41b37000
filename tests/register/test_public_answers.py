"""Answered questions appear on the project page only with consent and after moderation."""

import pytest
from django.core import mail
from django.template import Context, Template

from concerns import services
from concerns.models import Concern
from tests.factories import PublishedProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def raise_one(project, *, consent, email="resident@example.net"):
    return services.raise_concern(
        project=project,
        kind="question",
        message="Is my data sold?",
        email=email,
        consent_to_publish=consent,
    )


def render_panel(project):
    return Template("{% load concerns %}{% project_questions project %}").render(
        Context({"project": project})
    )


def test_counts_and_published_answers_without_the_senders_email(
    django_capture_on_commit_callbacks,
):
    project = PublishedProjectFactory()
    moderator = UserFactory()
    shown = raise_one(project, consent=True)
    private = raise_one(project, consent=False, email="private@example.net")
    raise_one(project, consent=True)  # not answered yet
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_concern(
            concern=shown, moderator=moderator, public_response="No, never.", publish=True
        )
        services.answer_concern(
            concern=private, moderator=moderator, public_response="No.", publish=True
        )
    html = render_panel(project)
    assert "Residents have raised 3 questions or concerns" in html
    assert "2 have been answered" in html
    assert html.count("Is my data sold?") == 1  # only the one with consent
    assert "No, never." in html
    assert "resident@example.net" not in html
    assert "private@example.net" not in html
    assert Concern.objects.get(pk=private.pk).published is False
    assert {m.to[0] for m in mail.outbox} >= {"resident@example.net", "private@example.net"}


def test_an_answer_is_required():
    project = PublishedProjectFactory()
    concern = raise_one(project, consent=True)
    with pytest.raises(ValueError):
        services.answer_concern(
            concern=concern, moderator=UserFactory(), public_response=" ", publish=True
        )


def test_no_questions_yet():
    assert "Nobody has raised a question" in render_panel(PublishedProjectFactory())
