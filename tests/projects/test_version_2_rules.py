"""The answer rules for what version 2 of the open data format added: the summary is needed to
submit and has a limit; impact assessments and the other new answers are optional, but each
assessment given must be whole."""

import datetime

import pytest

from projects import services
from projects.models import ImpactAssessment, ProjectOrganisation
from projects.questions import QUESTIONS, SECTIONS_BY_SLUG
from tests.factories import (
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_summary_is_needed_to_submit():
    problems = ProjectFactory(summary="  ").problems()
    assert problems == {
        "summary": "Enter a summary of the project for residents, in two or three sentences"
    }


def test_the_summary_is_400_characters_at_most():
    project = ProjectFactory()
    project.summary = "x" * 401  # in memory: the column itself holds 400 at most
    problems = project.problems()
    assert problems["summary"] == (
        "Shorten the summary to 400 characters or fewer (it is 401 characters)"
    )
    assert ProjectFactory(summary="x" * 400).problems() == {}


def test_the_summary_problem_comes_in_the_forms_order():
    problems = ProjectFactory(summary="", title="", contest="").problems()
    assert list(problems) == ["title", "summary", "contest"]


@pytest.mark.parametrize(
    "key", ["frequency_and_scale", "previous_process", "alternatives_considered"]
)
def test_optional_answers_never_block(key):
    assert not QUESTIONS[key].required
    assert QUESTIONS[key].label.endswith("(optional)")
    assert ProjectFactory(**{key: ""}).problems() == {}


def test_impact_assessments_are_optional():
    assert QUESTIONS["impact_assessments"].label.endswith("(optional)")
    assert ProjectFactory().problems() == {}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": " "}, "Enter the name of impact assessment 1"),
        (
            {"name": "DPIA", "url": "http://example.org/dpia"},
            "Enter a link for DPIA that starts with https://",
        ),
        (
            {"name": "DPIA", "completed_on": datetime.date.today() + datetime.timedelta(days=2)},
            "The date DPIA was completed must be today or in the past",
        ),
        ({"name": "DPIA", "summary": "x" * 2001}, "Shorten what DPIA found to 2000 characters"),
    ],
)
def test_each_impact_assessment_given_must_be_whole(row, message):
    project = ProjectFactory()
    ImpactAssessment.objects.create(project=project, **row)
    assert message in project.problems()["impact_assessments"]


def test_an_impact_assessment_evidences_its_principles():
    project = ProjectFactory()
    assert "impact_assessments" not in project.evidence()[7]
    ImpactAssessment.objects.create(project=project, name="Data protection impact assessment")
    project = type(project).objects.with_register_details().get(pk=project.pk)
    for number in (2, 6, 7, 9):
        assert "impact_assessments" in project.evidence()[number]


def test_a_record_from_before_version_2_falls_back_to_its_purpose():
    old = PublishedProjectFactory(summary="", purpose="What the project is for.")
    assert old.public_summary == "What the project is for."
    assert old.needs_summary
    new = PublishedProjectFactory(summary="For residents.")
    assert new.public_summary == "For residents."
    assert not new.needs_summary


def test_a_new_version_of_an_old_record_asks_for_a_summary():
    member = UserFactory()
    old = PublishedProjectFactory(summary="")
    old.lead_organisation.memberships.create(user=member)
    draft = services.start_new_version(project=old, user=member)
    assert "summary" in draft.problems()


def test_a_new_version_keeps_impact_assessments_and_contributions():
    member = UserFactory()
    published = PublishedProjectFactory()
    published.lead_organisation.memberships.create(user=member)
    ImpactAssessment.objects.create(
        project=published,
        name="Equality impact assessment",
        completed_on=datetime.date(2025, 2, 1),
        url="https://example.org/eqia",
        summary="No group is worse off.",
    )
    ProjectOrganisation.objects.create(
        project=published,
        organisation=OrganisationFactory(),
        role="supplier",
        contribution="Hosts the service.",
        position=1,
    )
    draft = services.start_new_version(project=published, user=member)
    assessment = draft.impact_assessments.get()
    assert (assessment.name, assessment.completed_on, assessment.url, assessment.summary) == (
        "Equality impact assessment",
        datetime.date(2025, 2, 1),
        "https://example.org/eqia",
        "No group is worse off.",
    )
    assert draft.project_organisations.get(role="supplier").contribution == "Hosts the service."
    assert published.impact_assessments.count() == 1


def test_saving_section_3_replaces_the_impact_assessments():
    member = UserFactory()
    project = ProjectFactory()
    project.lead_organisation.memberships.create(user=member)
    ImpactAssessment.objects.create(project=project, name="Old one")
    services.save_section(
        project=project,
        section=SECTIONS_BY_SLUG["documenting-your-project"],
        data={
            "impact_assessments": [
                {"name": " DPIA ", "completed_on": None, "url": "", "summary": ""},
                {"name": "EqIA", "completed_on": None, "url": "https://e.example", "summary": ""},
            ]
        },
        user=member,
        expected_lock_version=project.lock_version,
    )
    assert [(a.name, a.position) for a in project.impact_assessments.all()] == [
        ("DPIA", 0),
        ("EqIA", 1),
    ]


def test_what_changed_between_versions_names_impact_assessments_and_contributions():
    from projects.diff import version_changes

    member = UserFactory()
    published = PublishedProjectFactory()
    published.lead_organisation.memberships.create(user=member)
    draft = services.start_new_version(project=published, user=member)
    ImpactAssessment.objects.create(
        project=draft, name="Equality impact assessment", completed_on=datetime.date(2025, 2, 1)
    )
    draft.project_organisations.update(contribution="Runs it.")
    changes = {change.question.key: change for change in version_changes(published, draft)}
    assert (
        changes["impact_assessments"].new == "Equality impact assessment, completed 1 February 2025"
    )
    assert changes["organisations"].new.endswith(": Runs it.")


def test_impact_assessments_can_be_saved_as_the_open_data_format_has_them():
    """The ATRS import gives rows as records: "date" in ISO 8601 rather than a date."""
    member = UserFactory()
    project = ProjectFactory()
    project.lead_organisation.memberships.create(user=member)
    row = {"name": "DPIA", "date": "2025-03-14", "url": "https://e.example/d", "summary": None}
    services.save_section(
        project=project,
        section=SECTIONS_BY_SLUG["documenting-your-project"],
        data={"impact_assessments": [row]},
        user=member,
        expected_lock_version=project.lock_version,
    )
    assert [a.as_record() for a in project.impact_assessments.all()] == [row]
