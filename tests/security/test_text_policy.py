"""One text policy at every way in: the forms, the importer, the admin (the models' full_clean).

Control characters, text direction overrides, line breaks in one-line text, titles and names
without a visible letter, and text over its limit are refused with one GOV.UK-style message next
to the field; nothing is saved. Organisation names that only look like one in the directory are
offered the existing organisation instead of becoming a second one.
"""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError

from concerns.models import Concern
from opendata.importer import InvalidDocument, import_document
from organisations.models import Organisation
from projects.models import Project, PublicationState, ResponsiblePerson
from projects.questions import SECTIONS
from tests.documents import document, record
from tests.factories import OrganisationFactory, PublishedProjectFactory

from .world import MODERATOR, OWNER, STAFF, snapshot

pytestmark = pytest.mark.django_db

HIDDEN = "must not include hidden characters, like control characters or text direction overrides"

TITLES = {
    "controls": ("Bus\x1b\x07\x7f times", f"Project title {HIDDEN}"),
    "vertical_tab": ("Bus\x0b times", "Project title must be on one line, without tabs or line"),
    "header_injection": (
        "Line1\r\nBcc: everyone@example.org",
        "Project title must be on one line, without tabs or line breaks",
    ),
    "zero_width_only": ("\u200b\u200b\u200d", "Project title must include letters or numbers"),
    "right_to_left_override": ("invoice\u202efdp.exe", f"Project title {HIDDEN}"),
    "isolate": ("a\u2066b\u2069", f"Project title {HIDDEN}"),
    "too_long": ("x" * 201, "Project title must be 200 characters or fewer (it is 201)"),
}


def page(response) -> str:
    return html.unescape(response.content.decode())


def post_section(client, project, slug: str, data: dict):
    return client.post(
        f"/projects/{project.pk}/sections/{slug}/",
        {"lock_version": project.lock_version, "continue": "1", **data},
    )


# --- the submission journey ------------------------------------------------------------------


@pytest.mark.parametrize(("value", "message"), TITLES.values(), ids=TITLES.keys())
def test_a_title_the_policy_refuses_gets_one_message_and_saves_nothing(world, value, message):
    before = snapshot()
    response = post_section(
        world.client_for(OWNER), world.draft, SECTIONS[0].slug, {"title": value}
    )
    assert response.status_code == 200
    text = page(response)
    assert text.count(message) == 2  # in the error summary and next to the field
    assert snapshot() == before


@pytest.mark.parametrize(("value", "message"), TITLES.values(), ids=TITLES.keys())
def test_starting_a_project_applies_the_same_rule(world, value, message):
    before = snapshot()
    response = world.client_for(OWNER).post(
        "/projects/new/", {"title": value, "organisation": str(world.owner_org.pk)}
    )
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot() == before


def test_the_form_states_every_limit(world):
    response = world.client_for(OWNER).get(
        f"/projects/{world.draft.pk}/sections/{SECTIONS[0].slug}/"
    )
    text = page(response)
    assert "Up to 200 characters." in text  # the title
    assert "Up to 400 words (5,000 characters)." in text  # each answer


def test_a_long_answer_has_a_character_ceiling_as_well_as_the_word_limit(world):
    before = snapshot()
    response = post_section(
        world.client_for(OWNER), world.draft, SECTIONS[0].slug, {"purpose": "A" * 1_000_000}
    )
    assert response.status_code in (200, 400)  # 400: over the request body limit
    if response.status_code == 200:
        assert "This answer must be 5,000 characters or fewer (it is 1,000,000)" in page(response)
    assert snapshot() == before
    response = post_section(
        world.client_for(OWNER), world.draft, SECTIONS[0].slug, {"purpose": "A" * 5001}
    )
    assert "This answer must be 5,000 characters or fewer (it is 5,001)" in page(response)


