"""The whole journey in Django's test client: sign up, confirm the address, start a project
for a new organisation, fill every section, check the answers, submit; then it is read-only."""

import re

import pytest
from django.core import mail

from organisations.models import Organisation
from projects.models import ModerationEvent, Project, PublicationState
from projects.questions import QUESTIONS, SECTIONS

from .submission import (
    ACCOUNTABLE,
    SECTION_1,
    organisation_rows,
    people_rows,
    save,
    section_url,
    text_answers,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def sign_up_and_confirm(client, email="sam@example.org"):
    client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    client.post(link)


def start_bins_project(client) -> Project:
    """Sign up and start the project "Bins" for a new organisation: the draft to work on."""
    sign_up_and_confirm(client)
    client.post(
        "/projects/new/",
        {
            "title": "Bins",
            "organisation": "new",
            "name": "New Org",
            "type": "voluntary",
            "description": "A charity.",
        },
    )
    return Project.objects.get()


def test_the_whole_journey(client):
    sign_up_and_confirm(client)
    assert "You have not started a project yet" in client.get("/projects/").content.decode()

    # Start a project for an organisation that is not in the directory yet.
    response = client.post(
        "/projects/new/",
        {
            "title": "Bin routes",
            "organisation": "new",
            "name": "Mersey Waste Analytics Ltd",
            "type": "commercial",
            "description": "We plan waste collection for councils.",
            "mission_statement": "Cleaner streets with fewer lorry miles.",
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/projects/{project.pk}/"
    organisation = Organisation.objects.get(name="Mersey Waste Analytics Ltd")
    assert not organisation.verified
    assert organisation.memberships.filter(user__email="sam@example.org").exists()

    # The task list: seven sections. Section 2 is already complete: the lead organisation was
    # described when it was added; section 1 has its title.
    page = client.get(f"/projects/{project.pk}/").content.decode()
    for section in SECTIONS:
        assert section.title in page
    assert "You have completed 1 of 7 sections" in page
    assert page.count("Not started") == 5
    assert page.count("In progress") == 1

    # Section 1: Save and continue goes on to section 2.
    response = save(client, project, "about-your-project", SECTION_1)
    assert response["Location"] == section_url(project, "about-your-organisations")

    # Section 2: the lead (ours) and a partner from the directory.
    council = Organisation.objects.create(name="Sefton Council", type="public_service")
    response = save(
        client,
        project,
        "about-your-organisations",
        organisation_rows(
            [
                ("Mersey Waste Analytics Ltd", "commercial", "lead"),
                ("sefton council", "", "partner"),
            ]
        )
        | {
            "organisation_description": "We plan waste collection for councils.",
            "mission_statement": "Cleaner streets with fewer lorry miles.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert [po.organisation for po in project.project_organisations.all()] == [
        organisation,
        council,
    ]

    # Sections 3 to 6: free text.
    for slug in [
        "documenting-your-project",
        "tracking-benefits",
        "mitigating-harms",
        "communicating-your-project",
    ]:
        response = save(client, project, slug, text_answers(slug))
        assert response.status_code == 302, response.content.decode()

    # Section 7: the responsible people.
    response = save(client, project, "declaration-of-responsibility", people_rows([ACCOUNTABLE]))
    assert response["Location"] == f"/projects/{project.pk}/check/"

    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "You have completed 7 of 7 sections" in page

    # Check your answers: every answer with a Change link.
    page = client.get(f"/projects/{project.pk}/check/").content.decode()
    for key, _question in QUESTIONS.items():
        if key != "declaration":
            assert f"#id_{key}" in page, key
    assert "Bin collection route planner" in page
    assert "Alex Jones" in page

    # Without the declaration, it is not submitted.
    response = client.post(f"/projects/{project.pk}/check/", {})
    assert response.status_code == 200
    assert "Confirm that the information is accurate" in response.content.decode()
    project.refresh_from_db()
    assert project.publication_state == PublicationState.DRAFT
    assert not project.declaration

    response = client.post(f"/projects/{project.pk}/check/", {"declaration": "on"})
    assert response["Location"] == f"/projects/{project.pk}/"
    project.refresh_from_db()
    assert project.publication_state == PublicationState.SUBMITTED
    assert project.declaration and project.declared_by.email == "sam@example.org"
    assert project.declared_at is not None
    assert project.submitted_by.email == "sam@example.org" and project.submitted_at
    assert ModerationEvent.objects.filter(
        project=project, to_state=PublicationState.SUBMITTED
    ).exists()

    # Read-only after submitting.
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Submitted" in page and "Change" not in page
    response = client.get(section_url(project, "tracking-benefits"))
    assert response["Location"] == f"/projects/{project.pk}/"
    before = project.lock_version
    response = save(client, project, "tracking-benefits", text_answers("tracking-benefits", "New"))
    project.refresh_from_db()
    assert project.lock_version == before
    assert project.benefit_who.startswith("Our plain answer")
    assert "govuk-tag--blue" in client.get("/projects/").content.decode()


def test_missing_answers_block_submission_with_links_to_the_sections(client):
    sign_up_and_confirm(client)
    organisation = Organisation.objects.create(
        name="Knowsley Council", type="public_service", description="A council."
    )
    organisation.memberships.create(user=organisation.members.model.objects.get())
    client.post("/projects/new/", {"title": "Half done", "organisation": str(organisation.pk)})
    project = Project.objects.get()
    save(client, project, "tracking-benefits", {"benefit_who": "Residents waiting for buses."})

    response = client.post(f"/projects/{project.pk}/check/", {"declaration": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert f'href="/projects/{project.pk}/sections/tracking-benefits/#id_benefit_evaluation"' in (
        html
    )
    assert "If you are not sure, say so and why" in html
    project.refresh_from_db()
    assert project.publication_state == PublicationState.DRAFT
    assert not project.declaration  # nothing is kept when submission is refused


def test_saving_a_section_with_blanks_is_allowed_and_leaves_it_in_progress(client):
    project = start_bins_project(client)
    response = save(client, project, "mitigating-harms", {"harms_who": "Drivers."}, button="later")
    assert response["Location"] == f"/projects/{project.pk}/"
    project.refresh_from_db()
    assert project.harms_who == "Drivers."
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert re.search(r"Mitigating harms.*?In progress", page, re.S)


def test_not_sure_with_a_reason_is_a_complete_answer(client):
    project = start_bins_project(client)
    answers = dict.fromkeys(
        text_answers("communicating-your-project"), "Not sure yet: we decide this after the pilot."
    )
    save(client, project, "communicating-your-project", answers)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert re.search(r"Communicating your project and outputs.*?Completed", page, re.S)


def test_uses_ai_yes_needs_the_kind_and_part_in_decisions(client):
    project = start_bins_project(client)
    data = {**SECTION_1, "ai_kinds": [], "ai_decision_role": "", "purpose": "Kept as typed."}
    response = save(client, project, "about-your-project", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose what kind of AI the project uses" in html
    assert "Choose what part the AI plays in decisions about people" in html
    assert "Kept as typed." in html  # every other answer is kept
    project.refresh_from_db()
    assert project.purpose == ""


def test_website_must_be_https_and_month_must_be_real(client):
    project = start_bins_project(client)
    data = {**SECTION_1, "website": "http://example.org", "start_date_0": "13"}
    html = save(client, project, "about-your-project", data).content.decode()
    assert "Enter a web address that starts with https://" in html
    assert "Enter a real month and year, like 4 2025" in html
    assert 'href="#id_start_date_0"' in html


def test_start_date_is_saved_as_a_month(client):
    project = start_bins_project(client)
    save(client, project, "about-your-project", SECTION_1)
    project.refresh_from_db()
    assert project.start_date.isoformat() == "2025-04-01"
    assert project.uses_ai is True
    html = client.get(section_url(project, "about-your-project")).content.decode()
    assert 'name="start_date_0"' in html and 'value="4"' in html
