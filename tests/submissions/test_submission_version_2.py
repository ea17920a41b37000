"""The form's questions from version 2 of the open data format: the summary (needed to submit,
400 characters at most, counted as people type, with the same plain-language hints), the
optional questions that never block, impact assessments as rows added and removed without
JavaScript, and organisation identifiers and contributions on the organisation rows."""

import datetime

import pytest
from django.utils.html import escape

from organisations.models import Organisation
from projects import services
from projects.models import ImpactAssessment
from projects.questions import QUESTIONS
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

from .submission import SECTION_1, impact_rows, organisation_rows, save, section_url, text_answers

pytestmark = pytest.mark.django_db

ABOUT = "about-your-project"
ORGANISATIONS = "about-your-organisations"
DOCUMENTING = "documenting-your-project"


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def member(project):
    return MembershipFactory(user=AccountFactory(), organisation=project.lead_organisation).user


@pytest.fixture
def client(client, member):
    client.force_login(member)
    return client


def page(client, project, slug) -> str:
    return client.get(section_url(project, slug)).content.decode()


# --- the summary ----------------------------------------------------------------------------


def test_the_summary_has_a_character_count_that_works_without_javascript(client, project):
    html = page(client, project, ABOUT)
    assert 'class="govuk-character-count" data-module="govuk-character-count"' in html
    assert 'data-maxlength="400"' in html
    # Without JavaScript the count's message is the hint; nothing typed is ever cut off.
    assert "You can enter up to 400 characters" in html
    textarea = html[html.index('name="summary"') - 200 : html.index('name="summary"') + 200]
    assert "maxlength" not in textarea
    assert escape(QUESTIONS["summary"].label) in html


def test_a_summary_over_400_characters_is_refused_and_kept(client, project):
    long = "A summary that goes on. " * 20  # 480 characters
    response = save(client, project, ABOUT, SECTION_1 | {"summary": long})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Shorten the summary to 400 characters or fewer (it is 479 characters)" in html
    assert escape(long.strip()) in html
    project.refresh_from_db()
    assert project.summary != long.strip()


def test_the_summary_is_needed_to_submit_but_not_to_save(client, project):
    response = save(client, project, ABOUT, SECTION_1 | {"summary": ""})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary == ""
    assert "summary" in project.problems()
    html = client.get(f"/projects/{project.pk}/check/").content.decode()
    assert "#id_summary" in html


def test_the_summary_gets_the_plain_language_hints(client, project):
    response = save(client, project, ABOUT, SECTION_1 | {"summary": "We use an LLM to sort mail."})
    html = client.get(response["Location"]).content.decode()
    assert "LLM" in html and "app-answer-advice" in html
    project.refresh_from_db()
    assert project.summary == "We use an LLM to sort mail."  # a hint, never a block


# --- optional questions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "key"),
    [
        (ABOUT, "frequency_and_scale"),
        (ABOUT, "previous_process"),
        ("mitigating-harms", "alternatives_considered"),
    ],
)
def test_optional_questions_say_so_and_never_block(client, project, slug, key):
    html = page(client, project, slug)
    assert escape(QUESTIONS[key].label) in html and "(optional)" in QUESTIONS[key].label
    data = SECTION_1 if slug == ABOUT else text_answers(slug)
    response = save(client, project, slug, {**data, key: ""})
    assert response.status_code == 302
    project.refresh_from_db()
    assert getattr(project, key) == ""
    assert key not in project.problems()


def test_optional_answers_are_saved(client, project):
    save(client, project, ABOUT, SECTION_1 | {"frequency_and_scale": "Daily, for 3,000 homes."})
    project.refresh_from_db()
    assert project.frequency_and_scale == "Daily, for 3,000 homes."


# --- impact assessments ---------------------------------------------------------------------

DPIA = {
    "name": "Data protection impact assessment",
    "completed_on": ("14", "3", "2025"),
    "url": "https://example.org/dpia",
    "summary": "Low risk.",
}


def test_impact_assessments_start_with_none_and_a_button_to_add_one(client, project):
    html = page(client, project, DOCUMENTING)
    assert escape(QUESTIONS["impact_assessments"].label) in html
    assert 'name="impact-TOTAL_FORMS" value="0"' in html
    assert 'name="add_row" value="impact"' in html and "Add an impact assessment" in html


def test_adding_a_row_keeps_everything_typed_and_saves_nothing(client, project):
    data = text_answers(DOCUMENTING) | impact_rows([DPIA]) | {"add_row": "impact"}
    html = save(client, project, DOCUMENTING, data).content.decode()
    for label in ["Name of the assessment", "Date completed (optional)", "Public link (optional)"]:
        assert label in html
    assert 'name="impact-1-name"' in html
    assert 'value="Data protection impact assessment"' in html
    assert 'value="14"' in html and 'value="2025"' in html
    assert not ImpactAssessment.objects.exists()


def test_rows_are_saved_in_order_and_removed(client, project):
    eqia = {"name": "Equality impact assessment", "completed_on": ("", "", ""), "url": ""}
    response = save(
        client, project, DOCUMENTING, text_answers(DOCUMENTING) | impact_rows([DPIA, eqia])
    )
    assert response.status_code == 302
    saved = list(project.impact_assessments.all())
    assert [(a.name, a.completed_on, a.url) for a in saved] == [
        (
            "Data protection impact assessment",
            datetime.date(2025, 3, 14),
            "https://example.org/dpia",
        ),
        ("Equality impact assessment", None, ""),
    ]
    html = page(client, project, DOCUMENTING)
    assert 'value="Equality impact assessment"' in html
    data = text_answers(DOCUMENTING) | impact_rows([DPIA, eqia]) | {"remove_row": "0"}
    html = save(client, project, DOCUMENTING, data).content.decode()
    assert "Data protection impact assessment" not in html
    assert 'name="impact-1-name"' not in html


