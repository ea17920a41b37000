"""The review page: the whole record as it will appear, and what changed in a new version."""

import pytest
from django.urls import reverse

from projects import services
from projects.diff import change_summary, version_changes
from projects.models import ResponsiblePerson
from projects.questions import QUESTIONS, SECTIONS
from tests.factories import (
    ModeratorFactory,
    OrganisationFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
    UserFactory,
    submitted_new_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    client.force_login(ModeratorFactory())
    return client


def test_review_shows_every_question_and_answer(moderator_client):
    project = SubmittedProjectFactory(harm_mitigation="We check every prediction by hand.")
    page = moderator_client.get(reverse("moderation:review", args=[project.pk])).content.decode()
    for section in SECTIONS:
        assert section.title in page
    assert "We check every prediction by hand." in page
    assert project.lead_organisation.name in page
    assert "Alex Example" in page
    assert "Publish" in page
    assert "Request changes" in page
    assert "What changed since" not in page  # a first version has nothing to compare


def test_review_of_a_new_version_shows_what_changed_field_by_field(moderator_client):
    published = PublishedProjectFactory(title="Bus times", harm_mitigation="Old plan.")
    submitted = submitted_new_version(
        published, title="Bus arrival times", harm_mitigation="New plan."
    )

    response = moderator_client.get(reverse("moderation:review", args=[submitted.pk]))

    changes = response.context["changes"]
    assert [(c.question.key, c.old, c.new) for c in changes] == [
        ("title", "Bus times", "Bus arrival times"),
        ("harm_mitigation", "Old plan.", "New plan."),
    ]
    page = response.content.decode()
    assert "What changed since version 1" in page
    assert "Old plan." in page
    assert "New plan." in page


def test_version_changes_cover_organisations_and_people():
    published = PublishedProjectFactory()
    draft = services.start_new_version(project=published, user=UserFactory())
    partner = OrganisationFactory(name="Mersey Data Trust")
    draft.project_organisations.create(organisation=partner, role="partner", position=1)
    ResponsiblePerson.objects.filter(project=draft).update(name="Sam Other")

    changed = {c.question.key: c for c in version_changes(published, draft)}

    assert set(changed) == {"organisations", "responsible_people"}
    assert "Mersey Data Trust (Public service), partner" in changed["organisations"].new
    assert "Mersey Data Trust" not in changed["organisations"].old
    assert changed["responsible_people"].old.startswith("Alex Example, Head of Data")
    assert changed["responsible_people"].new.startswith("Sam Other, Head of Data")


def test_change_summary_names_the_questions():
    published = PublishedProjectFactory()
    draft = services.start_new_version(project=published, user=UserFactory())
    draft.title = "Renamed"
    draft.harm_mitigation = "Changed plans"
    assert change_summary(published, draft) == (
        f"Changed: {QUESTIONS['title'].label}, {QUESTIONS['harm_mitigation'].label}"
    )
    assert change_summary(None, published) == "First published"
    assert change_summary(published, published) == "No changes to the answers"


def test_review_warns_when_answers_are_missing(moderator_client):
    project = SubmittedProjectFactory(contest="")
    page = moderator_client.get(reverse("moderation:review", args=[project.pk])).content.decode()
    assert "cannot be published until these are put right" in page


def test_review_of_a_published_project_offers_withdrawal_only(moderator_client):
    project = PublishedProjectFactory()
    page = moderator_client.get(reverse("moderation:review", args=[project.pk])).content.decode()
    assert "Withdraw from the register" in page
    assert reverse("moderation:publish", args=[project.pk]) not in page


def test_review_of_an_unknown_version_is_not_found(moderator_client):
    assert moderator_client.get(reverse("moderation:review", args=[999999])).status_code == 404
