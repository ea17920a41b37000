"""The form follows docs/spec/submission-form.md: every key is a field name, the guide's
question is the label word for word and its sub-bullets the hint, sections in the guide's order."""

import pytest
from django.utils.html import escape

from projects.questions import SECTIONS, Kind
from tests.factories import AccountFactory, MembershipFactory, ProjectFactory

from .submission import section_url

pytestmark = pytest.mark.django_db


def shown(text, html):
    """``text`` is on the page, word for word (whether or not its apostrophes are escaped)."""
    return text in html or escape(text) in html


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def client(client, project):
    member = MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation)
    client.force_login(member.user)
    return client


def test_every_question_is_a_field_named_by_its_key_with_the_guides_words(client, project):
    for section in SECTIONS:
        html = client.get(section_url(project, section.slug)).content.decode()
        assert escape(section.title) in html
        for question in section.questions:
            if question.kind == Kind.DECLARATION:
                continue  # ticked on the check answers page
            assert shown(question.label, html), question.key
            if question.hint:
                assert shown(question.hint, html), question.key
            if question.kind == Kind.MONTH:
                assert f'name="{question.key}_0"' in html and f'name="{question.key}_1"' in html
            elif question.kind == Kind.IMPACT_ASSESSMENTS:
                assert 'name="impact-TOTAL_FORMS"' in html
            elif question.kind not in (Kind.ORGANISATIONS, Kind.PEOPLE):
                assert f'name="{question.key}"' in html, question.key


def test_the_task_list_lists_the_sections_in_the_guides_order(client, project):
    html = client.get(f"/projects/{project.pk}/").content.decode()
    positions = [html.index(escape(section.title)) for section in SECTIONS]
    assert positions == sorted(positions)
    assert "govuk-task-list" in html


def test_the_declaration_is_on_the_check_answers_page(client, project):
    from projects.questions import QUESTIONS

    html = client.get(f"/projects/{project.pk}/check/").content.decode()
    assert escape(QUESTIONS["declaration"].label) in html
    assert 'name="declaration"' in html
    assert "Submit for review" in html
