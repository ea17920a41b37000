"""Data protection by design: the emails of the people who record projects and of residents who
ask questions never appear on a public page, in an export or in the API.

What a project deliberately publishes as its public contact (a responsible person's "Public
contact", Principle 3) is published contact data and does appear: the test checks that too, so
it would see an email address if one leaked.
"""

import pytest
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from concerns.models import Concern
from organisations.models import Organisation
from projects.models import ModerationEvent, Project, PublicationState, ResponsiblePerson
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    submitted_new_version,
)

from .url_rules import GET, OK, rule_for
from .urls import all_routes, url_for
from .world import ANONYMOUS, build_world

pytestmark = pytest.mark.django_db

SUBMITTER = "submitter.private@example.org"
MODERATOR = "moderator.private@example.org"
RESIDENT = "resident.private@example.net"
ORGANISATION_MEMBER = "member.private@example.org"
SUBSCRIBER = "alerts.private@example.net"  # signed up for email alerts
PUBLIC_CONTACT = "data.team@example.org"  # published on purpose as the project's contact
PRIVATE = (SUBMITTER, MODERATOR, RESIDENT, ORGANISATION_MEMBER, SUBSCRIBER)


def _is_public(route) -> bool:
    rule = rule_for(route.key)
    # history:version redirects for the current version; here version 1 is a past version.
    return route.key == "history:version" or bool(rule and rule[(ANONYMOUS, GET)] == {OK})


# Every page and export anyone may read: the routes whose rule lets an anonymous visitor GET them.
PUBLIC_ROUTES = [route for route in all_routes() if _is_public(route)]


@pytest.fixture
def world():
    world = build_world()
    submitter = AccountFactory(username=SUBMITTER)
    moderator = ModeratorFactory(username=MODERATOR)
    member = AccountFactory(username=ORGANISATION_MEMBER)
    MembershipFactory(user=member, organisation=world.owner_org)
    MembershipFactory(user=submitter, organisation=world.owner_org)
    project = world.published
    Project.objects.filter(pk=project.pk).update(
        created_by=submitter,
        submitted_by=submitter,
        declared_by=submitter,
        submitted_at=timezone.now(),
        declared_at=timezone.now(),
    )
    ModerationEvent.objects.create(
        project=project, actor=submitter, from_state="draft", to_state="submitted"
    )
    ModerationEvent.objects.create(
        project=project, actor=moderator, from_state="submitted", to_state="published"
    )
    ResponsiblePerson.objects.filter(project=project).update(contact=PUBLIC_CONTACT)
    Organisation.objects.filter(pk=world.owner_org.pk).update(
        verified_by=moderator, is_signatory=True
    )
    Concern.objects.create(
        project=project,
        slug=project.slug,
        kind="question",
        message="Does the project keep my address?",
        email=RESIDENT,
        consent_to_publish=True,
        published=True,
        answered_at=timezone.now(),
        answered_by=moderator,
        public_response="No, it keeps no addresses.",
    )
    # A second published version, so history and version pages have something to show.
    newer = submitted_new_version(Project.objects.get(pk=project.pk), purpose="A clearer aim.")
    from projects.services import publish_project

    publish_project(project=newer, moderator=moderator)
    OrganisationFactory(name="Unrelated Trust")
    subscriber = Subscriber.objects.create(email=SUBSCRIBER)
    Subscription.objects.create(
        subscriber=subscriber, kind="follow", slug=project.slug, confirmed_at=timezone.now()
    )
    return world


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=str)
def test_no_private_email_on_any_public_page_or_export(world, client, route):
    url = url_for(route, world)
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace").lower()
    for email in PRIVATE:
        assert email not in text, f"{email} is shown at {url}"


def test_the_published_public_contact_is_shown(world, client):
    """The contact the project chose to publish is on its page and in its open data record, so
    the test above would see an email address if one were there."""
    slug = world.published.slug
    assert PUBLIC_CONTACT in client.get(f"/register/{slug}/").content.decode()
    assert PUBLIC_CONTACT in client.get(f"/register/{slug}.json").content.decode()
    assert PUBLIC_CONTACT in client.get("/register.csv").content.decode()
    assert PUBLIC_CONTACT in client.get(f"/api/projects/{slug}/").content.decode()


def test_the_residents_published_question_is_shown_without_their_email(world, client):
    page = client.get(f"/register/{world.published.slug}/").content.decode()
    assert "Does the project keep my address?" in page
    assert RESIDENT not in page


def test_every_public_export_is_checked():
    keys = {route.key for route in PUBLIC_ROUTES}
    assert {
        "home:home",
        "register:list",
        "register:project",
        "history:list",
        "history:version",
        "organisations:detail",
        "open_data:register_json",
        "open_data:register_csv",
        "open_data:project_json",
        "open_data:feed",
        "api:project-list",
        "api:project-detail",
        "concerns:ask",
        "principles:detail",
    } <= keys


def test_a_new_version_was_published(world):
    assert Project.objects.filter(
        slug=world.published.slug, publication_state=PublicationState.SUPERSEDED
    ).exists()
