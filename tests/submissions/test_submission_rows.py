"""Organisations and responsible people are repeatable rows, added and removed without
JavaScript: each button submits the page, which comes back with a row more or less and every
answer kept. Exactly one lead organisation; at most one accountable person when saving."""

import pytest

from organisations.models import Organisation
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory

from .submission import ACCOUNTABLE, organisation_rows, people_rows, save, section_url

pytestmark = pytest.mark.django_db

ORGANISATIONS = "about-your-organisations"
PEOPLE = "declaration-of-responsibility"


@pytest.fixture
def project():
    return ProjectFactory(with_people=False)


@pytest.fixture
def client(client, project):
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    return client


def test_organisation_rows_have_the_specs_labels(client, project):
    html = client.get(section_url(project, ORGANISATIONS)).content.decode()
    for label in ["Organisation name", "Organisation type", "Role in the project"]:
        assert label in html
    assert "Add another organisation" in html
    assert '<datalist id="organisation-directory">' in html


def test_add_another_organisation_keeps_what_was_typed(client, project):
    lead = project.lead_organisation.name
    data = organisation_rows([(lead, "", "lead")]) | {
        "organisation_description": "Typed but not saved",
        "add_row": "organisations",
    }
    html = save(client, project, ORGANISATIONS, data).content.decode()
    assert 'name="organisations-1-name"' in html
    assert 'value="Typed but not saved"' in html
    assert "govuk-error-summary" not in html
    project.lead_organisation.refresh_from_db()
    assert project.lead_organisation.description != "Typed but not saved"


def test_remove_takes_the_row_away(client, project):
    lead = project.lead_organisation.name
    data = organisation_rows([(lead, "", "lead"), ("Partner Ltd", "commercial", "partner")])
    html = save(client, project, ORGANISATIONS, data | {"remove_row": "1"}).content.decode()
    assert "Partner Ltd" not in html
    assert 'name="organisations-1-name"' not in html


def test_a_typed_in_organisation_is_added_to_the_directory_unverified(client, project):
    lead = project.lead_organisation.name
    data = organisation_rows([(lead, "", "lead"), ("Wirral Youth Trust", "voluntary", "funder")])
    response = save(client, project, ORGANISATIONS, data | {"organisation_description": "A."})
    assert response.status_code == 302
    trust = Organisation.objects.get(name="Wirral Youth Trust")
    assert not trust.verified and trust.type == "voluntary"
    assert project.project_organisations.get(organisation=trust).role == "funder"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("X", "other", "partner")], "Choose exactly one lead organisation"),
        ([("Someone Else Ltd", "commercial", "lead")], "must be one you belong to"),
        ([("New One", "", "partner")], "Choose what type of organisation New One is"),
    ],
)
def test_organisation_row_errors(client, project, rows, message):
    lead = project.lead_organisation.name
    if rows[0][2] != "lead":
        rows = rows + [(lead, "", "partner")]
    html = save(client, project, ORGANISATIONS, organisation_rows(rows)).content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert project.lead_organisation is not None


def test_lead_description_and_mission_statement_are_kept_on_the_version(client, project):
    """The organisation's public texts change only when a moderator publishes the version
    (tests/organisations/test_takeover_holes.py)."""
    lead = project.lead_organisation
    data = organisation_rows([(lead.name, "", "lead")]) | {
        "organisation_description": "We run buses.",
        "mission_statement": "Transport for all.",
    }
    save(client, project, ORGANISATIONS, data)
    project.refresh_from_db()
    assert project.answer("organisation_description") == "We run buses."
    assert project.answer("mission_statement") == "Transport for all."
    lead.refresh_from_db()
    assert lead.description == "A local council serving residents of the city region."


def test_people_rows_with_duties(client, project):
    html = client.get(section_url(project, PEOPLE)).content.decode()
    for label in ["Full name", "Job title", "Organisation", "Public contact", "Duties"]:
        assert label in html
    for duty in ["Accountable", "Correcting and updating algorithms", "Contact for the public"]:
        assert duty in html
    second = {**ACCOUNTABLE, "name": "Bea Smith", "duties": ["monitoring"]}
    response = save(client, project, PEOPLE, people_rows([ACCOUNTABLE, second]))
    assert response.status_code == 302
    assert [p.name for p in project.responsible_people.all()] == ["Alex Jones", "Bea Smith"]
    assert project.accountable_person.name == "Alex Jones"


def test_add_and_remove_people_without_javascript(client, project):
    data = people_rows([ACCOUNTABLE])
    html = save(client, project, PEOPLE, data | {"add_row": "people"}).content.decode()
    assert 'name="people-1-name"' in html and 'value="Alex Jones"' in html
    html = save(client, project, PEOPLE, data | {"remove_row": "0"}).content.decode()
    assert 'value="Alex Jones"' not in html


def test_only_one_person_can_be_accountable(client, project):
    two = people_rows([ACCOUNTABLE, {**ACCOUNTABLE, "name": "Bea Smith"}])
    html = save(client, project, PEOPLE, two).content.decode()
    assert "Name exactly one person who is accountable" in html
    assert not project.responsible_people.exists()


def test_missing_accountable_person_blocks_submission(client, project):
    save(client, project, PEOPLE, people_rows([{**ACCOUNTABLE, "duties": ["contact"]}]))
    html = client.post(f"/projects/{project.pk}/check/", {"declaration": "on"}).content.decode()
    assert "Name exactly one person who is accountable" in html
