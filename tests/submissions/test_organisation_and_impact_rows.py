"""Rows on the section pages: an organisation row with a role but no name, the same
organisation listed twice, and an impact assessment row that was saved and is now emptied."""

import datetime

import pytest

from projects.models import ImpactAssessment, ProjectOrganisation

from .submission import impact_rows, organisation_rows, save, text_answers

pytestmark = pytest.mark.django_db

ORGANISATIONS = "about-your-organisations"
DOCUMENTING = "documenting-your-project"


def organisations(rows):
    return organisation_rows(rows) | {"organisation_description": "We run services."}


def lead_only(project):
    return list(
        ProjectOrganisation.objects.filter(project=project).values_list("organisation", "role")
    ) == [(project.lead_organisation.pk, "lead")]


def test_a_row_with_a_role_but_no_name_asks_for_the_name(client, project):
    data = organisations([(project.lead_organisation.name, "", "lead"), ("", "", "partner")])
    html = save(client, project, ORGANISATIONS, data).content.decode()
    assert "Enter the organisation&#x27;s name" in html
    assert lead_only(project)


def test_the_same_organisation_listed_twice_is_refused(client, project):
    lead = project.lead_organisation.name
    data = organisations([(lead, "", "lead"), (f"  {lead.upper()} ", "", "partner")])
    response = save(client, project, ORGANISATIONS, data)
    assert response.status_code == 200
    assert "List each organisation once" in response.content.decode()
    assert lead_only(project)


def test_an_impact_assessment_emptied_on_the_page_is_removed(client, project):
    ImpactAssessment.objects.create(
        project=project, name="DPIA", completed_on=datetime.date(2025, 3, 1), position=0
    )
    page = client.get(f"/projects/{project.pk}/sections/{DOCUMENTING}/").content.decode()
    assert 'name="impact-INITIAL_FORMS" value="1"' in page
    emptied = impact_rows([{"name": "", "completed_on": ("", "", ""), "url": "", "summary": ""}])
    data = text_answers(DOCUMENTING) | emptied | {"impact-INITIAL_FORMS": "1"}
    response = save(client, project, DOCUMENTING, data)
    assert response.status_code == 302
    assert not project.impact_assessments.exists()
