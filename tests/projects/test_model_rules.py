import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import ProjectOrganisation, ResponsiblePerson
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_complete_project_has_no_problems():
    assert ProjectFactory().problems() == {}


def test_every_answer_is_needed():
    project = ProjectFactory(harm_mitigation="  ", contest="")
    problems = project.problems()
    assert set(problems) == {"harm_mitigation", "contest"}
    assert "If you are not sure, say so and why" in problems["contest"]


def test_not_sure_with_a_reason_is_an_answer():
    project = ProjectFactory(environmental_costs="Not sure yet: we are measuring energy use.")
    assert project.problems() == {}


def test_exactly_one_lead_organisation():
    project = ProjectFactory()
    ProjectOrganisation.objects.filter(project=project).update(role="partner")
    assert project.problems()["organisations"] == "Choose exactly one lead organisation"


def test_the_database_refuses_two_leads():
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectOrganisation.objects.create(
            project=project, organisation=OrganisationFactory(), role="lead"
        )


def test_exactly_one_accountable_person():
    project = ProjectFactory()
    ResponsiblePerson.objects.create(
        project=project,
        name="Sam Second",
        job_title="Director",
        organisation="Example",
        contact="director@example.org",
        duties=["accountable"],
    )
    assert project.problems()["responsible_people"] == "Name exactly one person who is accountable"


def test_someone_must_be_responsible():
    project = ProjectFactory(with_people=False)
    assert "responsible_people" in project.problems()


def test_commercial_organisation_needs_a_mission_statement():
    organisation = OrganisationFactory.build(type="commercial", mission_statement="")
    with pytest.raises(ValidationError) as error:
        organisation.clean()
    assert "mission_statement" in error.value.message_dict
    project = ProjectFactory(with_organisation=OrganisationFactory(type="commercial"))
    assert "mission_statement" in project.problems()


def test_ai_kinds_and_decision_role_required_when_ai_is_used():
    project = ProjectFactory(uses_ai=True, ai_kinds=[], ai_decision_role="")
    problems = project.problems()
    assert problems["ai_kinds"] == "Choose what kind of AI the project uses"
    assert "ai_decision_role" in problems


def test_ai_details_not_needed_when_ai_is_not_used():
    assert ProjectFactory(uses_ai=False, ai_kinds=[], ai_decision_role="").problems() == {}


def test_website_must_be_https():
    assert "website" in ProjectFactory(website="http://example.org").problems()


def test_problems_follow_the_guides_order():
    project = ProjectFactory(title="x", purpose="", contest="", inputs="")
    assert list(project.problems()) == ["purpose", "inputs", "contest"]
