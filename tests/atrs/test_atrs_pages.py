"""The ATRS pages as people use them: the crosswalk, record downloads, starting from a record."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from atrs import crosswalk
from atrs.export import atrs_workbook
from atrs.reading import MAX_UPLOAD_BYTES
from projects.models import Project
from projects.questions import SECTIONS_BY_SLUG
from projects.services import save_section
from tests.factories import (
    AIProjectFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)

from .records import record

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "govuk-content-api-record.json"


def test_the_crosswalk_page_shows_every_field_and_facet(client):
    response = client.get(reverse("atrs:crosswalk"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "How this register maps to the UK standard" in page
    for section, field in crosswalk.FIELDS:
        assert f'<code class="govuk-body-s">{field.name}</code>' in page, field.name
        assert section.title in page
    for facet in crosswalk.FACETS:
        assert facet.metadata_key in page
    assert page.count("Not asked by the Charter Register") == len(
        [f for _s, f in crosswalk.FIELDS if not f.keys]
    )


def test_open_data_page_and_record_pages_link_to_the_crosswalk(client):
    project = AIProjectFactory()
    crosswalk_url = reverse("atrs:crosswalk")
    assert crosswalk_url in client.get(reverse("open_data:open_data")).content.decode()
    page = client.get(project.get_absolute_url()).content.decode()
    assert crosswalk_url in page
    assert reverse("atrs:record_xlsx", kwargs={"slug": project.slug}) in page
    assert reverse("atrs:record_json", kwargs={"slug": project.slug}) in page


def test_a_published_record_downloads_as_an_atrs_workbook_and_json(client):
    project = AIProjectFactory(title="Pothole spotter")
    response = client.get(reverse("atrs:record_xlsx", kwargs={"slug": project.slug}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (f'attachment; filename="{project.slug}-atrs.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Summary Information"
    response = client.get(reverse("atrs:record_json", kwargs={"slug": project.slug}))
    document = json.loads(response.content)
    assert document["summary_information"]["name"] == "Pothole spotter"
    assert document["summary_information"]["description"] == project.summary
    assert document["source"]["id"] == project.slug
    assert document["deployment_context"]["human_review"] == (
        "It supports a person who makes the decision"
    )


def test_a_draft_or_unknown_record_does_not_download(client):
    draft = ProjectFactory()
    for name in ("atrs:record_xlsx", "atrs:record_json"):
        assert client.get(reverse(name, kwargs={"slug": draft.slug})).status_code == 404
        assert client.get(reverse(name, kwargs={"slug": "no-such-record"})).status_code == 404


# --- starting a project from an ATRS record ----------------------------------------------------


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def _upload(client, organisation, content: bytes, name="record.xlsx"):
    return client.post(
        reverse("atrs:import"),
        {"record": SimpleUploadedFile(name, content), "organisation": organisation.pk},
    )


def test_signing_in_is_needed_to_start_from_a_record(client):
    response = client.get(reverse("atrs:import"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_starts_a_draft_from_the_registers_own_atrs_workbook(client, member):
    original = record()
    response = _upload(client, member.organisation, atrs_workbook(original))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("atrs:imported", kwargs={"pk": project.pk})
    assert project.publication_state == "draft"
    assert project.lead_organisation == member.organisation
    assert project.title == original["title"]
    assert project.purpose == original["purpose"]
    assert project.contest == original["contest"]
    assert project.harm_mitigation == original["harm_mitigation"]
    assert project.status == "pilot"
    assert project.ai_decision_role == "supports_human_decision"
    assert "purpose" in project.prefilled_keys()

    page = client.get(response["Location"]).content.decode()
    assert "What the <abbr" in page
    assert "Describe the purpose(s) and any intended outputs of your project" in page
    # The Charter's questions the ATRS does not ask are listed to answer.
    assert "How will you involve beneficiaries" in page
    assert "Who is responsible for this project?" in page


def test_imported_answers_are_marked_until_they_are_edited(client, member):
    _upload(client, member.organisation, atrs_workbook(record()))
    project = Project.objects.get()
    section = SECTIONS_BY_SLUG["documenting-your-project"]
    url = reverse("submission:section", kwargs={"pk": project.pk, "slug": section.slug})
    page = client.get(url).content.decode()
    assert page.count("From the ATRS record") >= 3  # inputs, data sources, data protection
    save_section(
        project=project,
        section=section,
        data={"inputs": "Our own words now."},
        user=member.user,
        expected_lock_version=project.lock_version,
    )
    project.refresh_from_db()
    assert "inputs" not in project.prefilled_keys()
    assert "data_sources" in project.prefilled_keys()


def test_a_govuk_content_api_record_starts_a_draft(client, member):
    response = _upload(client, member.organisation, FIXTURE.read_bytes(), "record.json")
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.title == "Housing repairs triage assistant"
    assert project.topics == ["housing"]
    assert project.website == "https://www.example-borough.gov.uk/repairs-triage"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"%PDF-1.7", "The file must be an ATRS record"),
        (b"", "The selected file is empty"),
        (b"{}", "This JSON file is not an ATRS record"),
        (b"PK\x03\x04" + b"\0" * 100, "The file must be an ATRS record"),
    ],
)
def test_a_bad_file_gets_a_message_next_to_the_upload_and_no_project(
    client, member, content, message
):
    response = _upload(client, member.organisation, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'id="id_record_1_error"' in page and "govuk-file-upload--error" in page
    assert message in page
    assert not Project.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, member):
    response = _upload(client, member.organisation, b"{" + b" " * MAX_UPLOAD_BYTES + b"}")
    assert "smaller than 2 MB" in response.content.decode()
    assert not Project.objects.exists()


def test_a_record_without_a_name_is_refused(client, member):
    response = _upload(client, member.organisation, atrs_workbook(record(title="")))
    assert "no name for the tool" in response.content.decode()
    assert not Project.objects.exists()


def test_only_the_persons_own_organisations_can_lead(client, member):
    other = MembershipFactory()
    response = _upload(client, other.organisation, atrs_workbook(record()))
    assert "Select the organisation that leads the project" in response.content.decode()
    assert not Project.objects.exists()


def test_someone_with_no_organisation_is_sent_to_start_a_project_first(client):
    client.force_login(UserFactory())
    page = client.get(reverse("atrs:import")).content.decode()
    assert "You are not a member of an organisation" in page


def test_the_imported_page_is_only_for_the_lead_organisations_members(client, member):
    _upload(client, member.organisation, atrs_workbook(record()))
    project = Project.objects.get()
    client.force_login(UserFactory())
    assert client.get(reverse("atrs:imported", kwargs={"pk": project.pk})).status_code == 404


def test_a_huge_upload_is_refused_without_keeping_it(client, member):
    huge = b"PK\x03\x04" + b"\0" * (3 * MAX_UPLOAD_BYTES)
    response = _upload(client, member.organisation, huge)
    assert "smaller than 2 MB" in response.content.decode()
    assert not Project.objects.exists()


def test_the_upload_still_needs_its_csrf_token():
    from django.test import Client

    membership = MembershipFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(membership.user)
    response = _upload(client, membership.organisation, atrs_workbook(record()))
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_the_upload_handler_keeps_no_more_than_the_limit_needs():
    from atrs.uploads import LimitedUploadHandler

    handler = LimitedUploadHandler(None)
    handler.new_file("record", "big.xlsx", "application/octet-stream", None)
    for start in range(0, 3 * MAX_UPLOAD_BYTES, 65536):
        assert handler.receive_data_chunk(b"x" * 65536, start) is None
    uploaded = handler.file_complete(3 * MAX_UPLOAD_BYTES)
    assert uploaded.size == 3 * MAX_UPLOAD_BYTES
    assert len(uploaded.read()) == MAX_UPLOAD_BYTES + 1


def test_version_2_answers_and_impact_assessments_reach_the_draft(client, member):
    original = record()
    _upload(client, member.organisation, atrs_workbook(original))
    project = Project.objects.get()
    assert project.summary == original["summary"]
    assert project.previous_process == original["previous_process"]
    assert project.alternatives_considered == original["alternatives_considered"]
    assert project.frequency_and_scale == original["frequency_and_scale"]
    rows = list(project.impact_assessments.all())
    assert [(row.name, row.url, row.summary) for row in rows] == [
        (
            "Data protection impact assessment",
            "https://fire.example.org/dpia-visits",
            "Risks are low with the controls in place.",
        ),
        ("Equality impact assessment", "", ""),
    ]
    assert rows[0].completed_on.isoformat() == "2025-03-01"
    assert {"summary", "impact_assessments"} <= set(project.prefilled_keys())