def test_an_empty_row_is_left_out(client, project):
    blank = {"name": "", "completed_on": ("", "", ""), "url": "", "summary": ""}
    response = save(client, project, DOCUMENTING, text_answers(DOCUMENTING) | impact_rows([blank]))
    assert response.status_code == 302
    assert not project.impact_assessments.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "", "url": "https://example.org/x"}, "Enter the name of impact assessment 1"),
        (
            {"name": "DPIA", "url": "http://example.org/x"},
            "Enter a web address that starts with https://",
        ),
        (
            {"name": "DPIA", "completed_on": ("31", "2", "2025")},
            "Enter a real date, like 27 3 2025",
        ),
        ({"name": "DPIA", "completed_on": ("1", "", "2025")}, "Enter the day, month and year"),
        (
            {"name": "DPIA", "completed_on": ("1", "1", str(datetime.date.today().year + 1))},
            "The date DPIA was completed must be today or in the past",
        ),
    ],
)
def test_a_row_that_is_not_whole_is_named_and_kept(client, project, row, message):
    response = save(client, project, DOCUMENTING, text_answers(DOCUMENTING) | impact_rows([row]))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "govuk-error-summary" in html
    assert not project.impact_assessments.exists()


# --- organisation identifiers and contributions ---------------------------------------------


def test_organisation_rows_ask_for_identifiers_and_contribution(client, project):
    html = page(client, project, ORGANISATIONS)
    for label in [
        "Companies House number (optional)",
        "Charity number (optional)",
        "NHS organisation code (optional)",
        "What does this organisation do in the project? (optional)",
    ]:
        assert label in html, label


def rows_with(lead, *others):
    data = organisation_rows([lead[:3], *(other[:3] for other in others)])
    for index, row in enumerate([lead, *others]):
        if len(row) > 3:
            for key, value in row[3].items():
                data[f"organisations-{index}-{key}"] = value
    return data | {"organisation_description": "We run services."}


def test_identifiers_are_tidied_and_kept_on_the_version_until_published(client, project, member):
    lead = project.lead_organisation
    data = rows_with(
        (lead.name, "", "lead", {"ods_code": " rbq "}),
        (
            "Example Analytics Ltd",
            "commercial",
            "supplier",
            {"companies_house_number": "1234567", "contribution": "Builds the model."},
        ),
    ) | {"mission_statement": ""}
    OrganisationFactory(name="Example Analytics Ltd", type="commercial", mission_statement="M.")
    response = save(client, project, ORGANISATIONS, data)
    assert response.status_code == 302, response.content.decode()
    lead.refresh_from_db()
    assert lead.ods_code == ""  # not before a moderator publishes the version
    assert project.project_organisations.get(organisation=lead).ods_code == "RBQ"
    supplier = Organisation.objects.get(name="Example Analytics Ltd")
    assert supplier.companies_house_number == ""
    link = project.project_organisations.get(organisation=supplier)
    assert link.contribution == "Builds the model."
    assert link.companies_house_number == "01234567"  # a gap anyone may fill
    html = page(client, project, ORGANISATIONS)
    assert 'value="01234567"' in html and "Builds the model." in html
    assert 'value="RBQ"' in html

    project.refresh_from_db()
    services.declare_and_submit(project=project, user=member, declared=True)
    services.publish_project(project=project, moderator=ModeratorFactory())
    lead.refresh_from_db()
    supplier.refresh_from_db()
    assert (lead.ods_code, supplier.companies_house_number) == ("RBQ", "01234567")


def test_an_identifier_of_the_wrong_shape_is_named(client, project):
    lead = project.lead_organisation
    data = rows_with((lead.name, "", "lead", {"charity_number": "12"}))
    html = save(client, project, ORGANISATIONS, data).content.decode()
    assert "Enter a charity number of 4 to 12 letters, digits or hyphens" in html
    assert 'value="12"' in html


def test_only_members_change_another_organisations_identifier(client, project):
    other = OrganisationFactory(name="Sefton Example Trust", charity_number="1123456")
    data = rows_with(
        (project.lead_organisation.name, "", "lead"),
        (other.name, "", "partner", {"charity_number": "7654321"}),
    )
    html = save(client, project, ORGANISATIONS, data).content.decode()
    assert "Only members of Sefton Example Trust can change its charity number" in html
    other.refresh_from_db()
    assert other.charity_number == "1123456"


# --- records published before version 2 -----------------------------------------------------


def test_a_new_version_of_an_old_record_asks_for_the_summary(client, member):
    old = PublishedProjectFactory(summary="")
    old.lead_organisation.memberships.create(user=member)
    draft = services.start_new_version(project=old, user=member)
    html = client.get(f"/projects/{draft.pk}/").content.decode()
    assert "You have completed 6 of 7 sections" in html
    response = client.post(f"/projects/{draft.pk}/check/", {"declaration": "on"})
    assert "Enter a summary of the project for residents" in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication_state == "draft"
