"""Who sees the oversight figures: moderators and the independent reviewers, nobody else."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    MembershipFactory,
    ModeratorFactory,
    ReviewerFactory,
    SubmittedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URLS = ["/oversight/", "/oversight/figures.csv"]


def test_a_migration_makes_the_reviewers_group():
    assert Group.objects.filter(name="Reviewers").exists()


@pytest.mark.parametrize("url", URLS)
def test_signed_out_visitors_go_to_the_sign_in_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", URLS)
def test_a_member_of_an_organisation_is_refused(client, url):
    client.force_login(MembershipFactory().user)
    response = client.get(url)
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "make_user",
    [ModeratorFactory, ReviewerFactory, lambda: UserFactory(is_superuser=True)],
    ids=["moderator", "reviewer", "superuser"],
)
def test_moderators_and_reviewers_see_the_figures(client, url, make_user):
    client.force_login(make_user())
    assert client.get(url).status_code == 200


def test_an_inactive_reviewer_is_signed_out(client):
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    reviewer.is_active = False
    reviewer.save()
    assert client.get("/oversight/").status_code == 302


def test_reviewers_have_no_moderation_powers(client):
    project = SubmittedProjectFactory()
    client.force_login(ReviewerFactory())
    assert client.get("/moderation/").status_code == 403
    assert client.get(f"/moderation/projects/{project.pk}/").status_code == 403
    assert client.post(f"/moderation/projects/{project.pk}/publish/").status_code == 403


def test_moderators_find_the_page_from_the_moderation_lists(client):
    client.force_login(ModeratorFactory())
    html = client.get("/moderation/").content.decode()
    assert '<a class="govuk-tabs__tab" href="/oversight/">Oversight figures</a>' in html


def test_the_page_only_answers_get(client):
    client.force_login(ReviewerFactory())
    assert client.post("/oversight/").status_code == 405
