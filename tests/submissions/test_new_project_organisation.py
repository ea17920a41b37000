"""Starting a project: for an organisation whose confirmed email domain is the person's (they
join at once and the project starts), for a new commercial organisation (its mission statement
is asked for), and for one of their organisations they were removed from while the page was
open (refused, nothing started)."""

import pytest
from django.utils import timezone

from organisations import teams
from organisations.models import EmailDomain, Membership
from projects.models import Project
from submissions.views import submission
from tests.factories import AccountFactory, AdminMembershipFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_confirmed_email_domain_joins_the_organisation_and_starts_the_project(client):
    admin = AdminMembershipFactory()
    council = admin.organisation
    EmailDomain.objects.create(
        organisation=council, domain="wirral.gov.uk", confirmed_at=timezone.now()
    )
    person = AccountFactory(email="sam@wirral.gov.uk")
    client.force_login(person)
    response = client.post(
        "/projects/new/",
        {
            "title": "Pothole finder",
            "organisation": "directory",
            "directory_organisation": council.pk,
        },
        follow=True,
    )
    html = response.content.decode()
    assert f"You are now a member of {council.name}: your email domain is theirs" in html
    assert "Your project has been started" in html
    project = Project.objects.get(title="Pothole finder")
    assert project.lead_organisation == council
    assert Membership.objects.filter(user=person, organisation=council).exists()


def test_a_new_commercial_organisation_must_give_its_mission_statement(client):
    client.force_login(AccountFactory())
    response = client.post(
        "/projects/new/",
        {
            "title": "Route planner",
            "organisation": "new",
            "name": "Mersey Routes Ltd",
            "type": "commercial",
            "description": "Builds route planning software.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Enter the mission statement of Mersey Routes Ltd: a commercial organisation must give "
        "one" in html
    )
    assert not Project.objects.exists()


def test_removed_from_the_organisation_while_the_page_was_open_starts_nothing(client, monkeypatch):
    admin = AdminMembershipFactory()
    council = admin.organisation
    membership = MembershipFactory(user=AccountFactory(), organisation=council)
    real = submission.start_project

    def removed_first(**kwargs):
        teams.remove_member(membership=membership, by=admin.user)
        return real(**kwargs)

    monkeypatch.setattr(submission, "start_project", removed_first)
    client.force_login(membership.user)
    response = client.post("/projects/new/", {"title": "Bins", "organisation": str(council.pk)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"You are not a member of {council.name}" in html
    assert not Project.objects.exists()
