"""One project's page: the whole record in the guide's sections, people, AI, contest, Charter."""

import html

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from projects.models import PublicationState, ResponsiblePerson
from projects.questions import ANSWER_KEYS, SECTIONS
from projects.services import withdraw_project
from tests.factories import AIProjectFactory, OrganisationFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def project():
    lead = OrganisationFactory(
        name="Wirral Council", is_signatory=True, signed_on=timezone.datetime(2025, 7, 3).date()
    )
    project = AIProjectFactory(
        title="Fire visits",
        ai_kinds=["predictive_model", "chatbot"],
        ai_decision_role="supports_human_decision",
        with_organisation=lead,
        **{key: f"The answer to {key}." for key in ANSWER_KEYS},
    )
    supplier = OrganisationFactory(name="Data Ltd", type="commercial", mission_statement="Help.")
    project.project_organisations.create(organisation=supplier, role="supplier", position=1)
    ResponsiblePerson.objects.create(
        project=project,
        name="Ré Ñandú",
        job_title="Data Scientist",
        organisation="Data Ltd",
        contact="0151 000 0000",
        duties=["correcting", "monitoring"],
        position=1,
    )
    return project


def test_every_section_question_and_answer_is_shown(client, project):
    page = text(client.get(f"/register/{project.slug}/"))

    for section in SECTIONS:
        assert section.title in page
        for question in section.questions:
            assert question.label in page, question.key
    for key in ANSWER_KEYS:
        assert f"The answer to {key}." in page


def test_the_ai_panel_and_the_people_responsible_come_before_the_full_record(client, project):
    page = text(client.get(f"/register/{project.slug}/"))
    record = page.index("The full record")

    assert strip_tags(page).index("Uses AI") < strip_tags(page).index("The full record")
    assert page.index("A predictive model, A chatbot or virtual assistant") < record
    assert page.index("It supports a person who makes the decision") < record
    for shown in [
        "Alex Example",
        "Head of Data",
        "data@example.org",
        "Accountable, Contact for the public",
        "Ré Ñandú",
        "Data Scientist",
        "0151 000 0000",
        "Correcting and updating algorithms, Monitoring",
    ]:
        assert page.index(shown) < record, shown
    assert page.index("How to question or challenge this project") < record
    assert page.index("The answer to contest.") < record


def test_organisations_with_type_role_and_whether_they_signed(client, project):
    page = text(client.get(f"/register/{project.slug}/"))

    assert "Wirral Council" in page and "Public service" in page and "Lead" in page
    assert "Signed the Charter on 3 July 2025" in page
    assert "Data Ltd" in page and "Commercial" in page and "Supplier" in page


def test_dates_and_version(client, project):
    page = text(client.get(f"/register/{project.slug}/"))

    published = project.published_at.astimezone(timezone.get_current_timezone())
    assert f"Version 1, published {published.day} {published:%B %Y}." in page
    assert "Last updated" in page
    assert f"{project.next_review_due.day} {project.next_review_due:%B %Y}" in page


def test_how_the_project_meets_each_of_the_eleven_principles(client, project):
    page = text(client.get(f"/register/{project.slug}/"))
    charter = page[page.index("How this project meets the Charter</h2>") :]

    for number in range(1, 12):
        assert f"Principle {number}:" in charter
    assert charter.index("Principle 10: ") < charter.index(
        "How might your project impact employment?"
    )
    assert 'href="#answer-employment_impact"' in charter


def test_a_project_without_ai_says_so(client):
    project = ProjectFactory(
        publication_state=PublicationState.PUBLISHED,
        published_at=timezone.now(),
        first_published_at=timezone.now(),
    )

    page = text(client.get(f"/register/{project.slug}/"))

    assert "This project does not use AI." in page
    assert "Uses AI" not in page.replace("Projects that use AI are tagged", "")


def test_a_withdrawn_project_says_when_and_why_and_leaves_the_list(client, project):
    withdraw_project(project=project, moderator=UserFactory(), reason="The pilot ended early.")

    page = text(client.get(f"/register/{project.slug}/"))

    assert "This project was withdrawn from the register on" in page
    assert "The pilot ended early." in page
    assert "Fire visits" not in text(client.get("/register/"))


@pytest.mark.parametrize("state", [PublicationState.DRAFT, PublicationState.SUBMITTED])
def test_unpublished_and_unknown_projects_are_not_found_in_the_same_design(client, state):
    draft = ProjectFactory(publication_state=state)

    for path in [f"/register/{draft.slug}/", "/register/no-such-project/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "Page not found" in text(response)
        assert "Liverpool City Region Charter Register" in text(response)


def test_user_text_on_the_project_page_is_escaped(client):
    project = AIProjectFactory(
        title="<script>alert(1)</script>", contest="<img src=x onerror=alert(1)>"
    )

    page = client.get(f"/register/{project.slug}/").content.decode()

    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
