"""The parts of a list page that are the same on each of its pages (the search box, the filter
panel with its counts, the order) are rendered once per list and register stamp and kept in
the process: pages 2, 3... show the kept ones, and a change to the register is shown at once."""

import re

import pytest

from register.templatetags import register as register_tags
from tests.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def pilot_count(response) -> int:
    return int(re.search(r"Pilot \((\d+)\)", response.content.decode())[1])


def test_the_pages_of_a_list_show_the_same_kept_filter_panel(client):
    PublishedProjectFactory.create_batch(23, status="pilot")
    first = client.get("/register/?status=pilot").content.decode()
    kept = len(register_tags._kept_parts._values)
    second = client.get("/register/?status=pilot&page=2").content.decode()

    assert len(register_tags._kept_parts._values) == kept  # the first page's, kept
    column = re.compile(r'<div class="govuk-grid-column-one-third">.*?</fieldset>', re.S)
    assert column.search(first)[0] == column.search(second)[0]
    assert "23 projects" in second


def test_a_change_to_the_register_is_shown_on_the_next_page_at_once(client):
    PublishedProjectFactory.create_batch(3, status="pilot")
    assert pilot_count(client.get("/register/?status=pilot")) == 3

    PublishedProjectFactory(status="pilot")

    later = client.get("/register/?status=pilot&page=2")  # past the end: the last page
    assert pilot_count(later) == 4
    assert "4 projects" in later.content.decode()


def test_a_list_with_other_filters_or_another_order_has_its_own_panel(client):
    PublishedProjectFactory.create_batch(2, status="pilot")
    PublishedProjectFactory(status="in_use")
    client.get("/register/?status=pilot")

    other = client.get("/register/?status=in_use").content.decode()

    assert "1 project<" in other
    assert 'value="in_use" checked' in other