def test_long_answers_keep_their_paragraphs_and_are_stored_in_nfc(world):
    project = world.draft
    response = post_section(
        world.client_for(OWNER),
        project,
        SECTIONS[0].slug,
        {"title": "Cafe\u0301 opening times", "purpose": "First.\r\n\r\n\tSecond."},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Caf\u00e9 opening times"
    assert project.purpose == "First.\r\n\r\n\tSecond."


def people_section(project, **person):
    data = {
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-name": "Alex Example",
        "people-0-job_title": "Head of Data",
        "people-0-organisation": "Owning Borough Council",
        "people-0-contact": "data@example.org",
        "people-0-duties": ["accountable", "contact"],
    }
    data.update({f"people-0-{key}": value for key, value in person.items()})
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "\u200b", "Full name must include letters or numbers"),
        ("name", "Alex\x1b[31m", f"Full name {HIDDEN}"),
        ("job_title", "Head\r\nof data", "Job title must be on one line, without tabs or line"),
        ("contact", "data@example.org\u202e", f"Public contact {HIDDEN}"),
        ("organisation", "x" * 201, "Organisation must be 200 characters or fewer (it is 201)"),
    ],
)
def test_responsible_people_follow_the_policy(world, field, value, message):
    before = snapshot()
    section = next(s for s in SECTIONS if s.slug == "declaration-of-responsibility")
    response = post_section(
        world.client_for(OWNER),
        world.draft,
        section.slug,
        people_section(world.draft, **{field: value}),
    )
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot() == before


# --- organisation names that only look like another -------------------------------------------


@pytest.mark.parametrize(
    "look_alike",
    [
        "Other Borough C\u043euncil",  # a Cyrillic o
        "Other Borough Coun\u200bcil",  # a zero-width space
        "\u041ether Borough Council",  # a Cyrillic capital O
        "Other Boroug\u04bb Council",  # a Cyrillic shha for h
    ],
)
def test_a_look_alike_new_organisation_is_offered_the_existing_one(world, look_alike):
    before = snapshot()
    response = world.client_for(OWNER).post(
        "/projects/new/",
        {
            "title": "A new project",
            "organisation": "new",
            "name": look_alike,
            "type": "council",
            "description": "A council.",
        },
    )
    assert response.status_code == 200
    assert (
        f"{look_alike} looks the same as Other Borough Council, which is already in the "
        "directory. Enter Other Borough Council to choose it"
    ) in page(response)
    assert snapshot() == before


@pytest.mark.parametrize("same", ["other borough council", "OTHER  BOROUGH\u00a0COUNCIL"])
def test_the_same_name_in_other_case_or_spacing_is_the_existing_organisation(world, same):
    response = world.client_for(OWNER).post(
        "/projects/new/",
        {
            "title": "A new project",
            "organisation": "new",
            "name": same,
            "type": "council",
            "description": "A council.",
        },
    )
    # It is the organisation on the register: the person asks to join it (issue 15).
    from organisations.models import JoinRequest, Organisation

    assert response.status_code == 302
    assert JoinRequest.objects.filter(user=world.owner, organisation=world.other_org).exists()
    assert not Organisation.objects.filter(name__iexact=same).exclude(pk=world.other_org.pk)


def organisation_rows(world, name: str) -> dict:
    return {
        "organisations-TOTAL_FORMS": "2",
        "organisations-INITIAL_FORMS": "0",
        "organisations-0-name": world.owner_org.name,
        "organisations-0-role": "lead",
        "organisations-1-name": name,
        "organisations-1-type": "council",
        "organisations-1-role": "partner",
        "organisation_description": "A council.",
    }


def test_a_look_alike_partner_row_is_offered_the_existing_organisation(world):
    before = snapshot()
    response = post_section(
        world.client_for(OWNER),
        world.draft,
        "about-your-organisations",
        organisation_rows(world, "Other Borough Counci\u04cf"),  # a Cyrillic palochka for l
    )
    assert response.status_code == 200
    assert "which is already in the directory. Enter Other Borough Council to choose it" in page(
        response
    )
    assert snapshot() == before


def test_the_directory_finds_look_alikes_by_their_key(db):
    acme = OrganisationFactory(name="Acme Data Trust")
    for name in (
        "ACME DATA TRUST",
        "Acme\u00a0Data Trust",
        "\u0410cme Data Trust",
    ):
        assert list(Organisation.objects.by_name(name)) == [acme], name
    assert list(Organisation.objects.by_name("Acm\u0435 Data")) == []


# --- the admin: the models' full_clean ----------------------------------------------------------


