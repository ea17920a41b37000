"""The "Open data" page, and the "Download this record" links for a project's page."""

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape

from projects.questions import ANSWER_KEYS, QUESTIONS
from register.selectors import public_record
from tests.factories import ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_the_open_data_page_explains_formats_licence_schema_and_api(client):
    response = client.get("/open-data/")
    assert response.status_code == 200
    assert response.context["nav_section"] == "open-data"
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Open data</h1>' in html
    for link in [
        'href="/register.csv"',
        'href="/register.json"',
        'href="/register.schema.json"',
        'href="/feed/"',
        'href="/api/docs/"',
        'href="/api/schema/"',
        'href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"',
    ]:
        assert link in html
    assert "Open Government Licence v3.0" in html
    assert "Examples of use" in html


def test_the_open_data_page_lists_every_key_with_its_question(client):
    html = client.get("/open-data/").content.decode()
    for key in ["id", "principles", "organisations", "responsible_people", *ANSWER_KEYS]:
        assert f"<code>{key}</code>" in html
    assert escape(QUESTIONS["contest"].label) in html


def test_the_open_data_page_marks_open_data_as_the_current_section(client):
    html = client.get("/open-data/").content.decode()
    assert 'href="/open-data/" aria-current="page"' in html


def test_download_this_record_links_for_a_published_project():
    project = public_record(PublishedProjectFactory(slug="bins", title="Bins").slug)
    html = render_to_string("open_data/includes/download_record.html", {"project": project})
    assert "Download this record" in html
    assert 'href="/register/bins.json"' in html
    assert 'href="/api/projects/bins/"' in html
    assert 'download="bins.json"' in html


def test_no_download_links_for_a_draft():
    html = render_to_string(
        "open_data/includes/download_record.html", {"project": ProjectFactory(slug="draft")}
    )
    assert "Download" not in html
