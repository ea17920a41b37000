"""What the register shows from version 2 of the open data format: the summary in the list, on
the home page, in the feed and at the top of the project page (the purpose for records published
before summaries were asked for); impact assessments as dated links; organisation identifiers
linked to the public registers; search and the principle filter covering the new answers."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from projects.models import ImpactAssessment, Project, ProjectOrganisation
from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SUMMARY = "We find the homes most at risk of fire and offer a free visit."
PURPOSE = "To reduce deaths and injuries from house fires.\n\nA second paragraph of detail."


def published(**kwargs):
    project = PublishedProjectFactory(**kwargs)
    Project.objects.filter(pk=project.pk).refresh_search_vector()
    return project


@pytest.fixture
def new_and_old():
    new = published(title="Fire safety visits", summary=SUMMARY, purpose=PURPOSE)
    old = published(title="Street lights", summary="", purpose="To light streets at night.")
    return new, old


@pytest.mark.parametrize("url", ["/", "/register/"])
def test_lists_show_the_summary_or_for_an_old_record_its_purpose(client, new_and_old, url):
    html = client.get(url).content.decode()
    assert SUMMARY in html
    assert "To reduce deaths and injuries" not in html
    assert "To light streets at night." in html


def test_the_project_page_starts_with_the_summary(client, new_and_old):
    new, old = new_and_old
    html = client.get(new.get_absolute_url()).content.decode()
    assert f'<p class="govuk-body-l app-summary">{SUMMARY}</p>' in html
    assert 'id="answer-summary"' in html


def test_an_old_record_shows_no_empty_summary(client, new_and_old):
    _new, old = new_and_old
    html = client.get(old.get_absolute_url()).content.decode()
    assert '<p class="govuk-body-l">To light streets at night.</p>' in html
    assert 'id="answer-summary"' not in html


def test_the_feed_describes_each_entry_with_its_summary(client, new_and_old):
    feed = ET.fromstring(client.get("/feed/").content)  # noqa: S314 - our own feed, in a test
    summaries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary").text
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert summaries["New project: Fire safety visits"] == SUMMARY
    assert summaries["New project: Street lights"] == "To light streets at night."


def test_impact_assessments_are_dated_links_on_the_project_page(client):
    project = published(title="Fire safety visits")
    ImpactAssessment.objects.create(
        project=project,
        name="Data protection impact assessment",
        completed_on=datetime.date(2025, 3, 14),
        url="https://example.org/dpia.pdf",
        summary="Low risk.",
    )
    ImpactAssessment.objects.create(project=project, name="Equality impact assessment", position=1)
    html = client.get(project.get_absolute_url()).content.decode()
    assert (
        '<a class="govuk-link" href="https://example.org/dpia.pdf" rel="noopener">'
        "Data protection impact assessment</a>"
    ) in html
    assert 'Completed <time datetime="2025-03-14">14 March 2025</time>' in html
    assert "What it found: Low risk." in html
    assert "<strong>Equality impact assessment</strong>" in html
    assert "Date not given. Not published online" in html


def test_a_project_without_impact_assessments_says_none_are_listed(client):
    project = published()
    assert "None listed" in client.get(project.get_absolute_url()).content.decode()


def test_contributions_show_with_the_organisations(client):
    project = published()
    ProjectOrganisation.objects.create(
        project=project,
        organisation=OrganisationFactory(name="Example Analytics Ltd"),
        role="supplier",
        contribution="Builds the model.",
        position=1,
    )
    assert ": Builds the model." in client.get(project.get_absolute_url()).content.decode()


def test_the_organisation_page_links_its_identifiers_to_the_public_registers(client):
    organisation = OrganisationFactory(
        companies_house_number="01234567", charity_number="SC012345", ods_code="RBQ"
    )
    published(with_organisation=organisation)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "In the UK&#x27;s public registers" in html or "In the UK's public registers" in html
    for value, link in [
        ("01234567", "https://find-and-update.company-information.service.gov.uk/company/01234567"),
        ("SC012345", "https://www.oscr.org.uk/about-charities/search-the-register/charity-details"),
        ("RBQ", "https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/RBQ"),
    ]:
        assert f"data-quoted>{value}</dd>" in html
        assert link in html


def test_an_organisation_without_identifiers_has_no_such_section(client):
    organisation = OrganisationFactory()
    published(with_organisation=organisation)
    assert 'id="identifiers"' not in client.get(organisation.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("summary", "lamppost brightness"),
        ("frequency_and_scale", "fortnightly"),
        ("previous_process", "clipboard"),
        ("alternatives_considered", "leaflets"),
    ],
)
def test_search_covers_the_summary_and_the_optional_answers(client, field, words):
    published(title="Street lights", **{field: f"About {words} here."})
    published(title="Bus routes")
    html = client.get("/register/", {"q": words}).content.decode()
    assert ">Street lights</a>" in html
    assert ">Bus routes</a>" not in html


def test_the_principle_filter_counts_impact_assessments_as_evidence(client):
    with_one = published(title="With an assessment")
    published(title="Without one", data_protection="", five_safes="")
    ImpactAssessment.objects.create(project=with_one, name="Data protection impact assessment")
    Project.objects.filter(pk=with_one.pk).refresh_search_vector()  # the register changed
    # Principle 7 is evidenced by data_protection and impact assessments only.
    html = client.get("/register/", {"principle": "7"}).content.decode()
    assert ">With an assessment</a>" in html
    assert ">Without one</a>" not in html
