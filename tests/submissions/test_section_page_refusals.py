"""What the section pages refuse: a section that does not exist, the check page of a project
that was submitted, and a save that a colleague overtook (the project submitted meanwhile, or
the person removed from the organisation they chose as lead)."""

import pytest

from organisations import teams
from projects import services
from projects.models import ProjectOrganisation, PublicationState
from submissions.views import submission
from tests.factories import (
    AccountFactory,
    AdminMembershipFactory,
    MembershipFactory,
    ProjectFactory,
    SubmittedProjectFactory,
)

from .submission import SECTION_1, organisation_rows, save, section_url

pytestmark = pytest.mark.django_db


def member_of(project):
    return MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation).user


def test_a_section_that_does_not_exist_is_not_found(client):
    project = ProjectFactory()
    client.force_login(member_of(project))
    assert client.get(section_url(project, "about-your-pets")).status_code == 404
    assert client.get(section_url(project, "about-your-project")).status_code == 200


def test_the_check_page_of_a_submitted_project_goes_back_to_the_project(client):
    project = SubmittedProjectFactory()
    client.force_login(member_of(project))
    response = client.get(f"/projects/{project.pk}/check/")
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/"


def test_a_save_after_a_colleague_submitted_the_project_is_refused(client, monkeypatch):
    project = ProjectFactory()
    person, colleague = member_of(project), member_of(project)
    real = submission.save_section

    def submitted_first(**kwargs):
        services.declare_and_submit(project=project, user=colleague, declared=True)
        return real(**kwargs)

    monkeypatch.setattr(submission, "save_section", submitted_first)
    client.force_login(person)
    response = save(
        client, project, "about-your-project", {**SECTION_1, "title": "Changed too late"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "This project cannot be changed now" in page
    project.refresh_from_db()
    assert project.publication_state == PublicationState.SUBMITTED
    assert project.title != "Changed too late"


def test_a_new_lead_the_person_was_removed_from_meanwhile_is_refused(client, monkeypatch):
    project = ProjectFactory()
    person = member_of(project)
    other = AdminMembershipFactory()
    new_lead = other.organisation
    membership = MembershipFactory(user=person, organisation=new_lead)
    real = submission.save_section

    def removed_first(**kwargs):
        teams.remove_member(membership=membership, by=other.user)
        return real(**kwargs)

    monkeypatch.setattr(submission, "save_section", removed_first)
    client.force_login(person)
    data = organisation_rows(
        [(new_lead.name, "", "lead"), (project.lead_organisation.name, "", "partner")]
    ) | {"organisation_description": "We run services."}
    response = save(client, project, "about-your-organisations", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The lead organisation must be one you belong to" in html
    assert "Only its members can edit" not in html  # the rows were fine when checked
    assert list(
        ProjectOrganisation.objects.filter(project=project).values_list("organisation", "role")
    ) == [(project.lead_organisation.pk, "lead")]
