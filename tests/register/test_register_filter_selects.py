"""The register's drop-down filters (organisation, principle) and the order are GOV.UK selects
that list every choice, with counts for organisations, and keep the chosen one selected."""

import re

import pytest

from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def select(page: str, name: str) -> str:
    return re.search(rf'<select name="{name}"[^>]*>.*?</select>', page, re.S).group(0)


def test_the_selects_are_styled_list_every_choice_and_keep_the_chosen_one(client):
    council = OrganisationFactory(name="Wirral & District Council")
    PublishedProjectFactory(with_organisation=council)
    PublishedProjectFactory(with_organisation=OrganisationFactory(name="Data Ltd"))

    page = client.get(f"/register/?organisation={council.slug}&principle=3&sort=title")
    page = page.content.decode()

    organisations = select(page, "organisation")
    assert 'class="govuk-select" id="id_organisation"' in organisations
    assert '<option value="">Any organisation</option>' in organisations
    assert (
        f'<option value="{council.slug}" selected>Wirral &amp; District Council (1)</option>'
        in (organisations)
    )
    assert re.search(r'<option value="data-ltd">Data Ltd \(1\)</option>', organisations)
    principles = select(page, "principle")
    assert 'class="govuk-select"' in principles
    assert '<option value="3" selected>Principle 3</option>' in principles
    assert principles.count("<option") == 12
    assert '<option value="title" selected>Title (A to Z)</option>' in select(page, "sort")
    assert '<label for="id_organisation" class="govuk-label">' in page
