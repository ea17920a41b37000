"""Each project's list entry (title, lead organisation, stage, summary) is read once per
register stamp and kept in the process: a list page of projects shown lately reads no project,
one of projects not shown reads them in one query, and a change to the register (a renamed
organisation, a new title) shows on the next list page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_cache(settings):
    """Count the pages' own queries, not the shared cache's (the database cache in tests)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def queries_and_page(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Register-Cache"] == "miss"
    return len(queries), response.content.decode()


def test_projects_shown_on_one_list_are_not_read_again_for_another(client):
    PublishedProjectFactory.create_batch(3, status="pilot")
    client.get("/register/?sort=newest&seen=1")  # the index and the order, after the change

    first, _page = queries_and_page(client, "/register/?sort=title")
    again, page = queries_and_page(client, "/register/?sort=title&status=pilot")

    assert first == 1  # the three projects with their lead organisations' names
    assert again == 0
    assert page.count('class="app-project-list__item"') == 3


def test_projects_not_shown_before_are_read_in_one_query(client):
    PublishedProjectFactory.create_batch(25)
    client.get("/register/?seen=1")  # page 1's 20 projects

    queries, page = queries_and_page(client, "/register/?page=2")

    assert queries == 1
    assert page.count('class="app-project-list__item"') == 5


def test_a_renamed_lead_organisation_shows_on_the_next_list_page(client):
    organisation = OrganisationFactory(name="Old Name Trust")
    PublishedProjectFactory(with_organisation=organisation)
    assert "Led by Old Name Trust." in client.get("/register/").content.decode()

    organisation.name = "New Name Trust"
    organisation.save()

    page = client.get("/register/?sort=title").content.decode()
    assert "Led by New Name Trust." in page
    assert "Old Name Trust" not in page


def test_a_new_title_shows_on_the_next_list_page(client):
    project = PublishedProjectFactory(title="Library opening hours")
    client.get("/register/")

    project.title = "Library opening times"
    project.save()  # a published version saved: the register changed

    assert "Library opening times" in client.get("/register/?sort=title").content.decode()
