"""What counts as an answer is one rule, kept twice only because one side runs in Python on a
loaded project (``Project.is_answered``: the project page's Charter panel, the open data
record's evidence) and the other in the database (``answered``: the register's principle
filter). These tests hold the two to the same answer for every question."""

import pytest

from projects.models import Project, ProjectOrganisation, answered
from projects.questions import QUESTIONS, Kind
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)


def _blank_project():
    """Nothing answered: blank texts, empty lists, no organisations or people."""
    project = ProjectFactory(
        uses_ai=None,
        status="",
        areas=[],
        topics=[],
        start_date=None,
        website="",
        declaration=False,
        with_people=False,
    )
    ProjectOrganisation.objects.filter(project=project).delete()
    Project.objects.filter(pk=project.pk).update(
        **{
            key: ""
            for key, question in QUESTIONS.items()
            # The lead organisation's texts are the version's own (section 2) too.
            if question.kind in (*TEXT_KINDS, Kind.ORGANISATION_TEXT)
        }
    )
    return Project.objects.get(pk=project.pk)


@pytest.fixture
def projects():
    complete = ProjectFactory(
        with_organisation=OrganisationFactory(type="commercial", mission_statement="To help.")
    )
    not_ai = ProjectFactory(uses_ai=False)  # "No" is an answer
    no_description = ProjectFactory(with_organisation=OrganisationFactory(description=""))
    blank = _blank_project()
    return [complete, not_ai, no_description, blank]


@pytest.mark.parametrize("key", list(QUESTIONS))
def test_python_and_the_database_agree_on_what_is_answered(key, projects):
    in_python = {project.pk for project in projects if project.is_answered(key)}
    in_the_database = set(
        Project.objects.filter(answered(key), pk__in=[p.pk for p in projects]).values_list(
            "pk", flat=True
        )
    )
    assert in_python == in_the_database


def test_a_blank_project_answers_nothing(projects):
    blank = projects[-1]
    assert not [key for key in QUESTIONS if blank.is_answered(key)]


def test_no_is_an_answer_but_an_unticked_declaration_is_not():
    project = ProjectFactory(uses_ai=False, declaration=False)
    assert project.is_answered("uses_ai")
    assert not project.is_answered("declaration")
