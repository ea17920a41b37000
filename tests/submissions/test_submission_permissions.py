"""Only members of a project's lead organisation can see or change it. Anyone else signed in
gets a 404 (never the data); anonymous visitors are sent to sign in. Every view is checked."""

import pytest

from projects.models import PublicationState
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def project_urls(project):
    return [
        ("get", f"/projects/{project.pk}/"),
        ("get", f"/projects/{project.pk}/sections/about-your-project/"),
        ("post", f"/projects/{project.pk}/sections/tracking-benefits/"),
        ("get", f"/projects/{project.pk}/check/"),
        ("post", f"/projects/{project.pk}/check/"),
        ("post", f"/projects/{project.pk}/new-version/"),
    ]


@pytest.fixture
def project():
    return ProjectFactory(title="Secret draft about bins", benefit_who="Confidential words")


def test_anonymous_visitors_are_sent_to_sign_in(client, project):
    for method, url in project_urls(project) + [("get", "/projects/"), ("get", "/projects/new/")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_a_member_of_another_organisation_gets_404_and_never_the_data(client, project):
    outsider = MembershipFactory(user=AccountFactory()).user
    client.force_login(outsider)
    for method, url in project_urls(project):
        response = getattr(client, method)(url, {"benefit_who": "Overwritten"})
        assert response.status_code == 404, url
        assert b"Secret draft" not in response.content
    assert b"Secret draft" not in client.get("/projects/").content
    project.refresh_from_db()
    assert project.benefit_who == "Confidential words"


def test_a_member_of_a_partner_organisation_cannot_edit(client, project):
    partner = MembershipFactory(user=AccountFactory())
    project.project_organisations.create(organisation=partner.organisation, role="partner")
    client.force_login(partner.user)
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_members_of_the_lead_organisation_see_it_in_your_projects(client, project):
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    page = client.get("/projects/").content.decode()
    assert "Secret draft about bins" in page
    assert "govuk-tag--grey" in page and "Draft" in page
    for method, url in project_urls(project)[:4]:
        assert getattr(client, method)(url).status_code in (200, 302), url


# Choosing someone else's organisation: tests/organisations/test_takeover_holes.py.


def test_published_project_make_changes_starts_a_new_draft_and_keeps_the_published_one(client):
    from tests.factories import PublishedProjectFactory

    published = PublishedProjectFactory(title="Live project")
    member = MembershipFactory(user=AccountFactory(), organisation=published.lead_organisation)
    client.force_login(member.user)
    page = client.get(f"/projects/{published.pk}/").content.decode()
    assert "Make changes" in page and "Change<" not in page
    response = client.post(f"/projects/{published.pk}/new-version/")
    draft = published.__class__.objects.get(slug=published.slug, version=2)
    assert response["Location"] == f"/projects/{draft.pk}/"
    assert draft.publication_state == PublicationState.DRAFT
    published.refresh_from_db()
    assert published.publication_state == PublicationState.PUBLISHED
    assert client.get(published.get_absolute_url()).status_code == 200
    # Making changes again returns the same draft.
    client.post(f"/projects/{published.pk}/new-version/")
    assert published.__class__.objects.filter(slug=published.slug).count() == 2
