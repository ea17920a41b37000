"""Only Charter staff reach /moderation/: anyone else gets the sign-in page or 403."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse

from moderation.urls import concern_patterns, project_patterns
from projects.models import PublicationState
from projects.permissions import MODERATORS_GROUP, is_moderator
from tests.factories import (
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    SubmittedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    return SubmittedProjectFactory(with_organisation=OrganisationFactory(verified=False))


def every_moderation_url(project):
    """Every URL under /moderation/, with real arguments. A new URL pattern must be added."""
    from organisations import teams

    organisation = project.lead_organisation
    admin = MembershipFactory(organisation=organisation, role="admin").user
    claim = teams.ask_to_join(user=UserFactory(), organisation=OrganisationFactory(), message="Hi")
    arguments = {
        "pk": project.pk,
        "slug": organisation.slug,
        "request_id": claim.pk,
        "domain_id": teams.add_domain(organisation=organisation, domain="x.gov.uk", by=admin).pk,
        "signature_id": teams.request_signature(
            organisation=organisation,
            by=admin,
            signatory_name="Kate",
            job_title="Chief Executive",
            signed_on=datetime.date(2026, 1, 1),
        ).pk,
    }
    urls = []
    for pattern in project_patterns:
        assert isinstance(pattern, URLPattern)
        names = pattern.pattern.regex.groupindex
        assert set(names) <= set(arguments), f"give test arguments for {pattern.name}"
        kwargs = {name: arguments[name] for name in names}
        urls.append(reverse(f"moderation:{pattern.name}", kwargs=kwargs))
    return urls


def test_the_moderators_group_is_made_by_a_migration():
    assert Group.objects.filter(name=MODERATORS_GROUP).exists()


def test_who_is_a_moderator():
    assert is_moderator(ModeratorFactory())
    assert is_moderator(UserFactory(is_superuser=True))
    assert not is_moderator(UserFactory())
    assert not is_moderator(UserFactory(is_staff=True))
    assert not is_moderator(ModeratorFactory(is_active=False))


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, submitted, method):
    for url in every_moderation_url(submitted):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=/moderation/"), url


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_data_professional_is_refused_everywhere(client, submitted, method):
    member = MembershipFactory(organisation=submitted.lead_organisation).user
    client.force_login(member)
    for url in every_moderation_url(submitted):
        response = getattr(client, method)(url, {"message": "x", "reason": "y"})
        assert response.status_code == 403, url


def test_a_data_professional_cannot_publish_their_own_project_by_posting(client, submitted):
    member = MembershipFactory(organisation=submitted.lead_organisation).user
    client.force_login(member)
    response = client.post(reverse("moderation:publish", args=[submitted.pk]))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.publication_state == PublicationState.SUBMITTED
    assert submitted.published_at is None


@pytest.mark.parametrize("user_factory", [ModeratorFactory, lambda: UserFactory(is_superuser=True)])
def test_moderators_and_superusers_reach_every_page(client, submitted, user_factory):
    client.force_login(user_factory())
    for url in every_moderation_url(submitted):
        if url.rstrip("/").rsplit("/", 1)[-1] in {
            "publish",
            "request-changes",
            "withdraw",
            "verify",
            "signature",
            "merge",
            "confirm",
        }:
            assert client.get(url).status_code == 405, url
        else:
            assert client.get(url).status_code == 200, url


def test_every_moderation_view_declares_that_it_is_for_moderators():
    for pattern in [*project_patterns, *concern_patterns]:
        assert getattr(pattern.callback, "moderator_only", False), pattern.name