def test_the_admin_refuses_a_look_alike_organisation(world):
    client = world.client_for(STAFF)
    before = Organisation.objects.count()
    response = client.post(
        "/admin/organisations/organisation/add/",
        {
            "name": "Other B\u043erough Council",
            "slug": "other-borough-council-2",
            "type": "council",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Other Borough Council is already in the directory" in page(response)
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("model", "field", "value", "message"),
    [
        (Project, "title", "a\u202eb", f"Project title {HIDDEN}"),
        (Project, "purpose", "x" * 5001, "This answer must be 5,000 characters or fewer"),
        (ResponsiblePerson, "name", "\u2060", "Full name must include letters or numbers"),
        (Organisation, "mission_statement", "\x1b", f"The mission statement {HIDDEN}"),
        (Concern, "public_response", "\x07", f"The answer {HIDDEN}"),
    ],
)
def test_full_clean_applies_the_policy_with_the_same_message(world, model, field, value, message):
    instance = {
        Project: lambda: Project.objects.get(pk=world.published.pk),
        ResponsiblePerson: lambda: world.published.responsible_people.first(),
        Organisation: lambda: Organisation.objects.get(pk=world.owner_org.pk),
        Concern: lambda: Concern.objects.get(pk=world.concern.pk),
    }[model]()
    setattr(instance, field, value)
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    messages = refused.value.message_dict[field]
    assert len(messages) == 1
    assert messages[0].startswith(message)


def test_full_clean_stores_text_normalised(world):
    project = Project.objects.get(pk=world.published.pk)
    project.title = "  Cafe\u0301  "
    project.full_clean()
    assert project.title == "Caf\u00e9"


# --- the importer: record, field and problem ---------------------------------------------------


@pytest.mark.parametrize(("value", "message"), TITLES.values(), ids=TITLES.keys())
def test_the_importer_names_the_record_field_and_problem(db, value, message):
    if len(value) > 200:  # the register format's schema says how long a title may be
        message = "is too long"
    before = Project.objects.count()
    with pytest.raises(InvalidDocument) as refused:
        import_document(document(record("bus-times", title=value)))
    (problem,) = [p for p in refused.value.problems if p.field == "title"]
    assert problem.project == 'project 1 (id "bus-times")'
    assert message in problem.message
    assert Project.objects.count() == before


def test_the_importer_refuses_hidden_characters_in_nested_texts(db):
    data = record("bus-times")
    data["responsible_people"][0]["job_title"] = "Lead\x1b"
    data["organisations"][0]["description"] = "A council\u202e"
    with pytest.raises(InvalidDocument) as refused:
        import_document(document(data))
    fields = {problem.field for problem in refused.value.problems}
    assert fields == {"responsible_people[0].job_title", "organisations[0].description"}


def test_the_importer_refuses_hidden_characters_in_version_2_rows(db):
    data = record("bus-times")
    data["organisations"][1]["contribution"] = "Builds the model"
    data["impact_assessments"][0]["summary"] = "Low risk‮"
    data["impact_assessments"][1]["name"] = "​"
    before = Project.objects.count()
    with pytest.raises(InvalidDocument) as refused:
        import_document(document(data))
    problems = {problem.field: problem.message for problem in refused.value.problems}
    assert problems == {
        "organisations[1].contribution": f"What the organisation does in the project {HIDDEN}",
        "impact_assessments[0].summary": f"What it found {HIDDEN}",
        "impact_assessments[1].name": "The name of the assessment must include letters or numbers",
    }
    assert Project.objects.count() == before


def test_an_imported_look_alike_organisation_is_the_one_in_the_directory(db):
    existing = OrganisationFactory(name="Wirral Council")
    data = record("bus-times")
    data["organisations"][0]["name"] = "W\u0456rral Counc\u0456l"  # Cyrillic i
    import_document(document(data))
    project = Project.objects.get(slug="bus-times", publication_state=PublicationState.PUBLISHED)
    assert project.lead_organisation == existing
    assert not Organisation.objects.filter(name__startswith="W\u0456").exists()


def test_text_saved_before_the_policy_still_shows_everywhere(client, db):
    """Stored text the policy would now refuse never breaks a page, the feed or an export."""
    project = PublishedProjectFactory(
        slug="old-text",
        title="Old\x0b\x1b\x07 title\r\nBcc: x@example.org \u202e",
        purpose='=HYPERLINK("http://evil.example")\x07?',
    )
    for url in (
        project.get_absolute_url(),
        "/register/",
        "/feed/",
        "/register.csv",
        "/register.json",
        f"/register/{project.slug}.json",
        "/api/projects/",
        f"/api/projects/{project.slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


# --- staff and residents: the moderation actions and the question form --------------------------


@pytest.mark.parametrize(
    ("action", "field", "message"),
    [
        ("moderation:withdraw", "reason", f"The reason for withdrawing {HIDDEN}"),
        ("moderation:request_changes", "message", f"What needs to change {HIDDEN}"),
    ],
)
def test_moderation_texts_follow_the_policy(world, action, field, message):
    from django.urls import reverse

    project = world.published if action == "moderation:withdraw" else world.submitted
    before = snapshot()
    response = world.client_for(MODERATOR).post(
        reverse(action, args=[project.pk]), {field: "The project\u202e ended\x07"}
    )
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot() == before


def test_a_residents_message_follows_the_policy(world, client):
    before = Concern.objects.count()
    response = client.post(
        f"/register/{world.published.slug}/ask/",
        {"kind": "question", "message": "Who \x1b[2Jcan see my data?"},
    )
    assert response.status_code == 200
    assert f"Your message {HIDDEN}" in page(response)
    assert Concern.objects.count() == before


# --- the team pages (issue 15) ---------------------------------------------------------------


@pytest.mark.parametrize(("max_length", "value"), [(200, "Head\r\nof data"), (2000, "Hi\u202e")])
def test_team_texts_follow_the_policy(max_length, value):
    from organisations.forms import text_field

    field = text_field("Your message", max_length=max_length)
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("Your message must")
    assert field.clean(" Cafe\u0301 ") == "Caf\u00e9"
    with pytest.raises(ValidationError, match="characters or fewer"):
        field.clean("x" * (max_length + 1))


# --- version 2's rows: impact assessments and what each organisation does ---------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "\u200b\u200d"}, "The name of the assessment must include letters or numbers"),
        ({"name": "DPIA\x1b[31m"}, f"The name of the assessment {HIDDEN}"),
        ({"name": "DPIA", "summary": "Found\u202e nothing"}, f"What it found {HIDDEN}"),
        (
            {"name": "DPIA", "summary": "x" * 2001},
            "What it found must be 2,000 characters or fewer (it is 2,001)",
        ),
        ({"name": "DPIA", "url": "https://example.org/\u202ex"}, f"The public link {HIDDEN}"),
    ],
)
def test_impact_assessment_rows_follow_the_policy(world, row, message):
    from tests.submissions.submission import impact_rows, save, text_answers

    before = snapshot()
    response = save(
        world.client_for(OWNER),
        world.draft,
        "documenting-your-project",
        text_answers("documenting-your-project") | impact_rows([row]),
    )
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Builds\x07 the model", f"What the organisation does in the project {HIDDEN}"),
        (
            "x" * 1001,
            "What the organisation does in the project must be 1,000 characters or fewer "
            "(it is 1,001)",
        ),
    ],
)
def test_what_an_organisation_does_follows_the_policy(world, value, message):
    from tests.submissions.submission import organisation_rows, save

    before = snapshot()
    lead = world.draft.lead_organisation
    data = organisation_rows([(lead.name, "", "lead")]) | {
        "organisations-0-contribution": value,
        "organisation_description": "We run services.",
    }
    response = save(world.client_for(OWNER), world.draft, "about-your-organisations", data)
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot() == before


def test_the_models_refuse_hidden_characters_in_version_2_rows():
    from projects.models import ImpactAssessment, ProjectOrganisation

    project = PublishedProjectFactory()
    assessment = ImpactAssessment(project=project, name="DPIA\u202e", summary="ok")
    with pytest.raises(ValidationError) as error:
        assessment.full_clean()
    assert error.value.message_dict["name"] == [f"The name of the assessment {HIDDEN}"]
    link = ProjectOrganisation(
        project=project,
        organisation=OrganisationFactory(),
        role="partner",
        contribution="Funds\x00 it",
    )
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert error.value.message_dict["contribution"] == [
        f"What the organisation does in the project {HIDDEN}"
    ]
