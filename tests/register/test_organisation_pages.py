"""The organisations directory (signatories first, with the date signed) and one organisation."""

import datetime
import html
import re

import pytest

from organisations.models import Organisation
from projects.models import PublicationState
from tests.factories import OrganisationFactory, ProjectFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def organisations():
    early = OrganisationFactory(
        name="Zed Council", is_signatory=True, signed_on=datetime.date(2025, 5, 1)
    )
    late = OrganisationFactory(
        name="Able Trust", type="nhs", is_signatory=True, signed_on=datetime.date(2025, 9, 12)
    )
    supplier = OrganisationFactory(
        name="Analytics Ltd", type="commercial", mission_statement="Help."
    )
    hidden = OrganisationFactory(name="Only Drafts Ltd")
    PublishedProjectFactory(title="Zed project", with_organisation=early)
    PublishedProjectFactory(title="Supplied project", with_organisation=supplier)
    ProjectFactory(title="A draft", with_organisation=hidden)
    return {"early": early, "late": late, "supplier": supplier, "hidden": hidden}


def test_signatories_come_first_with_the_date_they_signed(client, organisations):
    page = text(client.get("/organisations/"))

    assert page.index("Zed Council") < page.index("Able Trust") < page.index("Analytics Ltd")
    assert "1 May 2025" in page and "12 September 2025" in page
    assert "Only Drafts Ltd" not in page


def test_an_organisation_page_lists_its_published_projects_only(client, organisations):
    ProjectFactory(
        title="Unpublished work",
        with_organisation=organisations["early"],
        publication_state=PublicationState.SUBMITTED,
    )

    response = client.get("/organisations/zed-council/")
    page = text(response)

    assert response.status_code == 200
    assert "Signed the Charter" in page and "on 1 May 2025" in page
    assert "Zed project" in page
    assert "Unpublished work" not in page


def test_a_commercial_organisation_shows_its_mission_statement(client, organisations):
    page = text(client.get("/organisations/analytics-ltd/"))

    assert "Has not signed the Charter" in page
    assert "Mission statement" in page and "Help." in page


def test_unknown_or_unlisted_organisations_are_not_found(client, organisations):
    assert client.get("/organisations/no-such/").status_code == 404
    assert client.get("/organisations/only-drafts-ltd/").status_code == 404


def test_organisation_names_are_escaped(client):
    organisation = Organisation.objects.create(
        name="<b>Bold</b> Ltd", slug="bold", type="other", is_signatory=True
    )
    PublishedProjectFactory(with_organisation=organisation)

    for path in ["/organisations/", "/organisations/bold/"]:
        page = client.get(path).content.decode()
        assert "<b>Bold" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt; Ltd" in page


def test_projects_link_to_their_organisations(client, organisations):
    project = PublishedProjectFactory(with_organisation=organisations["late"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert re.search(r'href="/organisations/able-trust/"', page)
